import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findAreaSettings } from "../../../server/areas/area-settings.repository.ts";
import type { DatabaseHandle } from "../../../server/db/connect.ts";
import { DEMO_AREAS, seedDemo } from "../../../server/demo/seed-demo.ts";
import { listQueue } from "../../../server/safeguarding/queue.repository.ts";
import { prepareDatabase } from "../../../server/start.ts";
import { listTraining } from "../../../server/training/training.repository.ts";
import { trainingStandings } from "../../../shared/contract/training.ts";
import { testConfig } from "../../helpers/test-app.ts";

/**
 * `npm run demo` shows the app as an area meets it once set up (issue 15): every area has local
 * support services, a named safeguarding lead, targets and a reward policy; the demo researcher's
 * training is in date; the safeguarding queue has a concern in each state.
 */
describe("the demo database", () => {
  const now = new Date("2026-12-06T12:00:00.000Z");
  let dir: string;
  let handle: DatabaseHandle;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "alongside-demo-"));
    handle = await prepareDatabase({ ...testConfig, dataDir: dir }, join(dir, "demo.sqlite"), now);
    await seedDemo(handle.db, { now, password: "demo-password-2026", participantsPerArea: 2 });
  }, 60_000);
  afterAll(async () => {
    await handle?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("sets every area up like a real one: services, a lead from the area, targets and a reward policy", async () => {
    for (const area of DEMO_AREAS) {
      const settings = await findAreaSettings(handle.db, area.id);
      expect(settings?.supportServices.length, area.id).toBeGreaterThanOrEqual(2);
      expect(
        settings?.supportServices.every((s) => s.phone !== ""),
        area.id,
      ).toBe(true);
      expect(settings?.safeguardingLeadId, area.id).not.toBeNull();
      const lead = await handle.db
        .selectFrom("users")
        .select(["role", "area_id"])
        .where("id", "=", settings?.safeguardingLeadId ?? "")
        .executeTakeFirstOrThrow();
      expect(lead).toEqual({ role: "coordinator", area_id: area.id });
      expect(
        settings?.targets.map((t) => t.wave),
        area.id,
      ).toEqual([0, 1, 2, 3]);
      expect(settings?.rewardPencePerHour, area.id).toBeGreaterThan(0);
    }
  });

  it("gives the demo researcher in-date training, so fieldwork starts without a warning", async () => {
    const researcher = await handle.db
      .selectFrom("users")
      .select("id")
      .where("email", "=", "researcher@demo.alongside")
      .executeTakeFirstOrThrow();
    const records = await listTraining(handle.db, { areaId: null, userId: researcher.id });
    const standings = trainingStandings(records, now.toISOString().slice(0, 10));
    expect(standings.map((s) => s.state)).toEqual(standings.map(() => "current"));
  });

  it("puts one concern of each state in the Northtown safeguarding queue", async () => {
    const open = await listQueue(handle.db, { areaId: "northtown", state: "open" });
    const closed = await listQueue(handle.db, { areaId: "northtown", state: "closed" });
    expect(open.map((c) => c.state).sort()).toEqual(["acknowledged", "new"]);
    expect(closed).toHaveLength(1);
    expect(closed[0]?.actions.at(-1)?.kind).toBe("closed");
  });
});
