import { MAX_WAVE } from "../../shared/contract/index.ts";
import { waveLabel } from "../../shared/follow-ups/wave-label.ts";

/**
 * An interview round is chosen by name, never typed as a number (issue 15): the first interview and
 * the follow-ups up to the twelfth, or up to `lastWave` where something already goes further.
 */
export function waveOptions(lastWave = 12): { value: string; label: string }[] {
  return Array.from({ length: Math.min(Math.max(12, lastWave), MAX_WAVE) + 1 }, (_, wave) => ({
    value: String(wave),
    label: waveLabel(wave),
  }));
}
