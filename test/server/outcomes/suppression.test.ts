import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { OutcomePageResponse } from "../../../shared/contract/outcomes.ts";
import { determinedUnknowns } from "../../helpers/linear-recovery.ts";
import { createTestContext, type TestContext } from "../../helpers/test-app.ts";
import {
  CO_PRODUCE,
  cohort,
  indicator,
  interview,
  map,
  newCode,
  numbersIn,
  page,
  publishOutcomesSurvey,
  upload,
} from "./helpers.ts";

// Small-number suppression, attacked the way a determined reader would: ask for every combination of
// area and wave filters, write down every figure the server publishes, and solve the equations that tie
// the figures together (an area's waves add up to the area; the areas add up to the total; the answers
// add up to n) for anything hidden.

let t: TestContext;
let researcher: string;
let evaluator: string;
beforeEach(async () => {
  t = await createTestContext();
  await publishOutcomesSurvey(t, ["east"]);
  researcher = await t.signIn("admin");
  evaluator = await t.signIn("evaluator");
});
afterEach(async () => {
  await t.close();
});

const AREAS = ["east", "north", "south"];

/** Seeds `say` answers: counts[area][wave] people, all answering 3. */
async function seedCounts(counts: Record<string, number[]>): Promise<void> {
  const items = Object.entries(counts).flatMap(([area, perWave]) =>
    perWave.flatMap((n, wave) => cohort(area, wave, Array(n).fill(3))),
  );
  await upload(t, researcher, items);
}

type Cell = string; // "area|wave", with "*" for all
const cellKey = (area: string | null | undefined, wave: number | string | null | undefined): Cell =>
  `${area ?? "*"}|${wave ?? "*"}`;

/**
 * Every published value of `measure` for one indicator over every filter combination, by cell. Also
 * checks that a hidden figure never carries a number.
 */
async function harvest(
  question: string,
  waves: number[],
  measures: (
    body: OutcomePageResponse,
    area: string | null,
    wave: number | null,
  ) => Array<[string, Cell, number]>,
): Promise<Map<string, number>> {
  const known = new Map<string, number>();
  for (const area of [null, ...AREAS]) {
    for (const wave of [null, ...waves]) {
      const query = new URLSearchParams();
      if (area) query.set("area", area);
      if (wave !== null) query.set("wave", String(wave));
      const body = await page(t, evaluator, CO_PRODUCE, `?${query}`);
      const detail = indicator(body, question);
      for (const figure of [
        detail.summary,
        ...detail.byArea.rows,
        ...detail.byWave.rows,
        detail.byArea.total,
      ]) {
        if (figure.suppressed) expect(numbersIn(figure)).toEqual([]);
      }
      for (const [measure, cell, value] of measures(body, area, wave)) {
        const key = `${measure}@${cell}`;
        if (known.has(key)) expect(known.get(key), key).toBe(value);
        known.set(key, value);
      }
    }
  }
  return known;
}

/** The n of every published figure: the summary, both breakdowns and their totals. */
function counts(question: string) {
  return (
    body: OutcomePageResponse,
    area: string | null,
    wave: number | null,
  ): Array<[string, Cell, number]> => {
    const d = indicator(body, question);
    const out: Array<[string, Cell, number]> = [];
    const add = (cell: Cell, figure: { suppressed: boolean; n?: number }) => {
      if (!figure.suppressed && figure.n !== undefined) out.push(["n", cell, figure.n]);
    };
    add(cellKey(area, wave), d.summary as { suppressed: boolean; n?: number });
    for (const row of d.byArea.rows) add(cellKey(row.key, wave), row as { suppressed: boolean; n?: number });
    add(cellKey(null, wave), d.byArea.total as { suppressed: boolean; n?: number });
    for (const row of d.byWave.rows) add(cellKey(area, row.key), row as { suppressed: boolean; n?: number });
    add(cellKey(area, null), d.byWave.total as { suppressed: boolean; n?: number });
    return out;
  };
}

