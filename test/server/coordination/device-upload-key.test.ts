import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type DeviceUploadKey, UPLOAD_KEY_PATH } from "../../../shared/contract/device-upload-key.ts";
import { DEVICE_HEADER, type EnrolledDevice, type EnrolmentCode } from "../../../shared/contract/devices.ts";
import { okJson, type Person, person, problemCode } from "../../helpers/coordination.ts";
import { createTestContext, type TestContext } from "../../helpers/test-app.ts";

// The tablet's upload key (issue 17, docs/decisions/0035): given only to an enrolled tablet that the
// device check accepts, for the person it was enrolled for or their area's coordinator.

let t: TestContext;
let coordinator: Person;
let researcher: Person;

beforeEach(async () => {
  t = await createTestContext();
  coordinator = await person(t, "coordinator", "north");
  researcher = await person(t, "peer_researcher", "north");
});
afterEach(async () => {
  await t.close();
});

async function enrol(forUser = researcher): Promise<EnrolledDevice> {
  const code = await okJson<EnrolmentCode>(
    t.request("/api/devices/enrolment-codes", {
      method: "POST",
      cookie: coordinator.cookie,
      json: { userId: forUser.id, label: "Tablet 3" },
    }),
    201,
  );
  return okJson<EnrolledDevice>(
    t.request("/api/devices/enrol", { method: "POST", cookie: forUser.cookie, json: { code: code.code } }),
    201,
  );
}

const askKey = (
  token: string | undefined,
  cookie: string | null = researcher.cookie,
  init: RequestInit = {},
) =>
  t.request(UPLOAD_KEY_PATH, {
    method: "POST",
    ...(cookie === null ? {} : { cookie }),
    ...init,
    headers: { ...(token === undefined ? {} : { [DEVICE_HEADER]: token }), ...(init.headers as object) },
  });

async function auditedIssues(): Promise<number> {
  const rows = await t.db
    .selectFrom("audit_log")
    .select("action")
    .where("action", "=", "device.upload_key")
    .execute();
  return rows.length;
}

describe("the tablet's upload key", () => {
  it("gives an enrolled tablet one key, the same each time, never cached, its first issue audited", async () => {
    const { token, device } = await enrol();
    const first = await askKey(token);
    expect(first.headers.get("cache-control")).toBe("no-store");
    const key = await okJson<DeviceUploadKey>(first);
    expect(key.deviceId).toBe(device.id);
    expect(Buffer.from(key.key, "base64url")).toHaveLength(32);
    expect(key.keyId).toMatch(/^[A-Za-z0-9_-]{8,}$/);
    expect(Buffer.from(key.recoveryKey, "base64url")).toHaveLength(32);
    expect(key.recoveryKey).not.toBe(key.key);
    expect(await okJson<DeviceUploadKey>(askKey(token))).toEqual(key);
    expect(await auditedIssues()).toBe(1);
    const logged = await t.db
      .selectFrom("audit_log")
      .selectAll()
      .where("action", "=", "device.upload_key")
      .execute();
    expect(JSON.stringify(logged)).not.toContain(key.key);
    expect(JSON.stringify(logged)).not.toContain(key.recoveryKey);
  });

  it("gives each tablet its own key", async () => {
    const a = await okJson<DeviceUploadKey>(askKey((await enrol()).token));
    const b = await okJson<DeviceUploadKey>(askKey((await enrol()).token));
    expect(a.deviceId).not.toBe(b.deviceId);
    expect(a.key).not.toBe(b.key);
  });

  it("answers two first requests at once with one key", async () => {
    const { token } = await enrol();
    const [a, b] = await Promise.all([askKey(token), askKey(token)]);
    expect(await okJson<DeviceUploadKey>(a)).toEqual(await okJson<DeviceUploadKey>(b));
  });

  it("gives it to anyone of the tablet's area (a shared tablet, decision 0042), nobody else", async () => {
    const { token } = await enrol();
    const own = await okJson<DeviceUploadKey>(askKey(token));
    const other = await okJson<DeviceUploadKey>(
      askKey(token, (await person(t, "peer_researcher", "north")).cookie),
    );
    expect(other.key).toBe(own.key);
    expect(other.recoveryKey).not.toBe(own.recoveryKey);
    const southResearcher = await person(t, "peer_researcher", "south");
    expect(await problemCode(askKey(token, southResearcher.cookie), 403)).toBe("device_other_area");
    const coordinators = await okJson<DeviceUploadKey>(askKey(token, coordinator.cookie));
    // The same tablet key (to upload), but not the researcher's recovery key (their drafts stay theirs).
    expect(coordinators.key).toBe(own.key);
    expect(coordinators.recoveryKey).not.toBe(own.recoveryKey);
    const south = await person(t, "coordinator", "south");
    expect(await problemCode(askKey(token, south.cookie), 403)).toBe("device_other_area");
  });

  it("refuses a revoked tablet", async () => {
    const { token, device } = await enrol();
    await okJson(askKey(token));
    await okJson(
      t.request(`/api/devices/${device.id}/revoke`, {
        method: "POST",
        cookie: coordinator.cookie,
        json: { endSessions: false },
      }),
    );
    const res = await askKey(token);
    const text = await res.text();
    expect(res.status).toBe(403);
    expect(JSON.parse(text).code).toBe("device_revoked");
    expect(text).not.toMatch(/"key"/);
  });

  it("refuses a researcher removed from the tablet's area", async () => {
    const { token } = await enrol();
    await t.db.updateTable("users").set({ area_id: "south" }).where("id", "=", researcher.id).execute();
    expect(await problemCode(askKey(token), 403)).toBe("device_other_area");
  });

  it("says a browser that is not enrolled gets no key, and one that should use its tablet is refused", async () => {
    expect(await problemCode(askKey(undefined), 403)).toBe("upload_key_needs_enrolment");
    expect(await problemCode(askKey(""), 403)).toBe("upload_key_needs_enrolment");
    await enrol();
    expect(await problemCode(askKey(undefined), 403)).toBe("device_required");
  });

  it("refuses unknown, oversized and hostile tokens without saying more", async () => {
    for (const token of ["not-a-token", "x".repeat(129), "' or 1=1 --", "%00", "\u00e9".repeat(40)]) {
      const res = await askKey(token);
      const text = await res.text();
      expect(res.status, token).toBe(403);
      expect(res.headers.get("content-type")).toBe("application/problem+json");
      expect(JSON.parse(text).code).toBe("device_unknown");
    }
    expect(await auditedIssues()).toBe(0);
  });

  it("ignores a body, refuses an oversized one", async () => {
    const { token } = await enrol();
    const malformed = await askKey(token, researcher.cookie, {
      body: "{not json",
      headers: { "content-type": "application/json" },
    });
    expect(malformed.status).toBe(200);
    const big = await askKey(token, researcher.cookie, {
      body: "x".repeat(2_000_000),
      headers: { "content-type": "application/json" },
    });
    expect(big.status).toBe(413);
  });

  it("refuses anyone not signed in, and roles that do not do fieldwork", async () => {
    const { token } = await enrol();
    expect(await problemCode(askKey(token, null), 401)).toBe("not_signed_in");
    for (const role of ["admin", "evaluator", "expert"] as const) {
      const cookie = await t.signIn(role, role === "expert" ? "north" : null);
      expect(await problemCode(askKey(token, cookie), 403), role).toBe("forbidden_role");
    }
  });
});
