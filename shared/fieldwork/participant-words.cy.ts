import type { ParticipantWords } from "./participant-words.ts";

// Welsh. The national lines listed are England's, as in English (the distress protocol's list).
export const words: ParticipantWords = {
  handOverStrong: "Rydych chi'n ateb ar eich pen eich hun.",
  handOverRest:
    "Does neb arall yn gweld eich atebion ar y sgrin. Pan fyddwch wedi gorffen y rhan hon, rhowch y llechen yn ôl.",
  showCardStrong: "Dyma'r atebion y gallwch ddewis ohonynt.",
  showCardRest: "Tapiwch eich ateb, neu dywedwch wrth y cyfwelydd.",
  wantBreak: "Rydw i eisiau seibiant",
  wantStop: "Rydw i eisiau stopio",
  giveBack: "Rhoi'r llechen yn ôl",
  giveBackToInterviewer: "Rhowch y llechen yn ôl i'r cyfwelydd, os gwelwch yn dda",
  thanksGiveBack: "Diolch. Rhowch y llechen yn ôl, os gwelwch yn dda",
  handBackLead: {
    complete: "Rydych chi wedi cyrraedd y diwedd. Bydd y cyfwelydd yn gorffen o'r fan hon.",
    section_end:
      "Dyna'r cwestiwn olaf i'w ateb ar eich pen eich hun. Bydd y cyfwelydd yn parhau o'r fan hon.",
    give_back: "Bydd y cyfwelydd yn parhau o'r fan hon.",
    break: "Gofynnoch chi am seibiant. Bydd y cyfwelydd yn parhau o'r fan hon.",
    stop: "Gofynnoch chi am gael stopio. Does dim rhaid i chi ateb rhagor o gwestiynau. Bydd y cyfwelydd yn parhau o'r fan hon.",
  },
  consentNo: "Gorffen yma: dim cydsyniad",
  consentNote: "Chi sy'n penderfynu a ydych am ateb. Os dywedwch na, dim ond eich “na” a gaiff ei gadw.",
  emergency: "Os ydych chi mewn perygl nawr, ffoniwch 999.",
  servicesIn: "Yn {area}",
  phone: "Ffôn:",
  open: "Ar agor:",
  where: "Ble:",
  anywhere: "Unrhyw le yn Lloegr",
  freeDayOrNight: "am ddim, ddydd a nos",
  dayOrNight: "ddydd a nos",
  comma: ", ",
  nhs111: "GIG 111 (pwyswch 2 am gymorth mewn argyfwng iechyd meddwl)",
  shoutName: "Shout: cymorth drwy neges destun",
  shoutText: "Tecstiwch SHOUT i 85258, am ddim, ddydd a nos",
};
