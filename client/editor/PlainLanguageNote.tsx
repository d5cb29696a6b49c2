import { checkPlainLanguage, MIN_WORDS_FOR_SCORE, PLAIN_TARGET } from "../../shared/editor/plain-language.ts";

/**
 * The plain-language check for one participant-facing string, shown right under the field. It is a
 * prompt, not a rule: the score and each hint are there to talk about in the workshop.
 */
export function PlainLanguageNote({ id, text }: { id: string; text: string }) {
  const result = checkPlainLanguage(text);
  if (result.words === 0) return null;
  const scored = result.score !== null && result.words >= MIN_WORDS_FOR_SCORE;
  if (!scored && result.hints.length === 0) return null;
  const ok = !scored || (result.score ?? 0) >= PLAIN_TARGET;
  return (
    <div className={ok && result.hints.length === 0 ? "plain plain--ok" : "plain plain--warn"} id={id}>
      {scored && (
        <p className="plain__score">
          Reading ease {result.score} of 100: {result.band}
          {ok ? "" : ` (aim for ${PLAIN_TARGET} or more)`}
        </p>
      )}
      {result.hints.length > 0 && (
        <ul className="plain__hints">
          {result.hints.map((hint) => (
            <li key={`${hint.kind}:${"word" in hint ? hint.word : hint.sentence}`}>{hint.message}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
