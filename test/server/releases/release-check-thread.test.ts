import { afterAll, describe, expect, it } from "vitest";
import {
  checkInWorker,
  type ReleaseCheckTask,
  releaseCheckWorkerId,
  stopReleaseCheckWorker,
} from "../../../server/releases/release-check-thread.ts";
import { CheckTooLarge, defaultCheckOptions } from "../../../shared/disclosure/check-release.ts";

/**
 * The release check's worker thread is started once and kept warm between checks
 * (docs/decisions/0044); a refusal inside the worker keeps it, and an ended worker is replaced.
 */
const interviews = Array.from({ length: 12 }, (_, i) => ({
  id: `r${String(i).padStart(2, "0")}`,
  area: i % 2 === 0 ? "north" : "south",
  wave: 0,
  participant: `P${i}`,
  completedAt: "2026-11-01T10:00:00.000Z",
  language: "en",
}));
const task = (budget: ReleaseCheckTask["budget"] = {}): ReleaseCheckTask => ({
  input: {
    composition: {
      title: "Warm",
      surveyId: "s",
      outcomes: [],
      breakdowns: ["overall"],
      change: null,
      narrative: "",
      audiences: ["public"],
      corrects: null,
    },
    areas: new Map([
      ["north", "North"],
      ["south", "South"],
    ]),
    indicators: [],
    interviews,
    answers: new Map(),
    pairs: new Map(),
    earlier: [],
    k: 5,
  },
  options: defaultCheckOptions,
  switches: {},
  budget,
});

afterAll(async () => {
  await stopReleaseCheckWorker();
});

describe("the release check's worker", () => {
  it("is started once and used again for the next check, with the same answer", async () => {
    await stopReleaseCheckWorker();
    expect(releaseCheckWorkerId()).toBeNull();
    const first = await checkInWorker(task());
    const id = releaseCheckWorkerId();
    expect(id).not.toBeNull();
    const second = await checkInWorker(task());
    expect(releaseCheckWorkerId()).toBe(id);
    expect([...second.cells]).toEqual([...first.cells]);
    expect(second.checklist).toEqual(first.checklist);
    // Each area's 6 interviews are published (the total of 12 is withheld: fewer than 3 areas).
    expect(first.cells.get("participation\u0000north@w0\u0000interviews")).toEqual({
      published: true,
      value: 6,
    });
  }, 60_000);

  it("is kept after a check refused inside it, and replaced once it has been ended", async () => {
    await checkInWorker(task());
    const before = releaseCheckWorkerId();
    const refused = await checkInWorker(task({ maxWork: 1 })).then(
      () => null,
      (e: unknown) => e,
    );
    expect(refused).toBeInstanceOf(CheckTooLarge);
    expect(releaseCheckWorkerId()).toBe(before);
    await stopReleaseCheckWorker();
    const again = await checkInWorker(task());
    expect(again.cells.size).toBeGreaterThan(0);
    expect(releaseCheckWorkerId()).not.toBe(before);
  }, 60_000);
});
