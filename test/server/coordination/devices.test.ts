import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  DEVICE_HEADER,
  type Device,
  type DevicesResponse,
  type EnrolledDevice,
  type EnrolmentCode,
} from "../../../shared/contract/devices.ts";
import type { SyncResponse } from "../../../shared/contract/sync.ts";
import { okJson, type Person, person, problemCode } from "../../helpers/coordination.ts";
import { syncItem } from "../../helpers/sync-items.ts";
import { createTestContext, NOW, type TestContext } from "../../helpers/test-app.ts";

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

async function newCode(forUser = researcher.id, cookie = coordinator.cookie): Promise<EnrolmentCode> {
  return okJson<EnrolmentCode>(
    t.request("/api/devices/enrolment-codes", {
      method: "POST",
      cookie,
      json: { userId: forUser, label: "Tablet 3" },
    }),
    201,
  );
}

const exchange = (code: string, cookie = researcher.cookie) =>
  t.request("/api/devices/enrol", { method: "POST", cookie, json: { code } });

async function enrol(): Promise<EnrolledDevice> {
  return okJson<EnrolledDevice>(exchange((await newCode()).code), 201);
}

const syncWith = (token: string | undefined, items = [syncItem()], cookie = researcher.cookie) =>
  t.request("/api/sync", {
    method: "POST",
    cookie,
    json: { items },
    ...(token === undefined ? {} : { headers: { [DEVICE_HEADER]: token } }),
  });

