import type { Hono } from "hono";
import { exportsApi } from "../../shared/contract/exports.routes.ts";
import { ExportFile, ExportQuery } from "../../shared/contract/exports.schema.ts";
import { EXPORT_RESPONSES_HEADER } from "../../shared/contract/exports.ts";
import { SurveyId } from "../../shared/contract/surveys.schema.ts";
import { assertAreaInScope } from "../access/area-scope.ts";
import { audit } from "../audit/audit.repository.ts";
import { requestOrigin } from "../audit/audit-origin.ts";
import type { AppEnv, SessionUser } from "../http/app-env.ts";
import { mount } from "../http/mount.ts";
import { requireUser } from "../http/policy.ts";
import { ProblemError } from "../http/problem.ts";
import { readQuery } from "../http/read-query.ts";
import { exportBody } from "./export-body.ts";
import { buildPlan } from "./export-plan.ts";
import { countExport, type ExportFilter, exportableSurveys, surveyVersions } from "./exports.repository.ts";

/** Free text stays with the data manager; see export-plan.ts. */
function withholdsFreeText(user: SessionUser): boolean {
  return user.role === "evaluator";
}

/**
 * An answer that does not fit its question's type reaches only the data manager (issue 14, finding 3;
 * docs/decisions/0024-who-sees-what.md): it is where a name or an address turns up.
 */
function withholdsMisfits(user: SessionUser): boolean {
  return user.role !== "admin";
}

const CONTENT_TYPES: Record<ExportFile, string> = {
  "responses-wide.csv": "text/csv; charset=utf-8; header=present",
  "responses-long.csv": "text/csv; charset=utf-8; header=present",
  "responses-wide-excel.csv": "text/csv; charset=utf-8; header=present",
  "responses-long-excel.csv": "text/csv; charset=utf-8; header=present",
  "codebook.csv": "text/csv; charset=utf-8; header=present",
  "responses.json": "application/json; charset=utf-8",
  "datapackage.zip": "application/zip",
};

export function exportsRoutes(api: Hono<AppEnv>): void {
  mount(api, exportsApi.list, {}, async (c) => {
    const user = requireUser(c.get("user"));
    const surveys = await exportableSurveys(c.get("deps").db, user.areaId);
    return { surveys, freeTextWithheld: withholdsFreeText(user), misfitsWithheld: withholdsMisfits(user) };
  });

  // The query is read after the path is checked: an unknown file or survey is a 404 whatever it asks.
  mount(api, exportsApi.file, {}, async (c, { params }) => {
    const { db, now } = c.get("deps");
    const user = requireUser(c.get("user"));
    const file = ExportFile.safeParse(params.file);
    if (!file.success) throw new ProblemError("not_found", `Export files: ${ExportFile.options.join(", ")}.`);
    const surveyId = SurveyId.safeParse(params.surveyId);
    const survey = surveyId.success ? await surveyVersions(db, surveyId.data) : undefined;
    if (!surveyId.success || !survey) throw new ProblemError("survey_not_found");
    const query = readQuery(c, ExportQuery);
    if (query.areaId !== undefined) assertAreaInScope(user, query.areaId);

    const at = now();
    const filter: ExportFilter = {
      surveyId: surveyId.data,
      scopeAreaId: user.areaId,
      areaId: query.areaId,
      wave: query.wave,
      status: query.status,
      receivedUpTo: at.toISOString(),
    };
    const plan = buildPlan({ id: surveyId.data, ...survey }, withholdsFreeText(user), withholdsMisfits(user));
    const responses = await countExport(db, filter);
    // Audited before the first byte: an export that is interrupted was still an access to the data.
    await audit(db, {
      ...requestOrigin(c),
      at,
      actorId: user.id,
      action: "export.download",
      target: surveyId.data,
      detail: {
        file: file.data,
        responses,
        filters: { areaId: query.areaId ?? null, wave: query.wave ?? null, status: query.status },
        freeTextWithheld: plan.withheld.length > 0,
        misfitsWithheld: plan.withholdMisfits,
      },
    });

    return c.body(exportBody(db, plan, filter, file.data, { at, query }), 200, {
      "content-type": CONTENT_TYPES[file.data],
      "content-disposition": `attachment; filename="${downloadName(surveyId.data, file.data, at)}"`,
      "cache-control": "no-store",
      [EXPORT_RESPONSES_HEADER]: String(responses),
    });
  });
}

/** wellbeing-check-responses-wide-2026-11-26.csv: safe characters only (the survey id is checked). */
function downloadName(surveyId: string, file: ExportFile, at: Date): string {
  const dot = file.lastIndexOf(".");
  return `${surveyId}-${file.slice(0, dot)}-${at.toISOString().slice(0, 10)}${file.slice(dot)}`;
}
