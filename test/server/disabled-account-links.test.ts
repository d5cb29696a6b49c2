import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Invitation } from "../../shared/contract/invitations.ts";
import { okJson, type Person, person, problemCode } from "../helpers/coordination.ts";
import { createTestContext, type TestContext } from "../helpers/test-app.ts";

// Issue 14, finding 9: disabling an invited account left its setup link usable (a password was set
// and a session cookie issued). Disabling must retire every link and token of the person.

let t: TestContext;
let admin: Person;
beforeEach(async () => {
  t = await createTestContext();
  admin = await person(t, "admin");
});
afterEach(async () => {
  await t.close();
});

function tokenOf(invitation: Invitation): string {
  const token = invitation.setupPath.split("#token=")[1];
  if (!token) throw new Error(`no token in ${invitation.setupPath}`);
  return token;
}

const invite = () =>
  okJson<Invitation>(
    t.request("/api/invitations", {
      method: "POST",
      cookie: admin.cookie,
      json: { email: "sam@example.org", displayName: "Sam", role: "peer_researcher", areaId: "north" },
    }),
    201,
  );

describe("disabling an account retires its links", () => {
  it("makes an invited-then-disabled account's setup link refuse, with no password set and no cookie", async () => {
    const invitation = await invite();
    const disabled = await t.request(`/api/users/${invitation.user.id}/disable`, {
      method: "POST",
      cookie: admin.cookie,
    });
    expect(disabled.status).toBe(200);

    const setup = await t.request("/api/auth/setup", {
      method: "POST",
      json: { token: tokenOf(invitation), password: "a long and unusual passphrase" },
    });
    expect(setup.headers.get("set-cookie")).toBeNull();
    expect(await problemCode(setup, 400)).toBe("setup_token_invalid");
    const row = await t.db
      .selectFrom("users")
      .select("password_hash")
      .where("id", "=", invitation.user.id)
      .executeTakeFirstOrThrow();
    expect(row.password_hash).toBeNull();
    const sessions = await t.db
      .selectFrom("sessions")
      .select("id")
      .where("user_id", "=", invitation.user.id)
      .execute();
    expect(sessions).toEqual([]);
  });

  it("keeps the link dead after the account is enabled again: a new link must be issued", async () => {
    const invitation = await invite();
    for (const verb of ["disable", "enable"]) {
      const res = await t.request(`/api/users/${invitation.user.id}/${verb}`, {
        method: "POST",
        cookie: admin.cookie,
      });
      expect(res.status).toBe(200);
    }
    const setup = await t.request("/api/auth/setup", {
      method: "POST",
      json: { token: tokenOf(invitation), password: "a long and unusual passphrase" },
    });
    expect(await problemCode(setup, 400)).toBe("setup_token_invalid");
  });

  it("refuses a live link of an account disabled in the database by other means", async () => {
    const invitation = await invite();
    await t.db.updateTable("users").set({ disabled: 1 }).where("id", "=", invitation.user.id).execute();
    const setup = await t.request("/api/auth/setup", {
      method: "POST",
      json: { token: tokenOf(invitation), password: "a long and unusual passphrase" },
    });
    expect(setup.headers.get("set-cookie")).toBeNull();
    expect(await problemCode(setup, 400)).toBe("setup_token_invalid");
  });

  it("revokes the tablets enrolled for the person and their unused enrolment codes", async () => {
    const sam = await person(t, "peer_researcher", "north");
    const code = await t.request("/api/devices/enrolment-codes", {
      method: "POST",
      cookie: admin.cookie,
      json: { userId: sam.id, label: "Tablet 1" },
    });
    expect(code.status, await code.clone().text()).toBe(201);
    const now = new Date().toISOString();
    await t.db
      .insertInto("devices")
      .values({
        id: "dev-1",
        user_id: sam.id,
        area_id: "north",
        label: "Tablet 2",
        token_hash: "x".repeat(64),
        enrolled_at: now,
        enrolled_by: admin.id,
        revoked_at: null,
        revoked_by: null,
        last_seen_at: null,
      })
      .execute();
    const res = await t.request(`/api/users/${sam.id}/disable`, { method: "POST", cookie: admin.cookie });
    expect(res.status).toBe(200);
    const device = await t.db
      .selectFrom("devices")
      .select(["revoked_at", "revoked_by"])
      .where("id", "=", "dev-1")
      .executeTakeFirstOrThrow();
    expect(device.revoked_at).not.toBeNull();
    expect(device.revoked_by).toBe(admin.id);
    const codes = await t.db
      .selectFrom("device_enrolment_codes")
      .select("used_at")
      .where("user_id", "=", sam.id)
      .execute();
    expect(codes.length).toBe(1);
    expect(codes.every((c) => c.used_at !== null)).toBe(true);
  });
});