async function responses(): Promise<number> {
  const row = await t.db
    .selectFrom("responses")
    .select((eb) => eb.fn.countAll().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describe("enrolling a tablet", () => {
  it("binds the tablet to the researcher and area with a short-lived code the researcher exchanges once", async () => {
    const code = await newCode();
    expect(code.code).toMatch(/^[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}$/);
    expect(code).toMatchObject({ userId: researcher.id, areaId: "north", label: "Tablet 3" });
    expect(code.expiresAt).toBe(new Date(NOW.getTime() + 10 * 60_000).toISOString());
    // Typed by hand: case, spaces and hyphens do not matter.
    const typed = ` ${code.code.toLowerCase().replace("-", " ")} `;
    const enrolled = await okJson<EnrolledDevice>(exchange(typed), 201);
    expect(enrolled.token).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(enrolled.device).toMatchObject({
      userId: researcher.id,
      areaId: "north",
      label: "Tablet 3",
      revokedAt: null,
    });
    expect(await problemCode(exchange(code.code), 400)).toBe("enrolment_code_invalid");

    const stored = await t.db.selectFrom("devices").selectAll().executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toContain(enrolled.token);
    const codes = await t.db.selectFrom("device_enrolment_codes").selectAll().execute();
    expect(JSON.stringify(codes)).not.toContain(code.code.replace("-", ""));

    const list = await okJson<DevicesResponse>(t.request("/api/devices", { cookie: coordinator.cookie }));
    expect(list.devices.map((d) => d.id)).toEqual([enrolled.device.id]);
  });

  it("lets only the person the code names use it, and not after it expires", async () => {
    const code = await newCode();
    const other = await person(t, "peer_researcher", "north");
    expect(await problemCode(exchange(code.code, other.cookie), 403)).toBe("enrolment_code_other_user");
    await t.db.updateTable("device_enrolment_codes").set({ expires_at: NOW.toISOString() }).execute();
    expect(await problemCode(exchange(code.code), 400)).toBe("enrolment_code_invalid");
    expect(await problemCode(exchange("AAAAA-AAAAA"), 400)).toBe("enrolment_code_invalid");
  });

  it("enrols only active researchers and coordinators of one area, in the coordinator's own area", async () => {
    const expert = await person(t, "expert", "north");
    const southResearcher = await person(t, "peer_researcher", "south");
    const body = (userId: string) => ({ userId, label: "Tablet" });
    const post = (userId: string) =>
      t.request("/api/devices/enrolment-codes", {
        method: "POST",
        cookie: coordinator.cookie,
        json: body(userId),
      });
    expect(await problemCode(post(expert.id), 400)).toBe("person_not_eligible");
    expect(await problemCode(post(southResearcher.id), 404)).toBe("user_not_found");
    expect(
      await problemCode(
        t.request("/api/devices/enrolment-codes", {
          method: "POST",
          cookie: researcher.cookie,
          json: body(researcher.id),
        }),
        403,
      ),
    ).toBe("forbidden_role");
    await t.db.updateTable("users").set({ disabled: 1 }).where("id", "=", researcher.id).execute();
    expect(await problemCode(post(researcher.id), 400)).toBe("person_not_eligible");
  });
});

describe("syncing from an enrolled tablet", () => {
  it("takes uploads from a valid tablet and marks it as seen", async () => {
    const { token, device } = await enrol();
    const res = await syncWith(token);
    expect(res.status).toBe(200);
    expect(((await res.json()) as SyncResponse).results[0]?.outcome).toBe("accepted");
    const row = await t.db
      .selectFrom("devices")
      .selectAll()
      .where("id", "=", device.id)
      .executeTakeFirstOrThrow();
    expect(row.last_seen_at).toBe(NOW.toISOString());
  });

  it("still takes uploads without the header, from browsers that were never enrolled", async () => {
    const res = await syncWith(undefined);
    expect(res.status).toBe(200);
    expect(await responses()).toBe(1);
  });

  it("refuses uploads without the header from someone whose tablet was enrolled, even once it is revoked", async () => {
    const { device } = await enrol();
    expect(await problemCode(syncWith(undefined), 403)).toBe("device_required");
    await okJson(
      t.request(`/api/devices/${device.id}/revoke`, {
        method: "POST",
        cookie: coordinator.cookie,
        json: { endSessions: false },
      }),
    );
    expect(await problemCode(syncWith(undefined), 403)).toBe("device_required");
    expect(await responses()).toBe(0);
    // Someone else in the area, never given a tablet, still uploads from a browser.
    const colleague = await t.signIn("peer_researcher", "north");
    expect((await syncWith(undefined, [syncItem()], colleague)).status).toBe(200);
    expect(await responses()).toBe(1);
  });

  it("refuses every upload from a revoked tablet, says why, and stores nothing", async () => {
    const { token, device } = await enrol();
    const revoked = await okJson<Device>(
      t.request(`/api/devices/${device.id}/revoke`, {
        method: "POST",
        cookie: coordinator.cookie,
        json: { endSessions: false },
      }),
    );
    expect(revoked.revokedAt).toBe(NOW.toISOString());
    const res = await syncWith(token);
    expect(res.status).toBe(403);
    const problem = (await res.json()) as { code: string; title: string };
    expect(problem.code).toBe("device_revoked");
    expect(problem.title).toMatch(/cannot upload/);
    expect(await responses()).toBe(0);
    // Revoking again changes nothing and is harmless.
    await okJson(
      t.request(`/api/devices/${device.id}/revoke`, {
        method: "POST",
        cookie: coordinator.cookie,
        json: { endSessions: false },
      }),
    );
    const entries = await t.db
      .selectFrom("audit_log")
      .select("action")
      .where("action", "like", "device.%")
      .execute();
    expect(entries.map((e) => e.action).sort()).toEqual([
      "device.enrol",
      "device.enrolment_code",
      "device.revoke",
      "device.revoke",
    ]);
  });

  it("ends the researcher's sessions too when asked, for a lost or stolen tablet", async () => {
    const { device } = await enrol();
    await okJson(
      t.request(`/api/devices/${device.id}/revoke`, {
        method: "POST",
        cookie: coordinator.cookie,
        json: { endSessions: true },
      }),
    );
    expect(await problemCode(syncWith(undefined), 401)).toBe("not_signed_in");
  });

  it("refuses an unknown token and a tablet of another area", async () => {
    expect(await problemCode(syncWith("not-a-real-device-token"), 403)).toBe("device_unknown");
    expect(await problemCode(syncWith("x".repeat(500)), 403)).toBe("device_unknown");
    const { token } = await enrol();
    const south = await person(t, "peer_researcher", "south");
    expect(await problemCode(syncWith(token, [syncItem({ areaId: "south" })], south.cookie), 403)).toBe(
      "device_other_area",
    );
    expect(await responses()).toBe(0);
  });

  it("keeps another area's coordinator from seeing or revoking the tablet", async () => {
    const { device } = await enrol();
    const southCoordinator = await person(t, "coordinator", "south");
    const list = await okJson<DevicesResponse>(
      t.request("/api/devices", { cookie: southCoordinator.cookie }),
    );
    expect(list.devices).toEqual([]);
    expect(
      await problemCode(t.request("/api/devices?areaId=north", { cookie: southCoordinator.cookie }), 403),
    ).toBe("forbidden_area");
    expect(
      await problemCode(
        t.request(`/api/devices/${device.id}/revoke`, {
          method: "POST",
          cookie: southCoordinator.cookie,
          json: { endSessions: false },
        }),
        404,
      ),
    ).toBe("device_not_found");
  });

  it("refuses malformed and hostile enrolment requests", async () => {
    for (const body of [{}, { code: "" }, { code: 12 }, { code: "x".repeat(41) }, { code: "A", extra: 1 }]) {
      expect(
        await problemCode(
          t.request("/api/devices/enrol", { method: "POST", cookie: researcher.cookie, json: body }),
          400,
        ),
      ).toBe("invalid_body");
    }
    for (const body of [
      { userId: researcher.id },
      { userId: researcher.id, label: "" },
      { userId: 1, label: "x" },
    ]) {
      expect(
        await problemCode(
          t.request("/api/devices/enrolment-codes", {
            method: "POST",
            cookie: coordinator.cookie,
            json: body,
          }),
          400,
        ),
      ).toBe("invalid_body");
    }
    expect(
      await problemCode(
        t.request("/api/devices/enrol", {
          method: "POST",
          cookie: researcher.cookie,
          headers: { "content-type": "text/plain" },
          body: "code=1",
        }),
        415,
      ),
    ).toBe("unsupported_media_type");
    expect(
      await problemCode(
        t.request("/api/devices/enrol", { method: "POST", json: { code: "AAAAA-AAAAA" } }),
        401,
      ),
    ).toBe("not_signed_in");
  });
});
