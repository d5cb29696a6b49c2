import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ProblemError } from "../../../server/http/problem.ts";
import { findRelease } from "../../../server/releases/releases.repository.ts";
import { checkReleaseFigures } from "../../../server/releases/releases.service.ts";
import type { Problem } from "../../../shared/contract/problems.ts";
import type { ReleaseView } from "../../../shared/contract/releases.ts";
import { createTestContext, NOW, type TestContext } from "../../helpers/test-app.ts";
import { composition, fourAreasFieldwork, json } from "./helpers.ts";

/**
 * The output checks are bounded (docs/decisions/0023): past their work or time budget the release is
 * refused as too large, and nothing is stored — it stays a draft that cannot be signed off or published.
 */

let t: TestContext;
let analyst: string;
let expert: string;
beforeEach(async () => {
  t = await createTestContext();
  ({ analyst, expert } = await fourAreasFieldwork(t));
});
afterEach(async () => {
  await t.close();
});

async function draft(): Promise<string> {
  const made = await json<ReleaseView>(
    await t.request("/api/releases", { method: "POST", cookie: analyst, json: composition() }),
    201,
  );
  return made.id;
}

describe("a release too large to check", () => {
  it("is refused past the work budget, stays a draft with no figures, and cannot be signed off or published", async () => {
    const id = await draft();
    const row = await findRelease(t.db, id);
    if (!row) throw new Error("no release");
    const refused = await checkReleaseFigures(
      t.db,
      row,
      { id: "test", name: "Test" },
      NOW,
      {},
      {
        maxWork: 50,
      },
    ).then(
      () => null,
      (e: unknown) => e,
    );
    expect(refused).toBeInstanceOf(ProblemError);
    expect((refused as ProblemError).problem.code).toBe("release_too_large_to_check");

    const view = await json<ReleaseView>(await t.request(`/api/releases/${id}`, { cookie: analyst }), 200);
    expect(view.status).toBe("draft");
    expect(view.snapshot).toBeNull();
    for (const [cookie, status, code] of [
      [analyst, 409, "release_not_checked"],
      [expert, 404, "release_not_found"], // an expert does not even see a draft
    ] as const) {
      const p = await json<Problem>(
        await t.request(`/api/releases/${id}/signoffs`, {
          method: "POST",
          cookie,
          json: { snapshotId: "A".repeat(22), note: "" },
        }),
        status,
      );
      expect(p.code).toBe(code);
    }
    const p = await json<Problem>(
      await t.request(`/api/releases/${id}/publish`, {
        method: "POST",
        cookie: analyst,
        json: { snapshotId: "A".repeat(22) },
      }),
      409,
    );
    expect(p.code).toBe("release_not_checked");
  });

  it("is refused past the time budget", async () => {
    const row = await findRelease(t.db, await draft());
    if (!row) throw new Error("no release");
    await expect(
      checkReleaseFigures(t.db, row, { id: "test", name: "Test" }, NOW, {}, { maxMs: -1 }),
    ).rejects.toMatchObject({ problem: { code: "release_too_large_to_check", status: 422 } });
  });

  it("checks the same release in full with the default budget", async () => {
    const row = await findRelease(t.db, await draft());
    if (!row) throw new Error("no release");
    const snapshot = await checkReleaseFigures(t.db, row, { id: "test", name: "Test" }, NOW);
    expect(snapshot.tables.length).toBeGreaterThan(0);
    expect((await findRelease(t.db, row.id))?.status).toBe("checked");
  });

  it("runs one check at a time: a second one while the first runs is turned away, and the first completes", async () => {
    const a = await findRelease(t.db, await draft());
    const b = await findRelease(t.db, await draft());
    if (!a || !b) throw new Error("no release");
    const first = checkReleaseFigures(t.db, a, { id: "test", name: "Test" }, NOW);
    await expect(checkReleaseFigures(t.db, b, { id: "test", name: "Test" }, NOW)).rejects.toMatchObject({
      problem: { code: "release_check_busy", status: 503 },
    });
    await first;
    expect((await findRelease(t.db, a.id))?.status).toBe("checked");
    expect((await findRelease(t.db, b.id))?.status).toBe("draft");
    await checkReleaseFigures(t.db, b, { id: "test", name: "Test" }, NOW);
    expect((await findRelease(t.db, b.id))?.status).toBe("checked");
  });
});
