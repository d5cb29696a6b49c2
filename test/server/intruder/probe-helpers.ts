import { randomUUID } from "node:crypto";
import { expect } from "vitest";
import type { SyncItem } from "../../../shared/contract/sync.ts";
import type { TestContext } from "../../helpers/test-app.ts";
import { unzip } from "../../helpers/unzip.ts";
import { newCode } from "../outcomes/helpers.ts";

/** Shared by the outside prober's tests (probe-*.test.ts): one interview, and every export file. */

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
