import { checkPlainLanguage, sentences, syllables, words } from "./plain-language.ts";

/**
 * Easy Read's stricter rules (issue 18): short sentences, one idea each, everyday words. Built on the
 * plain-language check's own functions; the ordinary check is unchanged.
 */
export const EASY_READ_SENTENCE_WORDS = 12;
const JOINING_WORDS = /\b(and|but|or|because|which|although|unless|whereas|however|if)\b/gi;

export type EasyReadHint =
  | { kind: "long-sentence"; sentence: string; words: number; message: string }
  | { kind: "two-ideas"; sentence: string; message: string }
  | { kind: "long-word"; word: string; message: string }
  | { kind: "jargon"; word: string; message: string };

export function checkEasyRead(text: string): EasyReadHint[] {
  const hints: EasyReadHint[] = [];
  for (const sentence of sentences(text)) {
    const count = words(sentence).length;
    if (count > EASY_READ_SENTENCE_WORDS) {
      hints.push({
        kind: "long-sentence",
        sentence,
        words: count,
        message: `This sentence has ${count} words. In Easy Read, keep each sentence to ${EASY_READ_SENTENCE_WORDS} words or fewer.`,
      });
    }
    const joins = sentence.match(JOINING_WORDS)?.length ?? 0;
    const commas = (sentence.match(/[,;:]/g) ?? []).length;
    if (joins + commas >= 2) {
      hints.push({
        kind: "two-ideas",
        sentence,
        message: "This sentence may say more than one thing. In Easy Read, say one thing in each sentence.",
      });
    }
  }
  for (const word of new Set(words(text))) {
    if (syllables(word) >= 3 && word.length >= 9) {
      hints.push({ kind: "long-word", word, message: `“${word}” is a long word. Is there a shorter one?` });
    }
  }
  for (const hint of checkPlainLanguage(text).hints) {
    if (hint.kind === "jargon") hints.push({ kind: "jargon", word: hint.word, message: hint.message });
  }
  return hints;
}
