import type { ParticipantWords } from "./participant-words.ts";

// Polish. Written without a gendered "you asked" (Polish past tense marks it): the request is "passed on".
export const words: ParticipantWords = {
  handOverStrong: "Odpowiadasz samodzielnie.",
  handOverRest: "Nikt inny nie widzi Twoich odpowiedzi na ekranie. Gdy skończysz tę część, oddaj tablet.",
  showCardStrong: "To są odpowiedzi, spośród których możesz wybrać.",
  showCardRest: "Dotknij swojej odpowiedzi albo powiedz ją osobie prowadzącej wywiad.",
  wantBreak: "Chcę zrobić przerwę",
  wantStop: "Chcę zakończyć",
  giveBack: "Oddaj tablet",
  giveBackToInterviewer: "Oddaj tablet osobie prowadzącej wywiad",
  thanksGiveBack: "Dziękujemy. Oddaj tablet",
  handBackLead: {
    complete: "To już koniec. Osoba prowadząca wywiad dokończy go.",
    section_end:
      "To było ostatnie pytanie, na które odpowiadasz samodzielnie. Dalej poprowadzi osoba prowadząca wywiad.",
    give_back: "Dalej poprowadzi osoba prowadząca wywiad.",
    break: "Prośba o przerwę została przekazana. Dalej poprowadzi osoba prowadząca wywiad.",
    stop: "Prośba o zakończenie została przekazana. Nie musisz odpowiadać na kolejne pytania. Dalej poprowadzi osoba prowadząca wywiad.",
  },
  consentNo: "Zakończ tutaj: brak zgody",
  consentNote: "To Ty decydujesz, czy odpowiadać. Jeśli powiesz „nie”, zachowamy tylko Twoje „nie”.",
  emergency: "Jeśli grozi Ci niebezpieczeństwo, zadzwoń pod 999.",
  servicesIn: "Na terenie: {area}",
  phone: "Telefon:",
  open: "Godziny otwarcia:",
  where: "Adres:",
  anywhere: "W całej Anglii",
  freeDayOrNight: "bezpłatnie, całą dobę",
  dayOrNight: "całą dobę",
  comma: ", ",
  nhs111: "NHS 111 (wybierz 2, aby uzyskać pomoc w kryzysie psychicznym)",
  shoutName: "Shout: wsparcie przez SMS",
  shoutText: "Wyślij SMS o treści SHOUT pod numer 85258, bezpłatnie, całą dobę",
};
