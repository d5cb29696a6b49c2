import { expect } from "vitest";
import { findRelease } from "../../../server/releases/releases.repository.ts";
import { checkReleaseFigures } from "../../../server/releases/releases.service.ts";
import type {
  ComposeReleaseRequest,
  PublishedRelease,
  ReleaseCell,
  ReleaseView,
} from "../../../shared/contract/releases.ts";
import type { SyncItem } from "../../../shared/contract/sync.ts";
import { NOW, type TestContext } from "../../helpers/test-app.ts";
import {
  BETTER_OUTCOMES,
  CO_PRODUCE,
  cohort,
  publishOutcomesSurvey,
  SURVEY,
  upload,
} from "../outcomes/helpers.ts";

export function composition(over: Partial<ComposeReleaseRequest> = {}): ComposeReleaseRequest {
  return {
    title: "How areas are doing",
    surveyId: SURVEY,
    outcomes: [CO_PRODUCE, BETTER_OUTCOMES],
    breakdowns: ["overall", "area", "wave", "area_wave"],
    change: null,
    narrative: "What people told us this year.",
    audiences: ["area_partnership", "experts", "participants", "public"],
    corrects: null,
    ...over,
  };
}

/**
 * What most release tests start from: the outcomes survey published, an analyst of the whole study,
 * an expert in north, and first interviews in four areas (north 8, south 8, east 7, west 7), with
 * `more` interviews after them. Returns the analyst's and the expert's cookies.
 */
export async function fourAreasFieldwork(
  t: TestContext,
  more: SyncItem[] = [],
): Promise<{ analyst: string; expert: string }> {
  await publishOutcomesSurvey(t, ["east", "west"]);
  const analyst = await t.signIn("evaluator", null);
  const expert = await t.signIn("expert", "north");
  const admin = await t.signIn("admin");
  await upload(t, admin, [
    ...cohort("north", 0, [1, 2, 3, 4, 5, 5, 4, 3], { helped: true, housing: "hostel", nights: 2 }),
    ...cohort("south", 0, [4, 4, 4, 5, 5, 5, 5, 3], { helped: false, housing: "street", nights: 0 }),
    ...cohort("east", 0, [2, 2, 3, 3, 3, 4, 4], { helped: true, housing: "own", nights: 1 }),
    ...cohort("west", 0, [5, 5, 5, 4, 4, 4, 1], { helped: true, housing: "hostel", nights: 3 }),
    ...more,
  ]);
  return { analyst, expert };
}

export async function json<T>(res: Response, status: number): Promise<T> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  return JSON.parse(text) as T;
}

/** Compose, check, two sign-offs and publish; returns the published view (analyst's). */
/** A release composed and checked by `analyst` (not yet signed off). */
export async function composeAndCheck(
  t: TestContext,
  analyst: string,
  body: ComposeReleaseRequest = composition(),
): Promise<ReleaseView> {
  const made = await json<ReleaseView>(
    await t.request("/api/releases", { method: "POST", cookie: analyst, json: body }),
    201,
  );
  return json<ReleaseView>(
    await t.request(`/api/releases/${made.id}/check`, { method: "POST", cookie: analyst, json: {} }),
    200,
  );
}

export async function publishRelease(
  t: TestContext,
  people: { analyst: string; expert: string },
  body: ComposeReleaseRequest,
): Promise<ReleaseView> {
  const made = await json<ReleaseView>(
    await t.request("/api/releases", { method: "POST", cookie: people.analyst, json: body }),
    201,
  );
  const checked = await json<ReleaseView>(
    await t.request(`/api/releases/${made.id}/check`, { method: "POST", cookie: people.analyst, json: {} }),
    200,
  );
  const snapshotId = checked.snapshot?.id ?? "";
  for (const cookie of [people.analyst, people.expert]) {
    await json(
      await t.request(`/api/releases/${made.id}/signoffs`, {
        method: "POST",
        cookie,
        json: { snapshotId, note: "" },
      }),
      201,
    );
  }
  return json<ReleaseView>(
    await t.request(`/api/releases/${made.id}/publish`, {
      method: "POST",
      cookie: people.analyst,
      json: { snapshotId },
    }),
    200,
  );
}

/**
 * As `publishRelease`, but checked with rules switched off (`{ secondary: false }`…), to show that an
 * intruder test's attack is real: compose, check, two sign-offs, publish.
 */
export async function publishWithSwitches(
  t: TestContext,
  people: { analyst: string; expert: string },
  body: ComposeReleaseRequest,
  switches: { secondary?: boolean; crossRelease?: boolean },
): Promise<ReleaseView> {
  const made = await json<ReleaseView>(
    await t.request("/api/releases", { method: "POST", cookie: people.analyst, json: body }),
    201,
  );
  const row = await findRelease(t.db, made.id);
  if (!row) throw new Error("no release");
  const snapshot = await checkReleaseFigures(t.db, row, { id: "test", name: "Test" }, NOW, switches);
  for (const cookie of [people.analyst, people.expert])
    await json(
      await t.request(`/api/releases/${made.id}/signoffs`, {
        method: "POST",
        cookie,
        json: { snapshotId: snapshot.id, note: "" },
      }),
      201,
    );
  return json<ReleaseView>(
    await t.request(`/api/releases/${made.id}/publish`, {
      method: "POST",
      cookie: people.analyst,
      json: { snapshotId: snapshot.id },
    }),
    200,
  );
}

export type AnyRelease = Pick<PublishedRelease, "snapshot"> | Pick<ReleaseView, "snapshot">;

export function cell(
  r: AnyRelease,
  tableId: string,
  rowKey: string,
  columnKey: string,
): ReleaseCell | undefined {
  return r.snapshot?.tables.find((t) => t.id === tableId)?.rows.find((x) => x.key === rowKey)?.cells[
    columnKey
  ];
}

/**
 * A reader's copy of a release with each withheld figure marked with the reason the analysts' copy
 * (`analysts`, the same release read by an analyst) gives it. Readers are never told why a figure is
 * withheld (decision 0071); the attackers use the marks only to choose their targets — the secrets a
 * test checks stay secret — never as something the reader knows.
 */
export function markSecrets<R extends AnyRelease>(reader: R, analysts: AnyRelease): R {
  if (!reader.snapshot || !analysts.snapshot) throw new Error("no figures to mark");
  if (reader.snapshot.id !== analysts.snapshot.id) throw new Error("not the same figures");
  const tables = reader.snapshot.tables.map((t) => ({
    ...t,
    rows: t.rows.map((row) => ({
      ...row,
      cells: Object.fromEntries(
        Object.entries(row.cells).map(([key, c]) => [
          key,
          c.published ? c : (cell(analysts, t.id, row.key, key) ?? c),
        ]),
      ),
    })),
  }));
  return { ...reader, snapshot: { ...reader.snapshot, tables } };
}
