/**
 * A wave in the words every screen and every release uses: wave 0 is the first interview (the
 * baseline), later waves are follow-ups.
 */
export function waveLabel(wave: number | string): string {
  return Number(wave) === 0 ? "First interview" : `Follow-up ${wave}`;
}