/** Unknowns never published, and whether the table's equations pin any of them down. */
function recovered(
  known: Map<string, number>,
  measures: string[],
  waves: number[],
  answers: string[] = [],
): string[] {
  const areas = [...AREAS, null];
  const ws = [...waves.map(String), null];
  const unknowns: string[] = [];
  const name = (m: string, a: string | null, w: string | null) => `${m}@${cellKey(a, w)}`;
  for (const m of measures)
    for (const a of areas) for (const w of ws) if (!known.has(name(m, a, w))) unknowns.push(name(m, a, w));
  const equations: Array<Array<[string, number]>> = [];
  for (const m of measures) {
    for (const a of areas)
      equations.push([
        ...waves.map((w): [string, number] => [name(m, a, String(w)), 1]),
        [name(m, a, null), -1],
      ]);
    for (const w of ws)
      equations.push([...AREAS.map((a): [string, number] => [name(m, a, w), 1]), [name(m, null, w), -1]]);
  }
  // Every answer adds up to n in each cell.
  if (answers.length > 0) {
    for (const a of areas)
      for (const w of ws)
        equations.push([[name("n", a, w), 1], ...answers.map((m): [string, number] => [name(m, a, w), -1])]);
  }
  return determinedUnknowns(unknowns, equations);
}

