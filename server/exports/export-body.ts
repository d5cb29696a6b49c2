import type { Kysely } from "kysely";
import type { ExportFile, ExportQuery } from "../../shared/contract/exports.ts";
import type { Database } from "../db/schema.ts";
import { byteStream, utf8 } from "./byte-stream.ts";
import { dataPackageDescriptor } from "./datapackage.ts";
import type { ExportPlan } from "./export-plan.ts";
import { type ExportFilter, exportPages } from "./exports.repository.ts";
import { codebookCsv, jsonExport, longCsv, wideCsv } from "./writers.ts";
import { zipStream } from "./zip.ts";

/** The body of one export file, as a stream that reads the database a page at a time. */
export function exportBody(
  db: Kysely<Database>,
  plan: ExportPlan,
  filter: ExportFilter,
  file: ExportFile,
  meta: { at: Date; query: ExportQuery },
): ReadableStream<Uint8Array> {
  const pages = () => exportPages(db, filter);
  const exportedAt = meta.at.toISOString();
  switch (file) {
    case "responses-wide.csv":
      return byteStream(wideCsv(plan, pages()));
    case "responses-long.csv":
      return byteStream(longCsv(plan, pages()));
    case "responses-wide-excel.csv":
      return byteStream(wideCsv(plan, pages(), { forSpreadsheets: true }));
    case "responses-long-excel.csv":
      return byteStream(longCsv(plan, pages(), { forSpreadsheets: true }));
    case "codebook.csv":
      return byteStream(utf8(codebookCsv(plan)));
    case "responses.json":
      return byteStream(jsonExport(plan, pages(), { exportedAt, filters: meta.query }));
    case "datapackage.zip": {
      const descriptor = dataPackageDescriptor(plan, {
        created: exportedAt.replace(/\.\d{3}Z$/, "Z"),
        description: describeFilters(meta.query, plan),
      });
      return byteStream(
        zipStream(
          [
            { name: "datapackage.json", content: utf8([`${JSON.stringify(descriptor, null, 2)}\n`]) },
            { name: "responses-wide.csv", content: utf8(wideCsv(plan, pages())) },
            { name: "responses-long.csv", content: utf8(longCsv(plan, pages())) },
            { name: "codebook.csv", content: utf8(codebookCsv(plan)) },
          ],
          meta.at,
        ),
      );
    }
  }
}

function describeFilters(query: ExportQuery, plan: ExportPlan): string {
  const parts = [
    query.status === "approved" ? "approved responses only" : "every response not rejected",
    query.areaId ? `area ${query.areaId}` : "every area in the exporter's scope",
    query.wave === undefined ? "every wave" : `wave ${query.wave}`,
  ];
  const freeText = plan.withheld.length > 0 ? " Free-text answers are left out." : "";
  const misfits = plan.withholdMisfits
    ? " Answers that do not fit their question's type are left out (see withheld_answers)."
    : "";
  const withheld = freeText + misfits;
  return `Responses to "${plan.surveyTitle}" (${parts.join(", ")}). Missing answers are NA.${withheld}`;
}
