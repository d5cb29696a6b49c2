import { afterAll, describe, expect, it, vi } from "vitest";
import type { DeviceManifest } from "../../../shared/contract/lost-devices.ts";
import { stubBrowser } from "./offline-globals.ts";

const browser = stubBrowser();
const { database } = await import("../../../client/offline/db.ts");
const outbox = await import("../../../client/offline/outbox.ts");
const { SyncEngine } = await import("../../../client/offline/sync-engine.ts");
const { setTabletWiped, tabletWiped } = await import("../../../client/offline/wipe-state.ts");
const { concernRecord, debriefRecord, interviewRecord } = await import("./records.ts");

afterAll(() => setTabletWiped(false));

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

describe("a tablet reported lost", () => {
  it("says what it holds without answers, then stops at the device_lost answer and writes nothing more", async () => {
    browser.storage.set("alongside.deviceToken", "token-lost");
    const interview = interviewRecord();
    const concern = concernRecord();
    await outbox.queue(interview);
    await outbox.queue(concern);
    await outbox.queue(debriefRecord("u1"));
    const requests: { path: string; body: string }[] = [];
    vi.stubGlobal("fetch", async (path: string, init: RequestInit) => {
      requests.push({ path, body: String(init.body) });
      return json(403, {
        type: "/problems/device_lost",
        title: "This tablet has been reported lost.",
        status: 403,
        code: "device_lost",
      });
    });
    const engine = new SyncEngine();
    engine.start({ id: "u1" });
    await engine.uploadNow();

    const [first] = requests;
    expect(first?.path).toBe("/api/devices/manifest");
    const manifest = JSON.parse(first?.body ?? "{}") as DeviceManifest;
    expect(manifest.omitted).toBe(0);
    expect(manifest.lines.map((l) => [l.kind, l.id, l.participantCode])).toEqual(
      expect.arrayContaining([
        ["interview", interview.id, "ABCD-EFGH"],
        ["concern", concern.id, concern.body.participantCode],
      ]),
    );
    expect(manifest.lines).toHaveLength(3);
    // Codes and dates, never answers or notes.
    expect(first?.body).not.toContain("mood");
    expect(first?.body).not.toContain(concern.body.description);
    // No upload was tried after the refusal, and the engine is stopped.
    expect(requests.map((r) => r.path)).not.toContain("/api/sync");
    expect(engine.getStatus()).toMatchObject({
      phase: "blocked",
      message: "This tablet has been reported lost.",
    });
    expect(tabletWiped()).toBe(true);
    // The database may not be opened again (it would be created afresh).
    await expect(database()).rejects.toThrow();
    engine.dispose();
  });
});
