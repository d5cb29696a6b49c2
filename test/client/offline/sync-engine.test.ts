import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { SyncItem, SyncOutcome } from "../../../shared/contract/sync.ts";
import type { OutboxState } from "../../../shared/fieldwork/outbox-state.ts";
import { stubBrowser } from "./offline-globals.ts";

const browser = stubBrowser();
const { database } = await import("../../../client/offline/db.ts");
const outbox = await import("../../../client/offline/outbox.ts");
const { SyncEngine } = await import("../../../client/offline/sync-engine.ts");
const { debriefRecord, interviewRecord } = await import("./records.ts");

type Handler = (path: string, body: { items?: SyncItem[] }) => Response | Promise<Response>;
let requests: { path: string; body: { items?: SyncItem[] }; headers: Headers }[];
let engine: InstanceType<typeof SyncEngine>;

function serve(handler: Handler): void {
  vi.stubGlobal("fetch", async (path: string, init: RequestInit) => {
    const body = JSON.parse(String(init.body));
    requests.push({ path, body, headers: new Headers(init.headers) });
    return handler(path, body);
  });
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
const accepted = (items: SyncItem[] = []): SyncOutcome[] =>
  items.map((item) => ({ id: item.id, outcome: "accepted", receivedAt: "2026-11-26T12:00:00.000Z" }));
const problem = (status: number, code: string, extra: object = {}) =>
  json(status, { type: `/problems/${code}`, title: code, status, code, ...extra });

beforeEach(async () => {
  requests = [];
  browser.setOnline(true);
  browser.storage.clear();
  await (await database()).clear("outbox");
  engine = new SyncEngine();
});
afterEach(() => engine.dispose());

async function countInState(state: OutboxState): Promise<number> {
  return (await database()).countFromIndex("outbox", "state", state);
}

async function queueInterviews(count: number) {
  const records = Array.from({ length: count }, () => interviewRecord());
  for (const record of records) await outbox.queue(record);
  return records;
}

describe("the sync engine", () => {
  it("sends 120 interviews as 50, 50 and 20, and keeps only receipts", async () => {
    await queueInterviews(120);
    serve((_, body) => json(200, { results: accepted(body.items) }));
    engine.start({ id: "u1" });
    await engine.uploadNow();
    expect(requests.map((r) => r.body.items?.length)).toEqual([50, 50, 20]);
    expect(await countInState("stored")).toBe(120);
    expect(engine.getStatus()).toMatchObject({ phase: "idle", progress: null });
  });

  it("names who made each interview, so the server records them rather than the uploader (decision 0049)", async () => {
    await outbox.queue(interviewRecord({ ownerId: "u-sam", ownerName: "Sam" }));
    await outbox.queue(interviewRecord({ ownerId: "", ownerName: "" }));
    serve((_, body) => json(200, { results: accepted(body.items) }));
    engine.start({ id: "u-alex" });
    await engine.uploadNow();
    // An item of the very first version has no owner: sent as before, as the uploader's.
    expect(requests[0]?.body.items?.map((item) => item.interviewer)).toEqual(["u-sam", undefined]);
  });

  it("keeps everything waiting when the answer is lost, and the retry is answered duplicate", async () => {
    const [record] = await queueInterviews(1);
    serve(() => {
      throw new TypeError("network");
    });
    engine.start({ id: "u1" });
    await engine.uploadNow();
    expect(engine.getStatus().phase).toBe("retrying");
    expect(engine.getStatus().nextRetryAt).toBeGreaterThan(Date.now());
    expect(await outbox.getRecord(record?.id ?? "")).toMatchObject({ state: "waiting", attempts: 1 });
    serve((_, body) =>
      json(200, { results: body.items?.map((i) => ({ id: i.id, outcome: "duplicate", receivedAt: "x" })) }),
    );
    await engine.uploadNow();
    expect(await outbox.getRecord(record?.id ?? "")).toMatchObject({
      state: "stored",
      receipt: { outcome: "duplicate" },
    });
  });

  it("keeps every item through a 503 or 507 and waits at least as long as Retry-After asks", async () => {
    const records = await queueInterviews(3);
    for (const [status, code, seconds] of [
      [503, "database_unavailable", 5],
      [507, "storage_full", 60],
    ] as const) {
      serve(
        () =>
          new Response(
            JSON.stringify({ type: `/problems/${code}`, title: `Plain words for ${code}`, status, code }),
            {
              status,
              headers: { "content-type": "application/problem+json", "retry-after": String(seconds) },
            },
          ),
      );
      engine.start({ id: "u1" });
      const before = Date.now();
      await engine.uploadNow();
      expect(engine.getStatus().phase).toBe("retrying");
      expect(engine.getStatus().nextRetryAt ?? 0).toBeGreaterThanOrEqual(before + seconds * 1000);
      expect(await countInState("waiting")).toBe(3);
      expect(await outbox.getRecord(records[0]?.id ?? "")).toMatchObject({
        state: "waiting",
        lastError: `Plain words for ${code}`,
      });
    }
    serve((_, body) => json(200, { results: accepted(body.items) }));
    await engine.uploadNow();
    expect(await countInState("stored")).toBe(3);
  });

  it("tries again at once when the connection comes back while a try is failing (no backoff wait)", async () => {
    await queueInterviews(3);
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    serve(async (_, body) => {
      if (requests.length === 1) {
        await held;
        throw new TypeError("network");
      }
      return json(200, { results: accepted(body.items) });
    });
    engine.start({ id: "u1" });
    await vi.waitFor(() => expect(requests).toHaveLength(1));
    // The connection returns while the first try is still on its way to failing.
    window.dispatchEvent(new Event("online"));
    release();
    // The first backoff is 2.5–5 s: this passes only if the "online" is not lost.
    await vi.waitFor(async () => expect(await countInState("stored")).toBe(3), { timeout: 1_500 });
    expect(requests).toHaveLength(2);
    expect(engine.getStatus()).toMatchObject({ phase: "idle", nextRetryAt: null });
  });

  it("pauses on a signed-out session until the researcher signs in again, keeping every item", async () => {
    await queueInterviews(3);
    serve(() => problem(401, "not_signed_in"));
    engine.start({ id: "u1" });
    await engine.uploadNow();
    expect(engine.getStatus().phase).toBe("signed_out");
    engine.kick();
    await Promise.resolve();
    expect(requests).toHaveLength(1);
    expect(await countInState("waiting")).toBe(3);
    serve((_, body) => json(200, { results: accepted(body.items) }));
    engine.start({ id: "u1" });
    await vi.waitFor(async () => expect(await countInState("stored")).toBe(3));
  });

  it("stops on a revoked tablet and sends its enrolment token with every upload", async () => {
    browser.storage.set("alongside.deviceToken", "token-1");
    await queueInterviews(1);
    serve(() => problem(403, "device_revoked"));
    engine.start({ id: "u1" });
    await engine.uploadNow();
    expect(engine.getStatus()).toMatchObject({ phase: "blocked", message: "device_revoked" });
    expect(requests[0]?.headers.get("x-alongside-device")).toBe("token-1");
    expect(await countInState("waiting")).toBe(1);
  });

  it("splits a batch the server finds too large, and refuses only the items a refused batch names", async () => {
    const records = await queueInterviews(4);
    serve((_, body) => {
      const items = body.items ?? [];
      if (items.length > 2) return problem(413, "body_too_large");
      if (items.some((i) => i.id === records[3]?.id)) {
        const index = items.findIndex((i) => i.id === records[3]?.id);
        return problem(400, "invalid_body", { issues: [{ path: ["items", index, "data"], message: "bad" }] });
      }
      return json(200, { results: accepted(items) });
    });
    engine.start({ id: "u1" });
    await engine.uploadNow();
    expect(requests.map((r) => r.body.items?.length)).toEqual([4, 2, 2, 1]);
    const states = await Promise.all(records.map(async (r) => (await outbox.getRecord(r.id))?.state));
    expect(states).toEqual(["stored", "stored", "stored", "refused"]);
  });

  it("sends a debrief only under its author's session, and nothing while the browser is offline", async () => {
    await outbox.queue(debriefRecord("u2"));
    const mine = debriefRecord("u1");
    await outbox.queue(mine);
    serve((path, body) =>
      json(201, { id: (body as { id: string }).id, outcome: "accepted", receivedAt: "x", path }),
    );
    browser.setOnline(false);
    engine.start({ id: "u1" });
    await Promise.resolve();
    expect(engine.getStatus().phase).toBe("offline");
    expect(requests).toEqual([]);
    browser.setOnline(true);
    await engine.uploadNow();
    expect(requests.map((r) => r.path)).toEqual(["/api/debriefs"]);
    expect((await outbox.getRecord(mine.id))?.state).toBe("stored");
  });
});
