import { jargon } from "./jargon.ts";

/**
 * A plain-language check for the words a participant reads. Reading ease is Flesch's formula
 * (206.835 − 1.015 × words per sentence − 84.6 × syllables per word), clamped to 0–100: higher is
 * easier, and 60 or more is plain English. A formula alone misses what makes a sentence hard for many
 * readers (Flesch rated a 22-word sentence with "notwithstanding" 69, "plain"), so the score takes
 * points off for each sentence over 20 words and for each word that is not everyday English or has a
 * plainer alternative, and `steps` says how the score was reached. Each result also carries concrete
 * hints: long sentences, uncommon words, long words, and jargon with a plainer alternative.
 *
 * Uncommon words need the everyday word list (`everyday-words.ts`), which the caller passes in: the
 * editor loads it lazily, so the list is not in any other bundle. Without it, words are not judged.
 */
export const PLAIN_TARGET = 60;
export const LONG_SENTENCE_WORDS = 20;
/** Below this many words the formula is noise ("We decide together" scores 35), so only hints count. */
export const MIN_WORDS_FOR_SCORE = 6;
const LONG_WORD_SYLLABLES = 4;
const LONG_WORD_LETTERS = 13;

export type ReadingBand = "very easy" | "plain" | "fairly hard" | "hard" | "very hard";

/** Points off the reading ease for each sentence over LONG_SENTENCE_WORDS words. */
export const LONG_SENTENCE_PENALTY = 15;
/** Points off for each different word that is uncommon or has a plainer alternative… */
export const HARD_WORD_PENALTY = 10;
/** …up to this many points in all. */
export const MAX_HARD_WORD_PENALTY = 30;

export type PlainLanguageHint =
  | { kind: "long-sentence"; words: number; sentence: string; message: string }
  | { kind: "long-word"; word: string; message: string }
  | { kind: "jargon"; word: string; instead: string; message: string }
  | { kind: "uncommon-word"; word: string; message: string };

/** One step from the reading ease to the score, in words a person can check. */
export interface ScoreStep {
  /** Points added (the formula's starting value) or taken off (negative). */
  points: number;
  reason: string;
}

export interface PlainLanguageResult {
  /** 0–100, higher is easier; null when there are no words to score. */
  score: number | null;
  band: ReadingBand | null;
  words: number;
  sentences: number;
  hints: PlainLanguageHint[];
  /** Flesch's reading ease alone, before the points taken off. */
  readingEase: number | null;
  /** How the score was reached: the reading ease, then each deduction. Empty when there are no words. */
  steps: ScoreStep[];
  /** Words not in the everyday list (empty when no list was given). */
  uncommon: string[];
}

export interface PlainLanguageOptions {
  /** Everyday English words, lower case (`everydayWords()` from `everyday-words.ts`). */
  everyday?: ReadonlySet<string>;
}

function withoutSuffix(word: string): string[] {
  const out: string[] = [];
  const add = (stem: string) => {
    if (stem.length >= 2) out.push(stem);
  };
  const rules: [RegExp, string[]][] = [
    [/ies$/, ["y"]],
    [/ied$/, ["y"]],
    [/ier$/, ["y"]],
    [/iest$/, ["y"]],
    [/ily$/, ["y"]],
    [/es$/, ["", "e"]],
    [/s$/, [""]],
    [/ed$/, ["", "e"]],
    [/ing$/, ["", "e"]],
    [/er$/, ["", "e"]],
    [/est$/, ["", "e"]],
    [/ly$/, [""]],
    [/ness$/, [""]],
    [/ful$/, [""]],
  ];
  for (const [pattern, endings] of rules) {
    if (!pattern.test(word)) continue;
    const stem = word.replace(pattern, "");
    for (const ending of endings) add(stem + ending);
    // stopped → stop, bigger → big
    if (/([b-df-hj-np-tv-z])\1$/.test(stem)) add(stem.slice(0, -1));
  }
  return out;
}

/**
 * Whether a word is everyday English: in the list, or an ending away from a word in it ("helped",
 * "workers", "families"), a contraction of one ("don't", "you're"), a number, a single letter, or a
 * hyphenated word whose every part is everyday.
 */
