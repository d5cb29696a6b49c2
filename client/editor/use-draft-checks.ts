import { useDeferredValue, useMemo } from "react";
import { checkDefinition as checkLocally } from "../../shared/editor/check-definition.ts";
import { worstQuestions } from "../../shared/editor/plain-language-survey.ts";
import type { SurveyJson } from "../../shared/editor/survey-json.ts";
import { outcomeIds } from "./theory-of-change.ts";
import { useEverydayWords } from "./use-everyday-words.ts";

/**
 * The checks the editor runs as you type: the problems a save would refuse (errors) or mention
 * (warnings), and each question's plain-language reading. They run on a deferred copy of the working
 * survey, so typing stays quick on a slow tablet while the checks catch up.
 */
export function useDraftChecks(working: SurveyJson | null) {
  const checked = useDeferredValue(working);
  const issues = useMemo(() => (checked ? checkLocally(checked, { outcomeIds }).issues : []), [checked]);
  const errors = issues.filter((i) => i.severity === "error");
  const everyday = useEverydayWords();
  const plain = useMemo(() => (checked ? worstQuestions(checked, { everyday }) : []), [checked, everyday]);
  const plainByName = useMemo(() => new Map(plain.map((q) => [q.name, q])), [plain]);
  return { issues, errors, plain, plainByName };
}
