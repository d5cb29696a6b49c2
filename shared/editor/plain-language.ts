import { jargon } from "./jargon.ts";

/**
 * A plain-language check for the words a participant reads. Reading ease is Flesch's formula
 * (206.835 − 1.015 × words per sentence − 84.6 × syllables per word), clamped to 0–100: higher is
 * easier, and 60 or more is plain English. A formula is only a prompt, so each result also carries
 * concrete hints: sentences over 20 words, long words, and jargon with a plainer alternative.
 */
export const PLAIN_TARGET = 60;
export const LONG_SENTENCE_WORDS = 20;
/** Below this many words the formula is noise ("We decide together" scores 35), so only hints count. */
export const MIN_WORDS_FOR_SCORE = 6;
const LONG_WORD_SYLLABLES = 4;
const LONG_WORD_LETTERS = 13;

export type ReadingBand = "very easy" | "plain" | "fairly hard" | "hard" | "very hard";

export type PlainLanguageHint =
  | { kind: "long-sentence"; words: number; sentence: string; message: string }
  | { kind: "long-word"; word: string; message: string }
  | { kind: "jargon"; word: string; instead: string; message: string };

export interface PlainLanguageResult {
  /** 0–100, higher is easier; null when there are no words to score. */
  score: number | null;
  band: ReadingBand | null;
  words: number;
  sentences: number;
  hints: PlainLanguageHint[];
}

const WORD = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;

export function words(text: string): string[] {
  return text.match(WORD) ?? [];
}

/** Sentences end at . ! ? or a line break; a question with no full stop is one sentence. */
export function sentences(text: string): string[] {
  return text
    .split(/(?<=[.!?…])\s+|\n+/)
    .map((s) => s.trim())
    .filter((s) => words(s).length > 0);
}

/** English syllables by the usual vowel-group rule; good to about one syllable in ten words. */
export function syllables(word: string): number {
  let w = word.toLowerCase().replace(/[^a-z]/g, "");
  if (w.length === 0) return word.length > 0 ? 1 : 0; // digits: count a number as one
  if (w.length <= 3) return 1;
  w = w.replace(/(?:[^laeiouy]es|[^laeiouy]ed|[^laeiouy]e)$/, (m) => m.slice(0, 1));
  w = w.replace(/^y/, "");
  const groups = w.match(/[aeiouy]{1,2}/g);
  return Math.max(1, groups?.length ?? 0);
}

export function band(score: number): ReadingBand {
  if (score >= 80) return "very easy";
  if (score >= PLAIN_TARGET) return "plain";
  if (score >= 50) return "fairly hard";
  if (score >= 30) return "hard";
  return "very hard";
}

export function readingEase(text: string): number | null {
  const all = words(text);
  if (all.length === 0) return null;
  const count = Math.max(1, sentences(text).length);
  const syllableCount = all.reduce((sum, w) => sum + syllables(w), 0);
  const raw = 206.835 - 1.015 * (all.length / count) - 84.6 * (syllableCount / all.length);
  return Math.round(Math.min(100, Math.max(0, raw)));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

const jargonPatterns = [...jargon].map(([word, instead]) => ({
  word,
  instead,
  pattern: new RegExp(`(?<![\\p{L}-])${escapeRegExp(word).replace(/ /g, "\\s+")}(?![\\p{L}-])`, "iu"),
}));

export function checkPlainLanguage(text: string): PlainLanguageResult {
  const all = words(text);
  const sentenceList = sentences(text);
  const score = readingEase(text);
  const hints: PlainLanguageHint[] = [];
  for (const sentence of sentenceList) {
    const n = words(sentence).length;
    if (n > LONG_SENTENCE_WORDS) {
      hints.push({
        kind: "long-sentence",
        words: n,
        sentence,
        message: `This sentence has ${n} words. Try to keep each sentence under ${LONG_SENTENCE_WORDS}.`,
      });
    }
  }
  const jargonFound = new Set<string>();
  for (const { word, instead, pattern } of jargonPatterns) {
    if (pattern.test(text)) {
      jargonFound.add(word);
      hints.push({ kind: "jargon", word, instead, message: `“${word}” is jargon. Try: ${instead}.` });
    }
  }
  const seen = new Set<string>();
  for (const word of all) {
    const lower = word.toLowerCase();
    if (seen.has(lower) || jargonFound.has(lower)) continue;
    seen.add(lower);
    const letters = lower.replace(/[^\p{L}]/gu, "").length;
    if (syllables(word) >= LONG_WORD_SYLLABLES || letters >= LONG_WORD_LETTERS) {
      hints.push({ kind: "long-word", word, message: `“${word}” is a long word. Is there a shorter one?` });
    }
  }
  return {
    score,
    band: score === null ? null : band(score),
    words: all.length,
    sentences: sentenceList.length,
    hints,
  };
}
