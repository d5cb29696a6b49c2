import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../../helpers/test-app.ts";
import { reviewDetail, seenOf } from "../governance/helpers.ts";
import { interview } from "../outcomes/helpers.ts";
import { composeAndCheck, fourAreasFieldwork } from "./helpers.ts";

/**
 * A release counts interviews as the data manager's review left them. A review decision reaches the
 * figures through a queue worked through before a dashboard reads; the release check did not work
 * through it, so an interview rejected a moment before (no valid consent) was still counted in a
 * release checked straight afterwards, unless someone had opened a dashboard in between (found by the
 * outside probe, December 2026).
 */

let t: TestContext;
let analyst: string;
const extra = interview({ area: "north" }, { say: 5, helped: true, housing: "hostel", nights: 2 });
beforeEach(async () => {
  t = await createTestContext();
  ({ analyst } = await fourAreasFieldwork(t, [extra]));
});
afterEach(async () => {
  await t.close();
});

async function northInterviews(): Promise<unknown> {
  const checked = await composeAndCheck(t, analyst);
  const participation = checked.snapshot?.tables.find((table) => table.kind === "participation");
  const north = participation?.rows.find((row) => row.key.startsWith("north@"));
  return north?.cells.interviews;
}

describe("a release checked straight after a review decision", () => {
  it("does not count an interview the data manager has just rejected", async () => {
    // North has 8 interviews and the one above, which is rejected before the only check.
    const admin = await t.signIn("admin");
    const detail = await reviewDetail(t, admin, extra.id);
    const res = await t.request(`/api/review/responses/${extra.id}/decision`, {
      method: "POST",
      cookie: admin,
      json: { status: "rejected", comment: "No valid consent.", seen: seenOf(detail) },
    });
    expect(res.status).toBe(200);
    expect(await northInterviews()).toMatchObject({ published: true, value: 8 });
  });
});
