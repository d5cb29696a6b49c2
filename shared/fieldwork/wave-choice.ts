import type { DueParticipant } from "../contract/follow-ups.ts";
import type { InterviewEnding } from "../contract/sync.ts";
import { summariseDue } from "../follow-ups/due-waves.ts";

/**
 * Which wave an interview is: never typed by the researcher, but worked out from what is known about
 * the participant (their interviews on this tablet, and the server's due list, which may be days old)
 * and offered for them to confirm, or to change by choosing another.
 */

/** An interview with this participant for this survey that this tablet holds (in the outbox). */
export interface LocalInterview {
  wave: number;
  /** Absent is "completed", as on the wire. */
  ending?: InterviewEnding | undefined;
}

export type WaveReason =
  /** Nothing known about this code: a first interview. */
  | "new"
  /** From the server's due list (the wave due now, or the next to open). */
  | "due_list"
  /** From interviews on this tablet only (the due list does not know the code, or is not here). */
  | "tablet"
  /** The due list says every wave is done. */
  | "all_done";

export interface WaveChoice {
  /** The wave to offer first. */
  wave: number;
  reason: WaveReason;
  /** The waves the researcher may choose between, in order, always including `wave`. */
  options: number[];
}

const MAX_WAVE = 100;

export function chooseWave(
  local: readonly LocalInterview[],
  due: DueParticipant | undefined,
  now: Date,
): WaveChoice {
  const doneHere = new Set(local.map((interview) => interview.wave));
  const highestHere = local.length === 0 ? -1 : Math.max(...local.map((interview) => interview.wave));
  if (due) {
    // Waves done on this tablet but not yet on the server's list count as done.
    const waves = due.waves.map((wave) =>
      wave.ending === null && doneHere.has(wave.wave)
        ? { ...wave, ending: local.find((i) => i.wave === wave.wave)?.ending ?? "completed" }
        : wave,
    );
    const summary = summariseDue([{ ...due, waves }], now, Number.POSITIVE_INFINITY);
    const next = summary.overdue[0] ?? summary.due[0] ?? summary.upcoming[0];
    const last = Math.max(0, ...due.waves.map((wave) => wave.wave));
    if (next) return { wave: next.wave.wave, reason: "due_list", options: range(1, last) };
    const after = Math.min(MAX_WAVE, Math.max(last, highestHere) + 1);
    return { wave: after, reason: "all_done", options: range(1, after) };
  }
  if (highestHere >= 0) {
    const wave = Math.min(MAX_WAVE, highestHere + 1);
    return { wave, reason: "tablet", options: range(0, Math.max(wave, 1)) };
  }
  return { wave: 0, reason: "new", options: [0, 1] };
}

function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);
}
