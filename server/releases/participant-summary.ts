import type { ParticipantSummary, ReleaseSnapshot, ReleaseTable } from "../../shared/contract/releases.ts";
import { band, readingEase } from "../../shared/editor/plain-language.ts";

/**
 * The plain-English summary for participants, generated from the released figures only (a withheld
 * cell has no number to use), short sentences, no figures finer than "in every 100". Experts edit it
 * before publishing; its reading ease is shown with the shared plain-language scorer.
 */

const bandLabel: Record<ReturnType<typeof band>, string> = {
  "very easy": "Very easy to read",
  plain: "Easy to read",
  "fairly hard": "Fairly hard to read",
  hard: "Hard to read",
  "very hard": "Very hard to read",
};

export function scoreSummary(text: string): { readingEase: number; readingEaseLabel: string } {
  const score = readingEase(text) ?? 0;
  return { readingEase: score, readingEaseLabel: bandLabel[band(score)] };
}

function published(table: ReleaseTable, rowKey: string, columnKey: string): number | null {
  const cell = table.rows.find((r) => r.key === rowKey)?.cells[columnKey];
  return cell?.published ? cell.value : null;
}

/** A question in quotes, ending the sentence: "answered “How safe do you feel?”" takes no second stop. */
function quotedEnd(title: string): string {
  return /[?!.]$/.test(title) ? `“${title}”` : `“${title}”.`;
}

/**
 * Which way the same people's answers moved, said only where the likely range of the change is all on
 * one side of zero (the dashboard's "clearly better" rule); a change whose range is withheld or crosses
 * zero is not told as a rise or a fall.
 */
function changeSentence(table: ReleaseTable, n: number, title: string): string {
  const lower = published(table, "all", "lower");
  const upper = published(table, "all", "upper");
  const yesNo = table.indicator?.kind === "yes_no";
  const asked = `We asked ${n} people about “${title}” twice.`;
  if (lower !== null && lower > 0)
    return `${asked} ${yesNo ? "More of them said yes the second time." : "On average, their answers went up."}`;
  if (upper !== null && upper < 0)
    return `${asked} ${yesNo ? "Fewer of them said yes the second time." : "On average, their answers went down."}`;
  return `${asked} Their answers did not clearly go up or down.`;
}

/** A choice as people chose it: a number on a scale of numbers reads "3 out of 5", not “3”. */
function answerWords(label: string, labels: string[]): string {
  const numbers = labels.map(Number);
  if (labels.every((l) => /^\d+$/.test(l))) return `${label} out of ${Math.max(...numbers)}`;
  return `“${label}”`;
}

function sentenceFor(table: ReleaseTable): string | null {
  const title = table.indicator?.title ?? table.title;
  if (table.kind === "change") {
    const n = published(table, "all", "n");
    return n === null ? null : changeSentence(table, n, title);
  }
  const answered = published(table, "all", "answered");
  if (answered === null || answered === 0) return null;
  const labels: string[] = [];
  let best: { label: string; percent: number } | null = null;
  for (const col of table.columns) {
    if (col.kind !== "percent") continue;
    const label = col.label.replace(/ \(%\)$/, "");
    labels.push(label);
    const p = published(table, "all", col.key);
    if (p !== null && (best === null || p > best.percent)) best = { label, percent: p };
  }
  const said = `${answered} people answered ${quotedEnd(title)}`;
  if (!best) return said;
  return `${said} The most common answer was ${answerWords(best.label, labels)}: about ${best.percent} in every 100 people.`;
}

/**
 * The opening thanks people for taking part and names the survey only in quotes: a survey's title
 * ("Participant interview", "MEAM wellbeing survey 2026") is a name, not a phrase that fits into a
 * sentence, so it is never the object of "taking part in".
 */
export function opening(surveyTitle: string | null): string {
  const title = surveyTitle?.trim();
  const from = title ? ` in “${title}”` : "";
  return `Thank you for taking part in our research. Here is some of what people told us${from}.`;
}

export function generateSummary(
  surveyTitle: string | null,
  snapshot: ReleaseSnapshot,
  now: string,
): ParticipantSummary {
  const seen = new Set<string>();
  const lines: string[] = [opening(surveyTitle)];
  for (const t of snapshot.tables) {
    const key = `${t.kind}:${t.indicator?.key ?? ""}`;
    if (t.kind === "participation" || seen.has(key)) continue;
    const s = sentenceFor(t);
    if (s) {
      lines.push(s);
      seen.add(key);
    }
  }
  const withheld = snapshot.checklist.some((c) => c.withheld.length > 0);
  if (withheld)
    lines.push(
      "Some numbers are not shown. They were about very few people, and we keep your answers private.",
    );
  const text = lines.join("\n\n");
  return { text, ...scoreSummary(text), editedBy: null, updatedAt: now };
}
