import { randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { EnrolledDevice, EnrolmentCode } from "../../../shared/contract/devices.ts";
import { DEVICE_TOKEN_KEY } from "../../../shared/contract/devices.ts";
import { stubBrowser } from "../../client/offline/offline-globals.ts";
import { concernRecord, debriefRecord, interviewRecord } from "../../client/offline/records.ts";
import { okJson, type Person, person } from "../../helpers/coordination.ts";
import { syncItem } from "../../helpers/sync-items.ts";
import { createTestContext, type TestContext } from "../../helpers/test-app.ts";

// The key design of decision 0035 end to end: the tablet's client code (real WebCrypto, IndexedDB in
// fake-indexeddb) against the real server (app.request), as a shared tablet lives it.

const browser = stubBrowser();
const space = await import("../../../client/offline/space.ts");
const { unlockOutbox, fetchUploadKey } = await import("../../../client/offline/upload-key.ts");
const { SealError } = await import("../../../client/offline/envelope.ts");
const outbox = await import("../../../client/offline/outbox.ts");
const { database } = await import("../../../client/offline/db.ts");
const { spaceSession } = await import("../../../client/offline/space-session.ts");
const { sealPlaintextFor } = await import("../../../client/offline/space-migration.ts");
const { SyncEngine } = await import("../../../client/offline/sync-engine.ts");

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

  it("another researcher of the area on the shared tablet gets its key but not Sam's recovery key; a browser with no enrolment is told so", async () => {
    await enrolTabletFor(sam);
    signedIn = sam;
    const samsAnswer = await fetchUploadKey();
    signedIn = alex;
    const alexsAnswer = await fetchUploadKey();
    if (samsAnswer.kind !== "ok" || alexsAnswer.kind !== "ok") throw new Error("no upload key");
    expect(alexsAnswer.key.key).toBe(samsAnswer.key.key);
    expect(alexsAnswer.key.recoveryKey).not.toBe(samsAnswer.key.recoveryKey);
    browser.storage.delete(DEVICE_TOKEN_KEY);
    expect(await fetchUploadKey()).toEqual({ kind: "not_enrolled" });
    signedIn = null;
    expect(await fetchUploadKey()).toMatchObject({ kind: "refused", problem: { code: "not_signed_in" } });
  });

  it("the uploader, signed in as Alex with no space open, sends Sam's and Alex's sealed items; receipts stay sealed; nothing is plain", async () => {
    await clearFieldwork();
    await enrolTabletFor(sam);
    signedIn = sam;
    const online = await unlockOutbox();
    if (online.kind !== "ok") throw new Error(online.kind);
    const samSpace = await space.createSpace(owner(sam), "482913", online.recoveryKey, ITER);
    const samsItem = syncItem();
    const samsInterview = interviewRecord({ ...owner(sam), id: samsItem.id, item: samsItem });
    const concernId = randomUUID();
    const samsConcern = concernRecord({ ...owner(sam), id: concernId });
    samsConcern.body = { ...samsConcern.body, id: concernId, participantCode: samsItem.participantCode };
    const samsDebrief = { ...debriefRecord(sam.id), ownerName: sam.displayName };
    samsDebrief.body = { ...samsDebrief.body, notes: "a hard one today" };
    spaceSession.unlocked(samSpace);
    for (const record of [samsInterview, samsConcern, samsDebrief]) await outbox.queue(record);
    spaceSession.lock("sign_out");

    signedIn = alex;
    const alexOnline = await unlockOutbox();
    if (alexOnline.kind !== "ok") throw new Error(alexOnline.kind);
    const alexSpace = await space.createSpace(owner(alex), "615243", alexOnline.recoveryKey, ITER);
    const alexsItem = syncItem();
    spaceSession.unlocked(alexSpace);
    await outbox.queue(interviewRecord({ ...owner(alex), id: alexsItem.id, item: alexsItem }));
    spaceSession.lock("idle");

    const secrets = [
      samsItem.participantCode,
      alexsItem.participantCode,
      "drop_in",
      "nowhere to sleep",
      "a hard one",
    ];
    const before = await everythingStored();
    for (const secret of secrets) expect(before).not.toContain(secret);
    // Alex sees none of Sam's items, even with Alex's own space open.
    spaceSession.unlocked(await space.unlockWithPin(alex.id, "615243"));
    expect((await outbox.outboxOf(alex.id)()).map((r) => r.id)).toEqual([alexsItem.id]);
    expect((await outbox.lookUpRecord(samsItem.id, alex.id)).kind).toBe("not_yours");
    spaceSession.lock("sign_out");

    // Online, Alex signed in, no space open: everyone's interviews and Sam's concern upload.
    const engine = new SyncEngine();
    engine.start({ id: alex.id });
    await engine.uploadNow();
    engine.dispose();
    const stored = await t.db
      .selectFrom("responses")
      .select(["id", "participant_code"])
      .where("id", "in", [samsItem.id, alexsItem.id])
      .execute();
    expect(stored.map((r) => r.participant_code).sort()).toEqual(
      [samsItem.participantCode, alexsItem.participantCode].sort(),
    );
    expect(
      await t.db.selectFrom("safeguarding_concerns").select("id").where("id", "=", concernId).execute(),
    ).toHaveLength(1);
    const states = Object.fromEntries((await outbox.listOutbox()).map((r) => [r.id, r.state]));
    // Sam's debrief is Sam's own: it waits for Sam's session.
    expect(states).toEqual({
      [samsItem.id]: "stored",
      [alexsItem.id]: "stored",
      [concernId]: "stored",
      [samsDebrief.id]: "waiting",
    });
    const after = await everythingStored();
    for (const secret of secrets) expect(after).not.toContain(secret);

    // Sam, unlocked, reads the receipt inside the seal; the answers are gone from the tablet.
    spaceSession.unlocked(await space.unlockWithPin(sam.id, "482913"));
    const mine = await outbox.outboxOf(sam.id)();
    const interview = mine.find((r) => r.id === samsItem.id);
    expect(interview?.receipt).toMatchObject({ outcome: "accepted" });
    expect(interview?.kind === "interview" && interview.item.data).toEqual({});
    spaceSession.lock("sign_out");
  });

  it("plain items from before spaces are sealed in place at first unlock, then upload with no PIN: none lost", async () => {
    await clearFieldwork();
    await enrolTabletFor(sam);
    signedIn = sam;
    const online = await unlockOutbox();
    if (online.kind !== "ok") throw new Error(online.kind);
    // The previous version: plain records, one with no owner (the localStorage outbox of the first).
    const items = [syncItem(), syncItem(), syncItem()];
    const records = [
      interviewRecord({ ...owner(sam), id: items[0]?.id, item: items[0] }),
      interviewRecord({ ...owner(sam), id: items[1]?.id, item: items[1] }),
      interviewRecord({ ownerId: "", ownerName: "", id: items[2]?.id, item: items[2] }),
    ];
    for (const record of records) await outbox.queue(record);
    expect(await everythingStored()).toContain(items[0]?.participantCode);

    const samSpace = await space.createSpace(owner(sam), "482913", online.recoveryKey, ITER);
    // Sealed now for the tablet key it already holds, so none needs wrapping again (decision 0049).
    expect(await sealPlaintextFor(samSpace)).toEqual({ drafts: 0, outbox: 3, rewrapped: 0 });
    const sealedNow = await everythingStored();
    for (const item of items) expect(sealedNow).not.toContain(item.participantCode);
    expect((await outbox.storedOutbox()).every(outbox.isSealedRecord)).toBe(true);

    signedIn = alex;
    const engine = new SyncEngine();
    engine.start({ id: alex.id });
    await engine.uploadNow();
    engine.dispose();
    const ids = items.map((item) => item.id);
    const stored = await t.db.selectFrom("responses").select("id").where("id", "in", ids).execute();
    expect(stored.map((r) => r.id).sort()).toEqual([...ids].sort());
    expect((await outbox.listOutbox()).map((r) => r.state)).toEqual(["stored", "stored", "stored"]);
  });
});

async function clearFieldwork(): Promise<void> {
  const db = await database();
  await db.clear("outbox");
  await db.clear("drafts");
}

/** Every value in every IndexedDB database, strings and bytes decoded as UTF-8, as one text. */
async function everythingStored(): Promise<string> {
  const texts: string[] = [];
  const walk = (value: unknown): void => {
    if (value === null || value === undefined) return;
    if (typeof value === "string") return void texts.push(value);
    if (value instanceof ArrayBuffer) return void texts.push(new TextDecoder().decode(value));
    if (ArrayBuffer.isView(value))
      return void texts.push(
        new TextDecoder().decode(new Uint8Array(value.buffer, value.byteOffset, value.byteLength)),
      );
    if (typeof value === "object")
      for (const [k, v] of Object.entries(value)) {
        texts.push(k);
        walk(v);
      }
    else texts.push(String(value));
  };
  for (const { name } of await indexedDB.databases()) {
    if (!name) continue;
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(name);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    for (const store of db.objectStoreNames) {
      walk(
        await new Promise((resolve, reject) => {
          const request = db.transaction(store).objectStore(store).getAll();
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        }),
      );
    }
    db.close();
  }
  return texts.join("\n");
}
