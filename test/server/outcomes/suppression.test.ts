import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { OutcomePageResponse } from "../../../shared/contract/outcomes.ts";
import type { SyncItem } from "../../../shared/contract/sync.ts";
import { determinedUnknowns } from "../../helpers/linear-recovery.ts";
import { createTestContext, type TestContext } from "../../helpers/test-app.ts";
import {
  BETTER_OUTCOMES,
  CO_PRODUCE,
  cohort,
  indicator,
  interview,
  releasedMap as map,
  newCode,
  numbersIn,
  releasedPage as page,
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

  describe("answers inside the parts a filter cuts an area-wave into", () => {
    /**
     * Every count a view publishes about each area (and all areas): n, each distribution bar of `say`
     * (scale), `helped` (yes/no; also n × the share saying yes, from the summary and the area breakdown),
     * `nights` (count, binned) and `housing` (single choice), read from the pages with `?area=` and
     * without it.
     */
    async function published(query: string): Promise<Map<string, number>> {
      const out = new Map<string, number>();
      const put = (key: string, value: number) => {
        if (out.has(key)) expect(out.get(key), `${query} ${key}`).toBe(value);
        out.set(key, value);
      };
      for (const area of [null, ...AREAS]) {
        const params = new URLSearchParams(query);
        if (area) params.set("area", area);
        const bodies = {
          [CO_PRODUCE]: await page(t, evaluator, CO_PRODUCE, `?${params}`),
          [BETTER_OUTCOMES]: await page(t, evaluator, BETTER_OUTCOMES, `?${params}`),
        };
        for (const [outcome, question] of [
          [CO_PRODUCE, "say"],
          [CO_PRODUCE, "helped"],
          [BETTER_OUTCOMES, "nights"],
          [BETTER_OUTCOMES, "housing"],
        ] as const) {
          const d = indicator(bodies[outcome], question);
          const cell = `${question}@${area ?? "*"}`;
          for (const figure of [d.summary, ...d.byArea.rows, d.byArea.total]) {
            if (figure.suppressed) expect(numbersIn(figure)).toEqual([]);
          }
          if (!d.summary.suppressed) {
            put(`n:${cell}`, d.summary.n);
            const share = d.summary.values?.proportion?.value;
            if (share !== undefined) put(`yes:${cell}`, Math.round(share * d.summary.n));
          }
          if (d.distribution?.shown)
            for (const bar of d.distribution.bars) put(`bar ${bar.key}:${cell}`, bar.n);
          if (area === null) {
            for (const row of d.byArea.rows) {
              if (row.suppressed) continue;
              put(`n:${question}@${row.key}`, row.n);
              if (question === "helped" && row.values)
                put(`yes:${question}@${row.key}`, Math.round(row.values.mean * row.n));
            }
          }
        }
      }
      return out;
    }

    /** Each published count of the narrower view subtracted from the same count of the wider one. */
    function smallDifferences(
      wider: Map<string, number>,
      narrower: Map<string, number>,
      label: string,
    ): string[] {
      const found: string[] = [];
      for (const [key, n] of narrower) {
        const all = wider.get(key);
        if (all === undefined) continue;
        const d = all - n;
        if (d > 0 && d < 5) found.push(`${label} ${key}: ${all} - ${n} = ${d}`);
      }
      return found;
    }

    const person = (
      area: string,
      say: 1 | 3,
      options: { mode?: "read_aloud" | "self_completed"; month?: string } = {},
    ) =>
      interview(
        {
          area,
          wave: 0,
          mode: options.mode ?? "read_aloud",
          completedAt: `${options.month ?? "2026-10"}-15T10:00:00.000Z`,
        },
        { say, helped: say === 3, nights: say === 1 ? 4 : 0, housing: say === 1 ? "street" : "own" },
      );
    const people = (count: number, make: () => SyncItem) => Array.from({ length: count }, make);

    it("never lets an answer given by fewer than k inside a mode be had by subtracting one mode from all", async () => {
      // North: 8 read aloud all answering 1 (no, 4 nights); 7 self-completed, 5 answering 3 and 2
      // answering 1. Every part holds at least k, and so does every unfiltered bar (1: 10, 3: 5); but
      // the 2 self-completed who answered 1 are every unfiltered bar 1 minus the read-aloud one.
      await upload(t, researcher, [
        ...people(8, () => person("north", 1)),
        ...people(5, () => person("north", 3, { mode: "self_completed" })),
        ...people(2, () => person("north", 1, { mode: "self_completed" })),
        ...people(10, () => person("south", 3)),
        ...people(6, () => person("south", 3, { mode: "self_completed" })),
        ...people(7, () => person("east", 3)),
        ...people(5, () => person("east", 3, { mode: "self_completed" })),
      ]);
      const all = await published("");
      // The unfiltered view publishes north's bars: the attack has something to subtract from.
      expect(all.get("bar 1:say@north")).toBe(10);
      expect(all.get("yes:helped@north")).toBe(5);
      const small: string[] = [];
      const modes = ["read_aloud", "self_completed", "mixed"];
      const views = new Map<string, Map<string, number>>();
      for (const mode of modes) views.set(mode, await published(`mode=${mode}`));
      for (const mode of modes) {
        const view = views.get(mode) ?? new Map();
        small.push(...smallDifferences(all, view, `all - ${mode}`));
        for (const [key, n] of view) if (n > 0 && n < 5) small.push(`${mode} ${key} = ${n}`);
      }
      // All minus two modes is the third.
      for (const [a, b] of [
        ["read_aloud", "self_completed"],
        ["read_aloud", "mixed"],
        ["self_completed", "mixed"],
      ] as const) {
        const va = views.get(a) ?? new Map<string, number>();
        const vb = views.get(b) ?? new Map<string, number>();
        for (const [key, n] of all) {
          const x = va.get(key);
          const y = vb.get(key);
          if (x === undefined || y === undefined) continue;
          const d = n - x - y;
          if (d > 0 && d < 5) small.push(`all - ${a} - ${b} ${key} = ${d}`);
        }
      }
      expect(small).toEqual([]);
      // North is left out of the filtered views; south and east, whose every answer in every mode is
      // 0 or at least k, are not.
      const read = indicator(await page(t, evaluator, CO_PRODUCE, "?mode=read_aloud"), "say");
      expect(read.byArea.rows.find((r) => r.key === "north")).toMatchObject({ reason: "left_out" });
      expect(read.byArea.rows.find((r) => r.key === "south")).toMatchObject({ suppressed: false, n: 10 });
    });

    it("never lets an answer given by fewer than k in one month be had from month ranges one month apart", async () => {
      // North: September 5 answering 3 and 2 answering 1; October 8 answering 1.
      await upload(t, researcher, [
        ...people(5, () => person("north", 3, { month: "2026-09" })),
        ...people(2, () => person("north", 1, { month: "2026-09" })),
        ...people(8, () => person("north", 1, { month: "2026-10" })),
        ...people(6, () => person("south", 3, { month: "2026-09" })),
        ...people(10, () => person("south", 3, { month: "2026-10" })),
        ...people(5, () => person("east", 1, { month: "2026-09" })),
        ...people(7, () => person("east", 3, { month: "2026-10" })),
      ]);
      // Each range and the months (of those with interviews) it holds.
      const months: Record<string, string[]> = {
        "": ["09", "10"],
        "from=2026-09&to=2026-10": ["09", "10"],
        "from=2026-09": ["09", "10"],
        "to=2026-10": ["09", "10"],
        "from=2026-10": ["10"],
        "from=2026-10&to=2026-10": ["10"],
        "to=2026-09": ["09"],
      };
      const ranges = Object.keys(months);
      const views = new Map<string, Map<string, number>>();
      for (const range of ranges) views.set(range, await published(range));
      expect(views.get("")?.get("bar 1:say@north")).toBe(10);
      const small: string[] = [];
      for (const wider of ranges) {
        for (const narrower of ranges) {
          // Subtraction means the narrower range's months all lie inside the wider one's.
          if (wider === narrower || !(months[narrower] ?? []).every((m) => months[wider]?.includes(m)))
            continue;
          small.push(
            ...smallDifferences(
              views.get(wider) ?? new Map(),
              views.get(narrower) ?? new Map(),
              `[${wider}] - [${narrower}]`,
            ),
          );
        }
      }
      for (const [range, view] of views)
        for (const [key, n] of view) if (n > 0 && n < 5) small.push(`[${range}] ${key} = ${n}`);
      expect(small).toEqual([]);
      const october = indicator(await page(t, evaluator, CO_PRODUCE, "?from=2026-10&to=2026-10"), "say");
      expect(october.byArea.rows.find((r) => r.key === "north")).toMatchObject({ reason: "left_out" });
      expect(october.byArea.rows.find((r) => r.key === "south")).toMatchObject({ suppressed: false, n: 10 });
    });
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

  it("never lets a yes/no change of fewer than k inside a mode be had by subtracting one mode from all", async () => {
    // Pairs answering `helped`: north 6 read aloud went no → yes and 5 stayed yes; 2 self-completed
    // went no → yes and 5 stayed yes. Every part holds k pairs and every unfiltered direction too (8 up,
    // 10 stayed), but the 2 self-completed who went up are McNemar's c unfiltered minus read aloud.
    const pairs = (area: string, mode: "read_aloud" | "self_completed", up: number, stayed: number) =>
      [
        ...Array.from({ length: up }, () => [false, true]),
        ...Array.from({ length: stayed }, () => [true, true]),
      ].flatMap(([before, after]) => {
        const code = newCode();
        return [
          interview({ area, code, wave: 0, mode }, { helped: before, nights: 1 }),
          interview({ area, code, wave: 1, mode }, { helped: after, nights: 0 }),
        ];
      });
    await upload(t, researcher, [
      ...pairs("north", "read_aloud", 6, 5),
      ...pairs("north", "self_completed", 2, 5),
      ...pairs("south", "read_aloud", 6, 6),
      ...pairs("south", "self_completed", 5, 5),
      ...pairs("east", "read_aloud", 7, 5),
      ...pairs("east", "self_completed", 5, 5),
    ]);
    /** Every count the change figure gives: n, McNemar's b and c, and yes before and after (n × mean). */
    const changeCounts = async (query: string): Promise<Map<string, number>> => {
      const out = new Map<string, number>();
      for (const area of [null, ...AREAS]) {
        const params = new URLSearchParams(query);
        if (area) params.set("area", area);
        const d = indicator(await page(t, evaluator, CO_PRODUCE, `?${params}`), "helped");
        if (!d.change.available) throw new Error("expected change");
        const f = d.change.figure;
        if (f.suppressed) {
          expect(numbersIn(f)).toEqual([]);
          continue;
        }
        const cell = area ?? "*";
        out.set(`n@${cell}`, f.n);
        out.set(`yes before@${cell}`, Math.round(f.before.mean * f.n));
        out.set(`yes after@${cell}`, Math.round(f.after.mean * f.n));
        const m = f.tests?.mcnemar;
        if (m?.ok) {
          out.set(`b@${cell}`, m.b);
          out.set(`c@${cell}`, m.c);
        }
      }
      return out;
    };
    const all = await changeCounts("");
    expect(all.get("c@north")).toBe(8);
    const small: string[] = [];
    for (const mode of ["read_aloud", "self_completed", "mixed"]) {
      for (const [key, n] of await changeCounts(`mode=${mode}`)) {
        const d = (all.get(key) ?? 0) - n;
        if (d > 0 && d < 5) small.push(`all - ${mode} ${key}: ${all.get(key)} - ${n} = ${d}`);
        if (n > 0 && n < 5) small.push(`${mode} ${key} = ${n}`);
      }
    }
    expect(small).toEqual([]);
    const south = indicator(await page(t, evaluator, CO_PRODUCE, "?mode=read_aloud&area=south"), "helped");
    expect(south.change).toMatchObject({ available: true, figure: { suppressed: false, n: 12 } });
    // An outcome with no yes/no indicator has its filtered change too (nights: 1 then 0; 11 + 12 + 12).
    const nights = indicator(await page(t, researcher, BETTER_OUTCOMES, "?mode=read_aloud"), "nights");
    expect(nights.change).toMatchObject({ available: true, figure: { suppressed: false, n: 35 } });
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
