import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Me } from "../../../shared/contract/auth.ts";
import type { Invitation, PendingInvitationsResponse } from "../../../shared/contract/invitations.ts";
import { okJson, type Person, person, problemCode } from "../../helpers/coordination.ts";
import { createTestContext, type TestContext } from "../../helpers/test-app.ts";

let t: TestContext;
let coordinator: Person;

beforeEach(async () => {
  t = await createTestContext();
  coordinator = await person(t, "coordinator", "north");
});
afterEach(async () => {
  await t.close();
});

const invite = (cookie: string, body: Record<string, unknown>) =>
  t.request("/api/invitations", { method: "POST", cookie, json: body });

const researcherInvite = {
  email: "Sam@Example.org",
  displayName: "Sam",
  role: "peer_researcher",
  areaId: "north",
};

function tokenOf(invitation: Invitation): string {
  const token = invitation.setupPath.split("#token=")[1];
  if (!token) throw new Error(`no token in ${invitation.setupPath}`);
  return token;
}

describe("inviting people with a one-time link", () => {
  it("makes an account without a password whose link sets one and signs the person in", async () => {
    const invitation = await okJson<Invitation>(invite(coordinator.cookie, researcherInvite), 201);
    expect(invitation.user).toMatchObject({
      email: "sam@example.org",
      role: "peer_researcher",
      areaId: "north",
    });
    expect(invitation.setupPath).toMatch(/^\/setup#token=[A-Za-z0-9_-]{40,}$/);
    expect(invitation.expiresAt).toBe("2026-11-29T10:00:00.000Z");
    const row = await t.db
      .selectFrom("users")
      .selectAll()
      .where("id", "=", invitation.user.id)
      .executeTakeFirstOrThrow();
    expect(row.password_hash).toBeNull();

    const pending = await okJson<PendingInvitationsResponse>(
      t.request("/api/invitations", { cookie: coordinator.cookie }),
    );
    expect(pending.invitations.map((p) => p.user.email)).toContain("sam@example.org");

    const setup = await t.request("/api/auth/setup", {
      method: "POST",
      json: { token: tokenOf(invitation), password: "a long and unusual passphrase" },
    });
    expect(setup.status).toBe(200);
    expect(((await setup.json()) as Me).email).toBe("sam@example.org");
    const login = await t.request("/api/auth/login", {
      method: "POST",
      json: { email: "sam@example.org", password: "a long and unusual passphrase" },
    });
    expect(login.status).toBe(200);
    // Used once: the same link cannot set the password again.
    expect(
      await problemCode(
        t.request("/api/auth/setup", {
          method: "POST",
          json: { token: tokenOf(invitation), password: "another long passphrase here" },
        }),
        400,
      ),
    ).toBe("setup_token_invalid");
    const after = await okJson<PendingInvitationsResponse>(
      t.request("/api/invitations", { cookie: coordinator.cookie }),
    );
    expect(after.invitations.map((p) => p.user.email)).not.toContain("sam@example.org");
  });

  it("audits the invitation without the link", async () => {
    const invitation = await okJson<Invitation>(invite(coordinator.cookie, researcherInvite), 201);
    const entry = await t.db
      .selectFrom("audit_log")
      .selectAll()
      .where("action", "=", "user.invite")
      .executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ actor_id: coordinator.id, target: invitation.user.id });
    expect(entry.detail).not.toContain(tokenOf(invitation));
  });

  it("renewing a link ends the old one", async () => {
    const first = await okJson<Invitation>(invite(coordinator.cookie, researcherInvite), 201);
    const second = await okJson<Invitation>(
      t.request(`/api/invitations/${first.user.id}/renew`, { method: "POST", cookie: coordinator.cookie }),
    );
    expect(tokenOf(second)).not.toBe(tokenOf(first));
    const password = "a long and unusual passphrase";
    expect(
      await problemCode(
        t.request("/api/auth/setup", { method: "POST", json: { token: tokenOf(first), password } }),
        400,
      ),
    ).toBe("setup_token_invalid");
    const ok = await t.request("/api/auth/setup", {
      method: "POST",
      json: { token: tokenOf(second), password },
    });
    expect(ok.status).toBe(200);
    expect(
      await problemCode(
        t.request(`/api/invitations/${first.user.id}/renew`, { method: "POST", cookie: coordinator.cookie }),
        409,
      ),
    ).toBe("invitation_not_pending");
  });

  it("lets a coordinator invite only researchers and experts, only into their own area", async () => {
    expect(
      await problemCode(invite(coordinator.cookie, { ...researcherInvite, role: "coordinator" }), 403),
    ).toBe("forbidden_role");
    expect(
      await problemCode(
        invite(coordinator.cookie, { ...researcherInvite, role: "admin", areaId: null }),
        403,
      ),
    ).toBe("forbidden_role");
    expect(await problemCode(invite(coordinator.cookie, { ...researcherInvite, areaId: "south" }), 403)).toBe(
      "forbidden_area",
    );
    expect(await problemCode(invite(coordinator.cookie, { ...researcherInvite, areaId: null }), 403)).toBe(
      "forbidden_area",
    );
    await okJson(invite(coordinator.cookie, { ...researcherInvite, role: "expert" }), 201);
  });

  it("lets an admin invite any role, and checks area, email and role rules", async () => {
    const admin = await person(t, "admin");
    await okJson(invite(admin.cookie, { ...researcherInvite, role: "coordinator", areaId: "south" }), 201);
    expect(
      await problemCode(
        invite(admin.cookie, { ...researcherInvite, email: "x@example.org", areaId: null }),
        400,
      ),
    ).toBe("area_required");
    expect(
      await problemCode(
        invite(admin.cookie, { ...researcherInvite, email: "y@example.org", areaId: "atlantis" }),
        404,
      ),
    ).toBe("area_not_found");
    expect(await problemCode(invite(admin.cookie, researcherInvite), 409)).toBe("email_taken");
  });

  it("shows a coordinator only their own area's pending invitations, and renews only those", async () => {
    const admin = await person(t, "admin");
    const south = await okJson<Invitation>(
      invite(admin.cookie, { ...researcherInvite, areaId: "south" }),
      201,
    );
    const pending = await okJson<PendingInvitationsResponse>(
      t.request("/api/invitations", { cookie: coordinator.cookie }),
    );
    expect(pending.invitations.map((p) => p.user.id)).not.toContain(south.user.id);
    expect(
      await problemCode(
        t.request(`/api/invitations/${south.user.id}/renew`, { method: "POST", cookie: coordinator.cookie }),
        404,
      ),
    ).toBe("user_not_found");
  });

  it("refuses researchers, and people who are not signed in", async () => {
    const researcher = await person(t, "peer_researcher", "north");
    expect(await problemCode(invite(researcher.cookie, researcherInvite), 403)).toBe("forbidden_role");
    expect(
      await problemCode(t.request("/api/invitations", { method: "POST", json: researcherInvite }), 401),
    ).toBe("not_signed_in");
  });
});
