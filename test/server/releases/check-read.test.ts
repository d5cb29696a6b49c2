import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadCatalogue } from "../../../server/outcomes/indicator-catalogue.ts";
import {
  type CheckRead,
  readCheckData,
  readInWorker,
  sqliteFileOf,
} from "../../../server/releases/release-check-read.ts";
import { checkInWorker, stopReleaseCheckWorker } from "../../../server/releases/release-check-thread.ts";
import { defaultCheckOptions } from "../../../shared/disclosure/check-release.ts";
import { createTestContext, type TestContext } from "../../helpers/test-app.ts";
import { cohort, publishOutcomesSurvey, upload } from "../outcomes/helpers.ts";
import { composition } from "./helpers.ts";

/**
 * On SQLite the release check's worker reads the interviews, answers, pairs and earlier releases
 * itself, through its own read-only connection (docs/decisions/0047), so the server's thread does not
 * read a million rows. It must read exactly what the server's thread would have read and check it the
 * same way. On PostgreSQL the server's thread reads (asynchronously), as before.
 */
let t: TestContext;
beforeEach(async () => {
  t = await createTestContext();
  await publishOutcomesSurvey(t, ["east", "west"]);
  const admin = await t.signIn("admin");
  await upload(t, admin, [
    ...cohort("north", 0, [1, 2, 3, 4, 5, 5, 4, 3], { helped: true, housing: "hostel", nights: 2 }),
    ...cohort("south", 0, [4, 4, 4, 5, 5, 5, 5, 3], { helped: false, housing: "street", nights: 0 }),
    ...cohort("east", 0, [2, 2, 3, 3, 3, 4, 4], { helped: true, housing: "own", nights: 1 }),
  ]);
});
afterEach(async () => {
  await t.close();
});
afterAll(async () => {
  await stopReleaseCheckWorker();
});

describe("what a release check reads", () => {
  it("is read by the worker on SQLite, the same rows and the same checked figures as the server's thread", async () => {
    const file = await sqliteFileOf(t.db);
    if (t.dialect === "postgres") {
      expect(file).toBeNull();
      return;
    }
    expect(file).toEqual(expect.any(String));
    const c = composition({ title: "Read" });
    const catalogue = await loadCatalogue(t.db);
    const indicators = c.outcomes.flatMap((o) =>
      catalogue.indicators.filter((d) => d.surveyId === c.surveyId && d.outcome === o),
    );
    const read: CheckRead = {
      surveyId: c.surveyId,
      releaseId: "none",
      questions: indicators.map((d) => ({ outcome: d.outcome, question: d.question })),
      change: c.change,
    };
    const here = await readCheckData(t.db, read);
    const there = await readInWorker(file as string, read);
    expect(here?.interviews.length).toBeGreaterThan(0);
    expect(there).toEqual(here);
    const base = {
      composition: c,
      areas: new Map([["north", "North"]]),
      indicators,
      interviews: [],
      answers: new Map(),
      pairs: new Map(),
      earlier: [],
      k: 5,
    };
    const task = { options: defaultCheckOptions, switches: {}, budget: {} };
    const given = await checkInWorker({ ...task, input: { ...base, ...here } });
    const byWorker = await checkInWorker({ ...task, input: base, read: { file: file as string, ...read } });
    expect([...byWorker.cells]).toEqual([...given.cells]);
    expect(byWorker.checklist).toEqual(given.checklist);
    expect(byWorker.tables).toEqual(given.tables);
    expect(byWorker.read?.interviews).toEqual(here?.interviews);
  }, 90_000);
});
