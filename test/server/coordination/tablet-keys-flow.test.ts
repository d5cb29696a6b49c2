import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { DEVICE_TOKEN_KEY } from "../../../shared/contract/device-constants.ts";
import type { EnrolledDevice, EnrolmentCode } from "../../../shared/contract/devices.ts";
import { stubBrowser } from "../../client/offline/offline-globals.ts";
import { interviewRecord } from "../../client/offline/records.ts";
import { okJson, type Person, person } from "../../helpers/coordination.ts";
import { createTestContext, type TestContext } from "../../helpers/test-app.ts";

// The key design of decision 0035 end to end: the tablet's client code (real WebCrypto, IndexedDB in
// fake-indexeddb) against the real server (app.request), as a shared tablet lives it.

const browser = stubBrowser();
const space = await import("../../../client/offline/space.ts");
const { unlockOutbox, fetchUploadKey } = await import("../../../client/offline/upload-key.ts");
const { SealError } = await import("../../../client/offline/envelope.ts");

let t: TestContext;
let coordinator: Person;
let sam: Person;
let alex: Person;
let signedIn: Person | null = null;

beforeEach(async () => {
  t = await createTestContext();
  coordinator = await person(t, "coordinator", "north");
  sam = await person(t, "peer_researcher", "north");
  alex = await person(t, "peer_researcher", "north");
  browser.storage.clear();
  await space.closeKeys();
  await new Promise<void>((resolve, reject) => {
    const request = indexedDB.deleteDatabase(space.KEYS_DATABASE);
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error);
  });
  // The tablet's fetch reaches the real app, with whoever is signed in on the tablet.
  vi.stubGlobal("fetch", (path: string, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    if (signedIn) headers.set("cookie", signedIn.cookie);
    return Promise.resolve(t.app.request(path, { ...init, headers }));
  });
});
afterEach(async () => {
  signedIn = null;
  await t.close();
});

async function enrolTabletFor(who: Person): Promise<EnrolledDevice> {
  const code = await okJson<EnrolmentCode>(
    t.request("/api/devices/enrolment-codes", {
      method: "POST",
      cookie: coordinator.cookie,
      json: { userId: who.id, label: "Shared tablet" },
    }),
    201,
  );
  const enrolled = await okJson<EnrolledDevice>(
    t.request("/api/devices/enrol", { method: "POST", cookie: who.cookie, json: { code: code.code } }),
    201,
  );
  browser.storage.set(DEVICE_TOKEN_KEY, enrolled.token);
  return enrolled;
}

const owner = (p: Person) => ({ ownerId: p.id, ownerName: p.displayName });
const ITER = 1000;

describe("a shared tablet's keys with the real server", () => {
  it("queues offline under one researcher; the area's coordinator uploads it online without that PIN", async () => {
    await enrolTabletFor(sam);
    signedIn = sam;
    const online = await unlockOutbox();
    if (online.kind !== "ok") throw new Error(online.kind);
    const samSpace = await space.createSpace(owner(sam), "482913", online.recoveryKey, ITER);

    // Offline: Sam finishes an interview. Sealing for the outbox needs no secret.
    signedIn = null;
    const queued = await space.sealOutboxRecord(samSpace, interviewRecord({ ...owner(sam) }));
    expect(JSON.stringify(queued)).not.toContain("ABCD-EFGH");

    // Later, online, the coordinator signs in on the tablet (to empty it) and opens it for upload.
    signedIn = coordinator;
    const coordinatorOnline = await unlockOutbox();
    if (coordinatorOnline.kind !== "ok") throw new Error(coordinatorOnline.kind);
    const opened = await space.openOutboxForUpload(coordinatorOnline.privateKey, queued);
    expect(opened.kind === "interview" && opened.item.participantCode).toBe("ABCD-EFGH");
    // The coordinator's recovery key is theirs, not Sam's: it does not open Sam's space.
    await expect(space.recoverSpace(sam.id, coordinatorOnline.recoveryKey, "111111")).rejects.toBeInstanceOf(
      SealError,
    );
  });

  it("five wrong PINs: only Sam's online sign-in opens Sam's space again, with everything in it", async () => {
    await enrolTabletFor(sam);
    signedIn = sam;
    const first = await unlockOutbox();
    if (first.kind !== "ok") throw new Error(first.kind);
    const samSpace = await space.createSpace(owner(sam), "482913", first.recoveryKey, ITER);
    const queued = await space.sealOutboxRecord(samSpace, interviewRecord({ ...owner(sam) }));
    for (let i = 0; i < 5; i++) await expect(space.unlockWithPin(sam.id, "000000")).rejects.toThrow();
    await expect(space.unlockWithPin(sam.id, "482913")).rejects.toMatchObject({
      failure: { kind: "locked_out" },
    });

    const again = await unlockOutbox();
    if (again.kind !== "ok") throw new Error(again.kind);
    const back = await space.recoverSpace(sam.id, again.recoveryKey, "246810");
    expect((await space.openOutboxAsOwner(back, queued)).id).toBe(queued.id);
  });

  it("a revoked tablet gets no key, so what is queued on it cannot be opened for upload", async () => {
    const { device } = await enrolTabletFor(sam);
    signedIn = sam;
    const online = await unlockOutbox();
    if (online.kind !== "ok") throw new Error(online.kind);
    const samSpace = await space.createSpace(owner(sam), "482913", online.recoveryKey, ITER);
    const queued = await space.sealOutboxRecord(samSpace, interviewRecord({ ...owner(sam) }));
    await okJson(
      t.request(`/api/devices/${device.id}/revoke`, {
        method: "POST",
        cookie: coordinator.cookie,
        json: { endSessions: false },
      }),
    );
    const refused = await unlockOutbox();
    expect(refused).toMatchObject({ kind: "refused", problem: { code: "device_revoked" } });
    // Sam, offline with the PIN, still sees their own queued interview (nothing is lost).
    const unlocked = await space.unlockWithPin(sam.id, "482913");
    expect((await space.openOutboxAsOwner(unlocked, queued)).id).toBe(queued.id);
  });

  it("another researcher on Sam's tablet gets no key; a browser with no enrolment is told so", async () => {
    await enrolTabletFor(sam);
    signedIn = alex;
    expect(await fetchUploadKey()).toMatchObject({
      kind: "refused",
      problem: { code: "device_other_person" },
    });
    browser.storage.delete(DEVICE_TOKEN_KEY);
    expect(await fetchUploadKey()).toEqual({ kind: "not_enrolled" });
    signedIn = null;
    expect(await fetchUploadKey()).toMatchObject({ kind: "refused", problem: { code: "not_signed_in" } });
  });
});