describe("small-number suppression", () => {
  it("hides an area-wave below k, and no filter or breakdown gives it back by subtraction", async () => {
    await seedCounts({ north: [9, 2, 11], south: [14, 16, 12], east: [10, 8, 9] });
    const known = await harvest("say", [0, 1, 2], counts("say"));
    expect(known.has("n@north|1")).toBe(false);
    expect([...known.values()].filter((n) => n > 0 && n < 5)).toEqual([]);
    expect(recovered(known, ["n"], [0, 1, 2])).toEqual([]);
    // The naive attack, spelled out: north over all waves minus its other waves.
    const naive = ["n@north|*", "n@north|0", "n@north|2"].every((key) => known.has(key));
    expect(naive).toBe(false);
  });

  it("hides a whole area whose total is below k, and protects it against the grand total", async () => {
    await seedCounts({ north: [1, 2, 0], south: [14, 16, 12], east: [10, 8, 9] });
    const known = await harvest("say", [0, 1, 2], counts("say"));
    expect(known.has("n@north|*")).toBe(false);
    expect(recovered(known, ["n"], [0, 1, 2])).toEqual([]);
  });

  it("never lets a yes/no answer given by fewer than k be worked out from shares and bars across filters", async () => {
    // North at wave 0: 6 said yes, 2 said no.
    const yesNo: Record<string, [number, number][]> = {
      north: [
        [6, 2],
        [7, 6],
      ],
      south: [
        [7, 6],
        [9, 5],
      ],
      east: [
        [8, 5],
        [6, 6],
      ],
    };
    await upload(
      t,
      researcher,
      Object.entries(yesNo).flatMap(([area, waves]) =>
        waves.flatMap(([yes, no], wave) => [
          ...Array.from({ length: yes }, () => interview({ area, wave }, { helped: true })),
          ...Array.from({ length: no }, () => interview({ area, wave }, { helped: false })),
        ]),
      ),
    );
    const known = await harvest("helped", [0, 1], (body, area, wave) => {
      const d = indicator(body, "helped");
      const out = counts("helped")(body, area, wave);
      if (d.distribution?.shown) {
        for (const bar of d.distribution.bars)
          out.push([bar.key === "1" ? "yes" : "no", cellKey(area, wave), bar.n]);
      }
      // A published share is the yes count in disguise: n × share.
      const values = !d.summary.suppressed ? d.summary.values : null;
      if (!d.summary.suppressed && values?.proportion) {
        out.push(["yes", cellKey(area, wave), Math.round(values.proportion.value * d.summary.n)]);
      }
      for (const row of d.byArea.rows) {
        if (!row.suppressed && row.values)
          out.push(["yes", cellKey(row.key, wave), Math.round(row.values.mean * row.n)]);
      }
      for (const row of d.byWave.rows) {
        if (!row.suppressed && row.values)
          out.push(["yes", cellKey(area, row.key), Math.round(row.values.mean * row.n)]);
      }
      return out;
    });
    expect(known.has("no@north|0")).toBe(false);
    expect(known.has("yes@north|0")).toBe(false);
    expect(recovered(known, ["n", "yes", "no"], [0, 1], ["yes", "no"])).toEqual([]);
  });

  it("protects change between waves for one area against the change for all areas", async () => {
    const panel = (area: string, people: number) => {
      const codes = Array.from({ length: people }, () => newCode());
      return [
        ...codes.map((code) => interview({ area, code, wave: 0 }, { say: 2 })),
        ...codes.map((code, i) => interview({ area, code, wave: 1 }, { say: 2 + (i % 3) })),
      ];
    };
    await upload(t, researcher, [...panel("north", 2), ...panel("south", 10), ...panel("east", 10)]);
    const changeOf = async (query: string) => {
      const d = indicator(await page(t, evaluator, CO_PRODUCE, query), "say");
      if (!d.change.available) throw new Error("expected change");
      return d.change.figure;
    };
    const north = await changeOf("?area=north");
    expect(north).toEqual({ suppressed: true, reason: "below_threshold" });
    const all = await changeOf("");
    const south = await changeOf("?area=south");
    const east = await changeOf("?area=east");
    expect(all.suppressed).toBe(false);
    // All minus the published areas must leave at least two areas hidden.
    expect([south, east].filter((f) => f.suppressed)).toHaveLength(1);
  });

  it("leaves out of a filtered view an area-wave cut into a part below k, so filters cannot be subtracted", async () => {
    const mode = (area: string, readAloud: number, self: number) => [
      ...cohort(area, 0, Array(readAloud).fill(3)),
      ...cohort(area, 0, Array(self).fill(1)).map((i) => ({
        ...i,
        administrationMode: "self_completed" as const,
      })),
    ];
    await upload(t, researcher, [...mode("north", 8, 2), ...mode("south", 10, 6), ...mode("east", 7, 5)]);
    const all = indicator(await page(t, evaluator, CO_PRODUCE), "say");
    const read = await page(t, evaluator, CO_PRODUCE, "?mode=read_aloud");
    const self = await page(t, evaluator, CO_PRODUCE, "?mode=self_completed");
    const mixed = await page(t, evaluator, CO_PRODUCE, "?mode=mixed");
    // North, and east with it (north's answers of 1 are a small bar of the unfiltered distribution, and
    // east is hidden beside it there), stay out of every slice.
    expect(read.slice).toEqual({ active: true, leftOut: 2 });
    const n = (body: OutcomePageResponse) => {
      const s = indicator(body, "say").summary;
      return s.suppressed ? 0 : s.n;
    };
    expect(all.summary).toMatchObject({ n: 38 });
    // All minus the slices is north and east together, which the unfiltered breakdown publishes anyway.
    const published = all.byArea.rows.flatMap((r) => (r.suppressed || r.key === "south" ? [] : [r.n]));
    expect(38 - n(read) - n(self) - n(mixed)).toBe(published.reduce((a, b) => a + b, 0));
    const northRow = indicator(self, "say").byArea.rows.find((r) => r.key === "north");
    expect(northRow).toEqual({ key: "north", label: "Northtown", suppressed: true, reason: "left_out" });
  });

  it("leaves out of filtered change an area whose pairs a filter cuts into a part below k", async () => {
    // Every pair answers 2 then 3: nothing is hidden unfiltered. North's pairs split 8 read aloud at
    // both waves and 2 self-completed at both; south's 10 and 6; east's 7 and 5.
    const panel = (area: string, readAloud: number, self: number) => {
      const pair = (mode: "read_aloud" | "self_completed") => {
        const code = newCode();
        return [
          interview({ area, code, wave: 0, mode }, { say: 2 }),
          interview({ area, code, wave: 1, mode }, { say: 3 }),
        ];
      };
      return [
        ...Array.from({ length: readAloud }, () => pair("read_aloud")),
        ...Array.from({ length: self }, () => pair("self_completed")),
      ].flat();
    };
    await upload(t, researcher, [...panel("north", 8, 2), ...panel("south", 10, 6), ...panel("east", 7, 5)]);
    const changeOf = async (query: string) => {
      const d = indicator(await page(t, evaluator, CO_PRODUCE, query), "say");
      if (!d.change.available) throw new Error("expected change");
      return d.change.figure;
    };
    const n = (f: Awaited<ReturnType<typeof changeOf>>) => (f.suppressed ? null : f.n);
    expect(n(await changeOf(""))).toBe(38);
    expect(n(await changeOf("?area=north"))).toBe(10);
    // North's self-completed pairs are 2: north is out of every mode's change, alone or in the total,
    // so the unfiltered total minus the filtered ones never isolates them.
    for (const mode of ["read_aloud", "self_completed", "mixed"]) {
      expect(await changeOf(`?mode=${mode}&area=north`)).toEqual({ suppressed: true, reason: "left_out" });
    }
    expect(n(await changeOf("?mode=read_aloud"))).toBe(17);
    expect(n(await changeOf("?mode=self_completed"))).toBe(11);
    expect(n(await changeOf("?mode=read_aloud&area=south"))).toBe(10);
    expect(n(await changeOf("?mode=self_completed&area=east"))).toBe(5);
    // Attrition inside the filter counts interviews (decision 0004), from pairs inside it.
    const self = await page(t, evaluator, CO_PRODUCE, "?mode=self_completed");
    expect(self.attrition.map((r) => [r.wave, r.participants, r.retained])).toEqual([
      [0, 13, 13],
      [1, 13, 13],
    ]);
  });

  it("uses the threshold an administrator sets, at once", async () => {
    await seedCounts({ north: [7, 0, 0], south: [12, 0, 0], east: [0, 0, 0] });
    const before = indicator(await page(t, evaluator, CO_PRODUCE), "say");
    expect(before.byArea.rows.find((r) => r.key === "north")).toMatchObject({ suppressed: false, n: 7 });
    const admin = await t.signIn("admin");
    const res = await t.request("/api/settings/suppression", {
      method: "PUT",
      cookie: admin,
      json: { k: 10 },
    });
    expect(res.status).toBe(200);
    const after = await page(t, evaluator, CO_PRODUCE);
    expect(after.k).toBe(10);
    expect(indicator(after, "say").byArea.rows.find((r) => r.key === "north")).toMatchObject({
      suppressed: true,
    });
  });

  it("never shows on the map a figure the outcome page hides", async () => {
    await seedCounts({ north: [9, 2, 11], south: [14, 3, 12], east: [10, 1, 9] });
    const body = await map(t, evaluator);
    const headline = body.outcomes
      .find((o) => o.outcomeId === CO_PRODUCE)
      ?.indicators.find((i) => i.question === "say");
    const wave2 = indicator(await page(t, evaluator, CO_PRODUCE, "?wave=2"), "say");
    expect(headline?.latest?.wave).toBe(2);
    expect(headline?.latest?.figure.suppressed).toBe(wave2.summary.suppressed);
    const wave0 = indicator(await page(t, evaluator, CO_PRODUCE, "?wave=0"), "say");
    expect(headline?.baseline?.figure).toMatchObject({ suppressed: false, n: 33 });
    expect(wave0.summary).toMatchObject({ suppressed: false, n: 33 });
    // At wave 1 every area is below k: each hidden on the page, and the map shows only the total of 6.
    const wave1 = indicator(await page(t, evaluator, CO_PRODUCE, "?wave=1"), "say");
    expect(wave1.byArea.rows.every((r) => r.suppressed)).toBe(true);
  });
});
