import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Problem } from "../../../shared/contract/problems.ts";
import type { ReleaseView } from "../../../shared/contract/releases.ts";
import { createTestContext, type TestContext } from "../../helpers/test-app.ts";
import { composition, fourAreasFieldwork, json } from "./helpers.ts";

/**
 * A release is checked against the releases of its survey published by then. If another one is
 * published after that check, the cross-release check never saw it: publishing must be refused until
 * the release is checked again.
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

async function checkedAndSigned(title: string): Promise<{ id: string; snapshotId: string }> {
  const made = await json<ReleaseView>(
    await t.request("/api/releases", { method: "POST", cookie: analyst, json: composition({ title }) }),
    201,
  );
  return checkAndSign(made.id);
}

async function checkAndSign(id: string): Promise<{ id: string; snapshotId: string }> {
  const made = { id };
  const checked = await json<ReleaseView>(
    await t.request(`/api/releases/${made.id}/check`, { method: "POST", cookie: analyst, json: {} }),
    200,
  );
  const snapshotId = checked.snapshot?.id ?? "";
  for (const cookie of [analyst, expert])
    await json(
      await t.request(`/api/releases/${made.id}/signoffs`, {
        method: "POST",
        cookie,
        json: { snapshotId, note: "" },
      }),
      201,
    );
  return { id: made.id, snapshotId };
}

const publish = (r: { id: string; snapshotId: string }) =>
  t.request(`/api/releases/${r.id}/publish`, {
    method: "POST",
    cookie: analyst,
    json: { snapshotId: r.snapshotId },
  });

describe("publishing after another release was published", () => {
  it("is refused when the check did not see a release published since, and allowed after checking again", async () => {
    // b is checked before a exists, so it never saw a's figures; a's check saw b's (0076).
    const b = await checkedAndSigned("Second");
    const a = await checkedAndSigned("First");
    await json<ReleaseView>(await publish(a), 200);
    const p = await json<Problem>(await publish(b), 409);
    expect(p.code).toBe("release_check_outdated");
    const view = await json<ReleaseView>(await t.request(`/api/releases/${b.id}`, { cookie: analyst }), 200);
    expect(view.status).toBe("checked");

    const again = await checkAndSign(b.id);
    const published = await json<ReleaseView>(await publish(again), 200);
    expect(published.status).toBe("published");
    // Against a, and against the figures of b shown to experts before this check.
    expect(published.snapshot?.checkedAgainst.map((e) => e.id)).toContain(a.id);
    expect(published.snapshot?.checkedAgainst).toHaveLength(2);
  });
});