export function isEverydayWord(word: string, everyday: ReadonlySet<string>): boolean {
  const lower = word.toLowerCase().replace(/’/g, "'");
  if (!/\p{L}/u.test(lower) || lower.length === 1) return true;
  if (everyday.has(lower)) return true;
  const negative = lower.match(/^(.+)n't$/);
  if (negative?.[1]) {
    const stem = negative[1];
    return stem === "wo" || stem === "sha" || everyday.has(stem) || everyday.has(`${stem}n`);
  }
  const contraction = lower.match(/^(.+)'(?:s|re|ll|ve|d|m)$/);
  if (contraction?.[1]) return isEverydayWord(contraction[1], everyday);
  if (lower.includes("-")) return lower.split("-").every((part) => isEverydayWord(part, everyday));
  return withoutSuffix(lower).some((stem) => everyday.has(stem));
}

/** A word that names someone or something ("Jo", "Leeds") is not judged: capitalised, not first. */
function isName(word: string, index: number, sentenceStarts: ReadonlySet<number>): boolean {
  return !sentenceStarts.has(index) && /^\p{Lu}\p{Ll}/u.test(word);
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

export function checkPlainLanguage(text: string, options: PlainLanguageOptions = {}): PlainLanguageResult {
  const all = words(text);
  const sentenceList = sentences(text);
  const ease = readingEase(text);
  const hints: PlainLanguageHint[] = [];
  const steps: ScoreStep[] = ease === null ? [] : [{ points: ease, reason: "Reading ease formula" }];
  for (const sentence of sentenceList) {
    const n = words(sentence).length;
    if (n > LONG_SENTENCE_WORDS) {
      hints.push({
        kind: "long-sentence",
        words: n,
        sentence,
        message: `This sentence has ${n} words. Try to keep each sentence under ${LONG_SENTENCE_WORDS}.`,
      });
      steps.push({
        points: -LONG_SENTENCE_PENALTY,
        reason: `A sentence of ${n} words: “${sentence.length > 60 ? `${sentence.slice(0, 57)}…` : sentence}”`,
      });
    }
  }
  const hardWords: string[] = [];
  const jargonFound = new Set<string>();
  for (const { word, instead, pattern } of jargonPatterns) {
    if (pattern.test(text)) {
      jargonFound.add(word);
      hardWords.push(word);
      hints.push({ kind: "jargon", word, instead, message: `“${word}” is jargon. Try: ${instead}.` });
    }
  }
  // Sentence starts, by word index, so a capitalised first word is still judged.
  const sentenceStarts = new Set<number>();
  let count = 0;
  for (const sentence of sentenceList) {
    sentenceStarts.add(count);
    count += words(sentence).length;
  }
  const uncommon: string[] = [];
  const seen = new Set<string>();
  all.forEach((word, index) => {
    const lower = word.toLowerCase();
    if (seen.has(lower) || jargonFound.has(lower)) return;
    seen.add(lower);
    if (options.everyday && !isName(word, index, sentenceStarts) && !isEverydayWord(word, options.everyday)) {
      uncommon.push(word);
      hardWords.push(lower);
      hints.push({
        kind: "uncommon-word",
        word,
        message: `“${word}” is not an everyday word. Many people may not know it: is there a plainer one?`,
      });
      return;
    }
    const letters = lower.replace(/[^\p{L}]/gu, "").length;
    if (syllables(word) >= LONG_WORD_SYLLABLES || letters >= LONG_WORD_LETTERS) {
      hints.push({ kind: "long-word", word, message: `“${word}” is a long word. Is there a shorter one?` });
    }
  });
  if (ease !== null && hardWords.length > 0) {
    const points = Math.min(MAX_HARD_WORD_PENALTY, HARD_WORD_PENALTY * hardWords.length);
    steps.push({
      points: -points,
      reason: `${hardWords.length === 1 ? "A word that many people may not know, or that has" : `${hardWords.length} words that many people may not know, or that have`} a plainer alternative: ${hardWords.map((w) => `“${w}”`).join(", ")}`,
    });
  }
  const score =
    ease === null
      ? null
      : Math.max(
          0,
          Math.min(
            100,
            steps.reduce((sum, step) => sum + step.points, 0),
          ),
        );
  return {
    score,
    band: score === null ? null : band(score),
    words: all.length,
    sentences: sentenceList.length,
    hints,
    readingEase: ease,
    steps,
    uncommon,
  };
}
