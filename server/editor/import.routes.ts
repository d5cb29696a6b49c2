import type { Hono } from "hono";
import { importApi } from "../../shared/contract/import.routes.ts";
import { ImportSurveyRequest } from "../../shared/contract/import.schema.ts";
import type { FieldIssue } from "../../shared/contract/problems.ts";
import { checkDefinition, type DefinitionIssue, stripUnknown } from "../../shared/editor/check-definition.ts";
import { prepareImport, type Rename } from "../../shared/editor/import-surveyjs.ts";
import type { AppEnv } from "../http/app-env.ts";
import { mount } from "../http/mount.ts";
import { ProblemError } from "../http/problem.ts";
import { outcomeIds } from "./theory-of-change-outcomes.ts";

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * Where a question sits in the JSON as it was sent (`pages[1].elements[0].templateElements[2]`): found
 * by its name there, or by the name it had before the import renamed it.
 */
function pathOf(
  original: unknown,
  name: string | undefined,
  renames: readonly Rename[],
): (string | number)[] {
  if (!name) return ["definition"];
  const names = new Set([name, ...renames.filter((r) => r.to === name && !r.within).map((r) => r.from)]);
  const search = (node: unknown, path: (string | number)[]): (string | number)[] | undefined => {
    if (!isObject(node)) return undefined;
    if (typeof node.name === "string" && names.has(node.name) && path.length > 1) return path;
    for (const key of ["pages", "elements", "questions", "templateElements"]) {
      const list = node[key];
      if (!Array.isArray(list)) continue;
      for (const [i, child] of list.entries()) {
        const found = search(child, [...path, key, i]);
        if (found) return found;
      }
    }
    return undefined;
  };
  return search(original, ["definition"]) ?? ["definition"];
}

/**
 * `POST /api/editor/import`: the server side of the editor's SurveyJS import (issue 16). Takes a survey
 * as SurveyJS wrote it and answers with the prepared definition and a plain report of what was changed
 * and why: safe data names (questions, dynamic panels, matrix columns, multiple-text items, each with
 * its old name and wording), every reference rewritten, older settings written the current way, and
 * parts survey-core does not know removed (each named). It refuses only what cannot work after that
 * (`import_refused`, each issue at its place in the JSON sent). Nothing is saved: the editor saves the
 * definition as a draft, like every other change.
 */
export function importRoutes(api: Hono<AppEnv>): void {
  mount(api, importApi.prepare, { body: ImportSurveyRequest }, async (_c, { body }) => {
    const { definition: original } = body;
    const prepared = prepareImport(original);
    const options = { outcomeIds: await outcomeIds() };
    let definition: Json = prepared.definition;
    const changes = [...prepared.changes];
    let report = checkDefinition(definition, options);
    const errors = (issues: DefinitionIssue[]) => issues.filter((i) => i.severity === "error");
    // Parts survey-core does not know are ignored by it: the survey works without them. Say which.
    if (errors(report.issues).some((i) => i.code === "json_error")) {
      const stripped = stripUnknown(definition);
      if (stripped.removed.length > 0) {
        definition = stripped.definition;
        report = checkDefinition(definition, options);
        changes.push(
          `${stripped.removed.length} part${stripped.removed.length === 1 ? " was" : "s were"} removed because the survey software does not know ${stripped.removed.length === 1 ? "it" : "them"} and would ignore ${stripped.removed.length === 1 ? "it" : "them"}: ${stripped.removed.slice(0, 20).join("; ")}${stripped.removed.length > 20 ? "; …" : ""}.`,
        );
      }
    }
    const left = errors(report.issues);
    if (left.length > 0) {
      const issues: FieldIssue[] = left.slice(0, 50).map((issue) => ({
        path: pathOf(original, issue.question, prepared.renames),
        message: issue.message,
      }));
      throw new ProblemError(
        "import_refused",
        `${left.length} part${left.length === 1 ? "" : "s"} of the survey cannot work; see \`issues\` for where.`,
        issues,
      );
    }
    return {
      definition,
      renames: prepared.renames,
      changes,
      warnings: report.issues,
      questionCount: report.questionCount,
    };
  });
}
