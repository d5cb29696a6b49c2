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

function sentenceFor(table: ReleaseTable): string | null {
  const title = table.indicator?.title ?? table.title;
  if (table.kind === "change") {
    const n = published(table, "all", "n");
    const change = published(table, "all", "change");
    if (n === null || change === null) return null;
    const way = change > 0.05 ? "went up" : change < -0.05 ? "went down" : "stayed about the same";
    return `We asked ${n} people about “${title}” twice. On average, their answers ${way}.`;
  }
  const answered = published(table, "all", "answered");
  if (answered === null || answered === 0) return null;
  let best: { label: string; percent: number } | null = null;
  for (const col of table.columns) {
    if (col.kind !== "percent") continue;
    const p = published(table, "all", col.key);
    if (p !== null && (best === null || p > best.percent))
      best = { label: col.label.replace(/ \(%\)$/, ""), percent: p };
  }
  if (!best) return `${answered} people answered “${title}”.`;
  return `${answered} people answered “${title}”. The most common answer was “${best.label}”: about ${best.percent} in every 100 people.`;
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
