import type { Hono } from "hono";
import { surveysApi } from "../../shared/contract/surveys.routes.ts";
import type { AppEnv } from "../http/app-env.ts";
import { mount } from "../http/mount.ts";
import { ProblemError } from "../http/problem.ts";
import {
  findSurveyVersion,
  listPublishedSurveys,
  surveyExists,
  toSurveyVersion,
} from "./surveys.repository.ts";

export function surveysRoutes(api: Hono<AppEnv>): void {
  mount(api, surveysApi.list, {}, async (c) => ({ surveys: await listPublishedSurveys(c.get("deps").db) }));

  mount(api, surveysApi.version, {}, async (c, { params }) => {
    const { db } = c.get("deps");
    const id = params.id;
    const version = Number(params.version);
    if (!Number.isSafeInteger(version) || version < 1) {
      throw new ProblemError("invalid_query", "The version must be a whole number from 1.");
    }
    const row = await findSurveyVersion(db, id, version);
    if (!row) {
      throw (await surveyExists(db, id))
        ? new ProblemError("survey_version_not_found", `Survey "${id}" has no version ${version}.`)
        : new ProblemError("survey_not_found", `No survey "${id}".`);
    }
    // A published version never changes, so a tablet may keep it as long as it likes.
    c.header("cache-control", "private, max-age=31536000, immutable");
    return toSurveyVersion(row);
  });
}
