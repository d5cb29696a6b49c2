import {
  checkPlainLanguage,
  LONG_SENTENCE_WORDS,
  MIN_WORDS_FOR_SCORE,
  PLAIN_TARGET,
} from "../../shared/editor/plain-language.ts";
import { useEverydayWords } from "./use-everyday-words.ts";

/**
 * The plain-language check for one participant-facing string, shown right under the field. It is a
 * prompt, not a rule: the score, how it was reached and each hint are there to talk about in the
 * workshop.
 */
export function PlainLanguageNote({ id, text }: { id: string; text: string }) {
  const everyday = useEverydayWords();
  const result = checkPlainLanguage(text, { everyday });
  if (result.words === 0) return null;
  const scored = result.score !== null && result.words >= MIN_WORDS_FOR_SCORE;
  if (!scored && result.hints.length === 0) return null;
  const ok = !scored || (result.score ?? 0) >= PLAIN_TARGET;
  return (
    <div className={ok && result.hints.length === 0 ? "plain plain--ok" : "plain plain--warn"} id={id}>
      {scored && (
        <p className="plain__score">
          Easy to read: {result.score} out of 100, {result.band}
          {ok ? "" : ` (aim for ${PLAIN_TARGET} or more)`}
        </p>
      )}
      {scored && result.steps.length > 1 && (
        <details className="plain__why">
          <summary>Why this score</summary>
          <ul>
            {result.steps.map((step, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: steps have no identity beyond their order.
              <li key={index}>
                {index === 0
                  ? `Starts at ${step.points}, from how long the sentences and words are (the Flesch reading-ease formula).`
                  : `${-step.points} off. ${step.reason}.`}
              </li>
            ))}
          </ul>
        </details>
      )}
      {result.hints.length > 0 && (
        <ul className="plain__hints">
          {result.hints.map((hint) => (
            <li key={`${hint.kind}:${"word" in hint ? hint.word : hint.sentence}`}>
              {hint.kind === "long-sentence"
                ? `The sentence “${hint.sentence}” has ${hint.words} words. Try to keep each sentence under ${LONG_SENTENCE_WORDS}.`
                : hint.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
