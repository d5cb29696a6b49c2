import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { VersionValidator } from "../shared/survey/version-validator.ts";

/**
 * Checks answer sets against a survey with exactly the server's validation (the same VersionValidator
 * sync uses): `npm run check-answers -- survey.json answers.json`. The survey is SurveyJS JSON (or an
 * instrument file wrapping it in `{ "definition": … }`); the answers are one answer set or a list of
 * them. Prints one JSON line per set: `{ "valid": …, "issues": [{ "path": …, "message": … }] }`.
 * Exits 0 when every set is valid, 1 when any is not, 2 when the files cannot be read.
 */

export interface CheckedSet {
  valid: boolean;
  issues: { path: string; message: string }[];
}

export function checkAnswers(survey: unknown, answers: unknown): CheckedSet[] {
  const record = survey as Record<string, unknown> | null;
  const definition =
    record && typeof record.definition === "object" && !record.pages && !record.elements
      ? record.definition
      : survey;
  const validator = new VersionValidator(definition);
  const sets = Array.isArray(answers) ? answers : [answers];
  return sets.map((data) => {
    if (typeof data !== "object" || data === null || Array.isArray(data))
      return { valid: false, issues: [{ path: "", message: "An answer set must be a JSON object." }] };
    const issues = validator
      .validate(data as Record<string, unknown>)
      .map((i) => ({ path: i.path ?? i.question, message: i.message }));
    return { valid: issues.length === 0, issues };
  });
}

function main(args: string[]): number {
  const [surveyFile, answersFile] = args.filter((a) => a !== "--");
  if (!surveyFile || !answersFile) {
    console.error("Usage: npm run check-answers -- survey.json answers.json");
    return 2;
  }
  let survey: unknown;
  let answers: unknown;
  try {
    survey = JSON.parse(readFileSync(surveyFile, "utf8"));
    answers = JSON.parse(readFileSync(answersFile, "utf8"));
  } catch (error) {
    console.error(`Could not read the files: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  }
  const results = checkAnswers(survey, answers);
  for (const result of results) console.log(JSON.stringify(result));
  return results.every((r) => r.valid) ? 0 : 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = main(process.argv.slice(2));
}
