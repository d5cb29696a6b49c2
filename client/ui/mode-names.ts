/** How an interview was done, in the analyst's words (the researcher's own screens say "by me"). */
export const modeNames: Record<string, string> = {
  read_aloud: "Read aloud by the peer researcher",
  self_completed: "Completed by the participant",
  mixed: "Mixed (handed over for some questions)",
};
