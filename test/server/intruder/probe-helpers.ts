import { randomUUID } from "node:crypto";
import { expect } from "vitest";
import { publishVersion } from "../../../server/surveys/surveys.repository.ts";
import type { SyncItem } from "../../../shared/contract/sync.ts";
import { surveyFields } from "../../../shared/survey/fields.ts";
import { createSurveyModel } from "../../../shared/survey/model.ts";
import { NOW, type TestContext } from "../../helpers/test-app.ts";
import { unzip } from "../../helpers/unzip.ts";
import { newCode } from "../outcomes/helpers.ts";

/** Shared by the outside prober's tests (probe-*.test.ts): versions, one interview, every export file. */

/** Publishes each definition in turn as the survey's next version, fields flattened as at publish. */
export async function publishVersions(
  t: TestContext,
  id: string,
  title: string,
  definitions: Record<string, unknown>[],
): Promise<void> {
  for (const definition of definitions) {
    await publishVersion(
      t.db,
      { id, title, description: "", definition, fields: surveyFields(createSurveyModel(definition)) },
      NOW,
    );
  }
}

/** A completed first interview in north, consent given, with `data` as its other answers. */
export function probeInterview(surveyId: string, version: number, data: Record<string, unknown>): SyncItem {
  return {
    id: randomUUID(),
    surveyId,
    surveyVersion: version,
    participantCode: newCode(),
    wave: 0,
    areaId: "north",
    startedAt: "2026-11-20T10:00:00.000Z",
    completedAt: "2026-11-20T10:30:00.000Z",
    administrationMode: "read_aloud",
    data: { consent: true, ...data },
  };
}

const FILES = [
  "responses-wide.csv",
  "responses-long.csv",
  "responses-wide-excel.csv",
  "responses-long-excel.csv",
  "responses.json",
];

/** Every export file of a survey as `cookie` downloads it, the data package's files one by one. */
export async function everyExportFile(
  t: TestContext,
  surveyId: string,
  cookie: string,
): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  const get = async (file: string) => {
    const res = await t.request(`/api/exports/${surveyId}/${file}`, { cookie });
    expect(res.status, file).toBe(200);
    return res;
  };
  for (const file of FILES) files[file] = await (await get(file)).text();
  const zip = unzip(new Uint8Array(await (await get("datapackage.zip")).arrayBuffer()));
  for (const [name, content] of zip) files[`datapackage.zip/${name}`] = content.toString("utf8");
  return files;
}

/** Uploads `items` as a peer researcher of north, through the real sync route; each item's outcome. */
export async function uploadedOutcomes(t: TestContext, items: SyncItem[]): Promise<string[]> {
  const researcher = await t.signIn("peer_researcher", "north");
  const res = await t.request("/api/sync", { method: "POST", cookie: researcher, json: { items } });
  expect(res.status).toBe(200);
  const { results } = (await res.json()) as { results: { outcome: string }[] };
  return results.map((r) => r.outcome);
}
