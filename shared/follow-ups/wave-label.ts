/**
 * A wave in the words every screen and every release uses: wave 0 is the first interview (the
 * baseline), later waves are follow-ups.
 */
export function waveLabel(wave: number | string): string {
  return Number(wave) === 0 ? "First interview" : `Follow-up ${wave}`;
}

/**
 * A wave inside a sentence: "than at the first interview", "clearly better than the first
 * interview", "at follow-up 2". The label alone lower-cased read "than at first interview".
 */
export function waveInSentence(wave: number | string): string {
  return Number(wave) === 0 ? "the first interview" : `follow-up ${wave}`;
}
