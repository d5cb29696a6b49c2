import { Hono } from "hono";
import type { AppEnv } from "../http/app-env.ts";
import { allow } from "../http/policy.ts";
import { ProblemError } from "../http/problem.ts";
import {
  findSurveyVersion,
  listPublishedSurveys,
  surveyExists,
  toSurveyVersion,
} from "./surveys.repository.ts";

export function surveysRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get("/", allow("GET /api/surveys"), async (c) => {
    const surveys = await listPublishedSurveys(c.get("deps").db);
    return c.json({ surveys });
  });

  app.get("/:id/versions/:version", allow("GET /api/surveys/:id/versions/:version"), async (c) => {
    const { db } = c.get("deps");
    const id = c.req.param("id");
    const version = Number(c.req.param("version"));
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
    return c.json(toSurveyVersion(row));
  });

  return app;
}
