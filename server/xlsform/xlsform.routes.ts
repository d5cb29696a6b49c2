import type { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { z } from "zod";
import { SurveyDefinition } from "../../shared/contract/editor.schema.ts";
import { SurveyId } from "../../shared/contract/surveys.schema.ts";
import { xlsformApi } from "../../shared/contract/xlsform.routes.ts";
import { toXlsform } from "../../shared/xlsform/export.ts";
import { convertXlsform, XlsformError } from "../../shared/xlsform/import.ts";
import { audit } from "../audit/audit.repository.ts";
import { loadDraftState, toDraft } from "../editor/draft-state.ts";
import { addDraftEvent, writeDraft } from "../editor/drafts.repository.ts";
import { insertSurvey } from "../editor/history.repository.ts";
import { VersionQuery } from "../editor/version-query.ts";
import type { AppEnv } from "../http/app-env.ts";
import { mount, readDeclaredQuery } from "../http/mount.ts";
import { requireUser } from "../http/policy.ts";
import { ProblemError } from "../http/problem.ts";
import { findSurveyVersion } from "../surveys/surveys.repository.ts";
import { MAX_XLSFORM_BYTES, readXlsformWorkbook, WorkbookError, writeWorkbook } from "./workbook.ts";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** A survey id from the form's own id: lower-case, hyphens for anything else, at most 64. */
function idFrom(formId: string | null, title: string): string {
  const base = (formId || title || "imported-form")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 64)
    .replace(/-+$/, "");
  return base || "imported-form";
}

function convert(sheets: Awaited<ReturnType<typeof readXlsformWorkbook>>) {
  try {
    return convertXlsform(sheets);
  } catch (error) {
    if (error instanceof XlsformError) throw new ProblemError("xlsform_unreadable", error.message);
    throw error;
  }
}

/**
 * XLSForm in and out, under /api/editor (issue 19). Import turns an uploaded .xlsx into a new survey
 * with a draft holding the converted form, and answers with the draft and the per-row report. Export
 * writes any published version (or the draft) as an .xlsx; its report says what has no XLSForm
 * equivalent. Same people as the editor (`xlsformApi`).
 */
export function xlsformRoutes(api: Hono<AppEnv>): void {
  const fileLimit = bodyLimit({
    maxSize: MAX_XLSFORM_BYTES,
    onError: () => {
      throw new ProblemError(
        "body_too_large",
        `The file may be at most ${MAX_XLSFORM_BYTES / 1024 / 1024} MB.`,
      );
    },
  });
  // The query is checked in the handler, after the media type: the body is the file, not JSON.
  const ImportQuery = z.object({ id: SurveyId.optional() });
  mount(api, xlsformApi.import, { use: [fileLimit] }, async (c) => {
    const deps = c.get("deps");
    const user = requireUser(c.get("user"));
    const type = (c.req.header("content-type") ?? "").split(";")[0]?.trim().toLowerCase();
    if (type !== XLSX && type !== "application/octet-stream") throw new ProblemError("xlsform_media_type");
    const askedId = readDeclaredQuery(c, xlsformApi.import, ImportQuery).id;
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    let sheets: Awaited<ReturnType<typeof readXlsformWorkbook>>;
    try {
      sheets = await readXlsformWorkbook(bytes);
    } catch (error) {
      if (!(error instanceof WorkbookError)) throw error;
      throw new ProblemError(error.tooLarge ? "body_too_large" : "xlsform_unreadable", error.message);
    }
    const result = convert(sheets);
    const definition = SurveyDefinition.safeParse(result.survey);
    if (!definition.success) {
      throw new ProblemError(
        "xlsform_unreadable",
        definition.error.issues[0]?.message ?? "The form is too complex.",
      );
    }
    const title = String(result.survey.title).slice(0, 200).trim() || "Imported form";
    const id = askedId ?? idFrom(result.formId, title);
    const now = deps.now();
    const created = await deps.db.transaction().execute(async (trx) => {
      if (!(await insertSurvey(trx, { id, title, description: "", at: now }))) return false;
      await writeDraft(
        trx,
        id,
        { revision: 0, status: "draft" },
        {
          title,
          description: "",
          definition: definition.data,
          status: "draft",
          baseVersion: null,
          ownerId: user.id,
          confirmedNameChanges: [],
        },
        user.id,
        now,
      );
      await addDraftEvent(trx, {
        surveyId: id,
        revision: 1,
        at: now,
        actorId: user.id,
        kind: "imported",
        questions: [],
        summary: `imported from an XLSForm (${result.report.converted} rows converted)`,
      });
      return true;
    });
    if (!created) {
      throw new ProblemError(
        "survey_exists",
        `There is already a survey "${id}". Choose another id for the imported form.`,
      );
    }
    await audit(deps.db, { at: now, actorId: user.id, action: "survey.create", target: id });
    const { row } = await loadDraftState(deps.db, id);
    return { draft: await toDraft(deps.db, row), report: result.report };
  });

  const definitionOf = async (
    c: { get: (k: "deps") => AppEnv["Variables"]["deps"] },
    id: string,
    which: number | "draft",
  ) => {
    const { db } = c.get("deps");
    if (which === "draft") {
      const { row } = await loadDraftState(db, id);
      return { definition: row.definition as unknown, version: `draft-r${row.revision}` };
    }
    const version = await findSurveyVersion(db, id, which);
    if (!version) throw new ProblemError("survey_version_not_found");
    return { definition: JSON.parse(version.definition) as unknown, version: String(which) };
  };
  const surveyId = (value: string): string => {
    const parsed = SurveyId.safeParse(value);
    if (!parsed.success) throw new ProblemError("survey_not_found");
    return parsed.data;
  };

  mount(api, xlsformApi.export, { query: VersionQuery }, async (c, { params, query }) => {
    const id = surveyId(params.id);
    const { definition, version } = await definitionOf(c, id, query.version);
    const { sheets } = toXlsform(definition, { formId: id, version });
    const bytes = await writeWorkbook(sheets);
    c.header("content-type", XLSX);
    c.header("content-disposition", `attachment; filename="${id}-${version}.xlsx"`);
    return c.body(bytes.buffer as ArrayBuffer);
  });

  mount(api, xlsformApi.report, { query: VersionQuery }, async (c, { params, query }) => {
    const id = surveyId(params.id);
    const { definition, version } = await definitionOf(c, id, query.version);
    return { lost: toXlsform(definition, { formId: id, version }).lost };
  });
}
