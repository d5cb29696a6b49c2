import { afterEach, beforeEach, expect } from "vitest";
import type {
  ComposeReleaseRequest,
  PublishedRelease,
  ReleaseView,
} from "../../../shared/contract/releases.ts";
import type { SyncItem } from "../../../shared/contract/sync.ts";
import { createTestContext, type TestContext } from "../../helpers/test-app.ts";
import { interview, newCode, publishOutcomesSurvey, upload } from "../outcomes/helpers.ts";
import { json, markSecrets, publishRelease } from "../releases/helpers.ts";

/**
 * A fresh database with the outcomes survey published in north, south and `extraAreas` for each test
 * of the file; the returned function gives the current test's context.
 */
export function surveyPerTest(extraAreas: string[]): () => TestContext {
  let t: TestContext | undefined;
  beforeEach(async () => {
    t = await createTestContext();
    await publishOutcomesSurvey(t, extraAreas);
  });
  afterEach(async () => {
    await t?.close();
  });
  return () => t as TestContext;
}

/**
 * Fieldwork for the pair intruder tests: `first` people of an area at the first wave, the first `back`
 * of them again at wave `wave`, and `fresh` people interviewed only then. The codes are returned so
 * that a test can withdraw one of them.
 */
export function people(
  area: string,
  first: number,
  back: number,
  fresh = 0,
  wave = 1,
): { items: SyncItem[]; codes: string[] } {
  const codes = Array.from({ length: first }, () => newCode());
  const items = [
    ...codes.map((code, i) => interview({ area, code, wave: 0 }, { say: 1 + (i % 5), helped: i % 2 === 0 })),
    ...codes
      .slice(0, back)
      .map((code, i) => interview({ area, code, wave }, { say: 1 + ((i + 1) % 5), helped: i % 2 === 0 })),
    ...Array.from({ length: fresh }, (_, i) => interview({ area, wave }, { say: 1 + (i % 5), helped: true })),
  ];
  return { items, codes };
}

/** A published release as the public reads it. */
/**
 * A release as the public reads it, each withheld figure marked with the analysts' reason (`r` is
 * the analysts' copy) as the attack's targets only: the public is never told why (decision 0071).
 */
export async function readPublic(t: TestContext, r: ReleaseView): Promise<PublishedRelease> {
  const seen = await json<PublishedRelease>(
    await t.request(`/api/public/releases/${r.publicLink?.token}`),
    200,
  );
  expectReadersCopy(seen);
  return markSecrets(seen, r);
}

/** A reader's copy: no withheld figure says why, and the checklist names none. */
export function expectReadersCopy(r: PublishedRelease): void {
  for (const table of r.snapshot.tables)
    for (const row of table.rows)
      for (const c of Object.values(row.cells)) if (!c.published) expect(c).toEqual({ published: false });
  expect(r.snapshot.checklist.every((item) => item.withheld.length === 0)).toBe(true);
}

/** Uploads the fieldwork, publishes one release of it and reads it as the public does. */
export async function publishFieldwork(
  t: TestContext,
  items: SyncItem[],
  body: ComposeReleaseRequest,
): Promise<PublishedRelease> {
  const analyst = await t.signIn("evaluator", null);
  const expert = await t.signIn("expert", "north");
  await upload(t, await t.signIn("admin"), items);
  return readPublic(t, await publishRelease(t, { analyst, expert }, body));
}

/** Which of the labels of `peopleCountsDetermined` name a count of 1 to k − 1 (k = 5), by the true counts. */
export function small(determined: string[], truth: Record<string, number>): string[] {
  return determined.filter((label) => {
    const v = truth[label.slice(label.indexOf(": ") + 2)] ?? 0;
    return v > 0 && v < 5;
  });
}
