import type { ParticipantWords } from "./participant-words.ts";

// Easy Read English: short sentences, one idea each, everyday words (the plain-language check's rules).
export const words: ParticipantWords = {
  handOverStrong: "You answer on your own now.",
  handOverRest: "No one else can see your answers. When you finish, give the tablet back.",
  showCardStrong: "Here are the answers.",
  showCardRest: "Tap your answer. Or tell the interviewer.",
  wantBreak: "I want a break",
  wantStop: "I want to stop",
  giveBack: "Give the tablet back",
  giveBackToInterviewer: "Please give the tablet back to the interviewer",
  thanksGiveBack: "Thank you. Please give the tablet back",
  handBackLead: {
    complete: "You have finished. The interviewer will do the last part.",
    section_end: "You have answered the questions on your own. The interviewer will carry on now.",
    give_back: "The interviewer will carry on now.",
    break: "You asked for a break. The interviewer will help you now.",
    stop: "You asked to stop. You do not have to answer more questions. The interviewer will help you now.",
  },
  consentNo: "Stop here: I do not agree",
  consentNote: "You choose. You can say no. If you say no, we only keep your no.",
  emergency: "If you are in danger now, phone 999.",
  servicesIn: "In {area}",
  phone: "Phone:",
  open: "Open:",
  where: "Where:",
  anywhere: "Anywhere in England",
  freeDayOrNight: "free, any time, day or night",
  dayOrNight: "any time, day or night",
  nhs111: "NHS 111. Press 2 if you need help with your mental health now.",
  shoutName: "Shout: help by text message",
  shoutText: "Send a text that says SHOUT to 85258. It is free. Any time, day or night.",
};
