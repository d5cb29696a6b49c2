import type { Kysely } from "kysely";
import type { FieldIssue } from "../../shared/contract/problems.ts";
import { checkDefinition, type DefinitionIssue } from "../../shared/editor/check-definition.ts";
import { lockedChanges } from "../../shared/editor/guards.ts";
import { normaliseSurvey, type SurveyJson } from "../../shared/editor/survey-json.ts";
import type { Database } from "../db/schema.ts";
import type { SessionUser } from "../http/app-env.ts";
import { ProblemError } from "../http/problem.ts";
import type { DraftState } from "./draft-state.ts";
import { outcomeIds } from "./theory-of-change-outcomes.ts";

/**
 * The rules every change to a draft follows, whichever way it comes (a save, an accepted suggestion,
 * publishing): who is changing it and when, who may decide on others' suggestions, what a definition
 * must pass, and that licensed wording stays as it was unless a coordinator unlocks it.
 */
export interface EditorContext {
  db: Kysely<Database>;
  user: SessionUser;
  now: Date;
}

const COORDINATING_ROLES: ReadonlySet<string> = new Set(["coordinator", "admin"]);

/** Coordinators and admins decide on any draft; everyone else only on the draft they own. */
export function mayDecide(ctx: EditorContext, ownerId: string | null): boolean {
  return COORDINATING_ROLES.has(ctx.user.role) || (ownerId !== null && ownerId === ctx.user.id);
}

/** A definition's issues as a problem's field issues (the first 50). */
export function issuesOf(issues: { question?: string; message: string }[]): FieldIssue[] {
  return issues.slice(0, 50).map((i) => ({ path: i.question ? [i.question] : [], message: i.message }));
}

export async function checkForSave(definition: unknown): Promise<DefinitionIssue[]> {
  return checkDefinition(definition, { outcomeIds: await outcomeIds() }).issues;
}

/**
 * The change rules shared by a save and an accepted suggestion: licensed wording is not reworded, and
 * only a coordinator unlocks it. Returns the questions this change unlocks (audited by the caller).
 */
export function guardLockedWording(ctx: EditorContext, state: DraftState, next: SurveyJson): string[] {
  const changes = lockedChanges(
    normaliseSurvey(state.row.definition),
    state.published?.definition ?? null,
    next,
  );
  const reworded = changes.filter((c) => c.kind === "reworded");
  if (reworded.length > 0) {
    throw new ProblemError(
      "question_locked",
      "Put the licensed wording back, or ask a coordinator to unlock the question first.",
      issuesOf(reworded),
    );
  }
  const unlocked = changes.filter((c) => c.kind === "unlocked");
  if (unlocked.length > 0 && !COORDINATING_ROLES.has(ctx.user.role)) {
    throw new ProblemError("unlock_not_allowed", undefined, issuesOf(unlocked));
  }
  return unlocked.map((c) => c.question);
}
