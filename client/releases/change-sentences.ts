import type { ReleaseRow, ReleaseTable } from "../../shared/contract/releases.ts";
import { waveInSentence } from "../../shared/follow-ups/wave-label.ts";
import { changeSentence, sentenceKind } from "../../shared/stats/plain-language.ts";
import { DEFAULT_LEVEL } from "../../shared/stats/result.ts";

export interface ChangeReading {
  rowKey: string;
  /** The row it is about ("Everyone", an area). */
  who: string;
  sentence: string;
}

/**
 * What each row of a change table means, in plain words, from its published figures only: the
 * average change and its likely range, and whether the range says it is more than chance. Only from
 * figures the reader already has (rounded as printed), so it tells nothing the table does not; a row
 * whose change or range is withheld gets no sentence. "Better" or "worse" only where the question says
 * which way is better and the range is all on one side of no change.
 */
export function changeReadings(table: ReleaseTable): ChangeReading[] {
  if (table.kind !== "change" || !table.change || !table.indicator) return [];
  const { fromWave, toWave } = table.change;
  const kind = sentenceKind(table.indicator.kind);
  const readings: ChangeReading[] = [];
  for (const row of table.rows) {
    const mean = published(row, "change");
    const lower = published(row, "lower");
    const upper = published(row, "upper");
    if (mean === null || lower === null || upper === null || lower > upper) continue;
    readings.push({
      rowKey: row.key,
      who: row.label,
      sentence: changeSentence({
        kind,
        direction: table.indicator.direction,
        mean,
        lower,
        upper,
        fromName: waveInSentence(fromWave),
        toName: waveInSentence(toWave),
        levelPercent: Math.round(DEFAULT_LEVEL * 100),
        // As the table prints them (the check rounded them to one decimal).
        fractionDigits: 1,
      }),
    });
  }
  return readings;
}

function published(row: ReleaseRow, column: string): number | null {
  const cell = row.cells[column];
  return cell?.published ? cell.value : null;
}
