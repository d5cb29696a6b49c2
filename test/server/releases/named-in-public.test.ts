import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Problem } from "../../../shared/contract/problems.ts";
import type { PublishedRelease, ReleaseView } from "../../../shared/contract/releases.ts";
import { createTestContext, type TestContext } from "../../helpers/test-app.ts";
import { composeAndCheck, fourAreasFieldwork, json } from "./helpers.ts";

/**
 * A release's public link names only those who chose to be named there. Being named on it as an expert
 * by experience (of homelessness, offending, drug use, poor mental health) tells anyone with the link
 * something about that person, so the choice is theirs, one sign-off or note at a time, and not named
 * is what happens when they make none. People signed in to Alongside see every name.
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

async function checkedRelease(): Promise<{ id: string; snapshotId: string; tableId: string }> {
  const checked = await composeAndCheck(t, analyst);
  return {
    id: checked.id,
    snapshotId: checked.snapshot?.id ?? "",
    tableId: checked.snapshot?.tables[0]?.id ?? "",
  };
}

const post = (path: string, cookie: string, body: unknown) =>
  t.request(path, { method: "POST", cookie, json: body });

async function publish(id: string, snapshotId: string): Promise<PublishedRelease> {
  const published = await json<ReleaseView>(
    await post(`/api/releases/${id}/publish`, analyst, { snapshotId }),
    200,
  );
  const token = published.publicLink?.token ?? "";
  return json<PublishedRelease>(await t.request(`/api/public/releases/${token}`), 200);
}

async function displayName(cookie: string): Promise<string> {
  const me = await json<{ displayName: string }>(await t.request("/api/auth/me", { cookie }), 200);
  return me.displayName;
}

describe("names on a release's public link", () => {
  it("names an expert who chose it, and nobody who did not, with no user id", async () => {
    const release = await checkedRelease();
    const notes = `/api/releases/${release.id}/annotations`;
    await json(
      await post(notes, expert, {
        tableId: release.tableId,
        whatItMeans: "Named note.",
        whatShouldChange: "",
        namedInPublic: true,
      }),
      201,
    );
    await json(
      await post(notes, expert, {
        tableId: release.tableId,
        whatItMeans: "Unnamed note.",
        whatShouldChange: "",
      }),
      201,
    );
    const signoffs = `/api/releases/${release.id}/signoffs`;
    await json(
      await post(signoffs, expert, { snapshotId: release.snapshotId, note: "", namedInPublic: true }),
      201,
    );
    await json(await post(signoffs, analyst, { snapshotId: release.snapshotId, note: "" }), 201);

    const pub = await publish(release.id, release.snapshotId);
    const name = await displayName(expert);
    // Both notes carry the test clock's time, so their order is the ids'.
    expect(pub.annotations.map((a) => [a.whatItMeans, a.by]).sort()).toEqual([
      ["Named note.", { name }],
      ["Unnamed note.", null],
    ]);
    expect(Object.fromEntries(pub.signOffs.map((s) => [s.as, s.by]))).toEqual({
      expert: { name },
      analyst: null,
    });
    expect(pub.snapshot.checkedBy).toBeNull();
    expect(pub.participantSummary?.editedBy ?? null).toBeNull();
    const text = JSON.stringify(pub);
    const users = await t.db.selectFrom("users").select(["id", "email"]).execute();
    for (const user of users) {
      expect(text).not.toContain(user.id);
      expect(text).not.toContain(user.email);
    }
    expect(text).not.toContain(await displayName(analyst));

    // Signed in, the programme's own people see both names whatever was chosen.
    const view = await json<ReleaseView>(
      await t.request(`/api/releases/${release.id}`, { cookie: expert }),
      200,
    );
    expect(view.annotations.map((a) => [a.by.name, a.namedInPublic]).sort()).toEqual([
      [name, false],
      [name, true],
    ]);
  });

  it("refuses a choice that is not yes or no, and stores nothing", async () => {
    const release = await checkedRelease();
    for (const namedInPublic of ["yes", 1, null]) {
      const problem = await json<Problem>(
        await post(`/api/releases/${release.id}/signoffs`, expert, {
          snapshotId: release.snapshotId,
          note: "",
          namedInPublic,
        }),
        400,
      );
      expect(problem.code).toBe("invalid_body");
      const note = await json<Problem>(
        await post(`/api/releases/${release.id}/annotations`, expert, {
          tableId: release.tableId,
          whatItMeans: "x",
          whatShouldChange: "",
          namedInPublic,
        }),
        400,
      );
      expect(note.code).toBe("invalid_body");
    }
    const view = await json<ReleaseView>(
      await t.request(`/api/releases/${release.id}`, { cookie: analyst }),
      200,
    );
    expect(view.signOffs).toEqual([]);
    expect(view.annotations).toEqual([]);
  });
});
