import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { PublishedRelease } from "../../../shared/contract/releases.ts";
import { determinedUnknowns } from "../../helpers/linear-recovery.ts";
import { createTestContext, type TestContext } from "../../helpers/test-app.ts";
import { BETTER_OUTCOMES, interview, publishOutcomesSurvey, upload } from "../outcomes/helpers.ts";
import { composition, publishRelease } from "../releases/helpers.ts";
import { readPublic } from "./pairs-fieldwork.ts";

/**
 * A total of counts (nights sleeping rough) mostly from one person is withheld by the dominance rule;
 * the outsider's arithmetic, written without the checks: each published total is the sum of its area
 * and wave groups' totals, so a withheld total is recovered when the other rows' totals give it, or
 * when its own row's average and number of answers give it.
 */
function totalsRecovered(r: PublishedRelease): string[] {
  const participation = r.snapshot.tables.find((t) => t.kind === "participation");
  const groups = (participation?.rows ?? []).flatMap((row) =>
    row.area !== null && row.wave !== null ? [`${row.area}@${row.wave}`] : [],
  );
  const out: string[] = [];
  for (const t of r.snapshot.tables) {
    if (!t.columns.some((c) => c.key === "total")) continue;
    const terms = (area: string | null, wave: number | null) =>
      groups
        .filter((g) => {
          const [a, w] = g.split("@");
          return (area === null || a === area) && (wave === null || Number(w) === wave);
        })
        .map((g) => [`${t.id}|${g}`, 1] as [string, number]);
    // A published total is an equation; so is a published average over at most 10 answers, rounded
    // to one decimal: times the number of answers, it gives the total to within 0.5, so exactly.
    const known = (row: (typeof t.rows)[number]) => {
      const { total, mean, answered } = row.cells;
      if (total?.published) return true;
      return mean?.published === true && answered?.published === true && answered.value <= 10;
    };
    const equations = t.rows.flatMap((row) => (known(row) ? [terms(row.area, row.wave)] : []));
    for (const row of t.rows) {
      const cell = row.cells.total;
      if (!cell || cell.published || cell.reason !== "dominance") continue;
      const probe = `probe ${t.id} ${row.key}`;
      const unknowns = [...groups.map((g) => `${t.id}|${g}`), probe];
      if (
        determinedUnknowns(unknowns, [...equations, [...terms(row.area, row.wave), [probe, -1]]]).includes(
          probe,
        )
      )
        out.push(`${t.id} ${row.key} total`);
    }
  }
  return out;
}

let t: TestContext;
beforeEach(async () => {
  t = await createTestContext();
  await publishOutcomesSurvey(t, ["east", "west"]);
});
afterEach(async () => {
  await t.close();
});

describe("dominance: a total mostly from one person", () => {
  it("cannot be had from the other rows' totals", async () => {
    const analyst = await t.signIn("evaluator", null);
    const expert = await t.signIn("expert", "north");
    const tenOf = (area: string, nights: number[]) => nights.map((n) => interview({ area }, { nights: n }));
    await upload(t, await t.signIn("admin"), [
      ...tenOf("north", [10, 10, 10, 10, 10, 10, 10, 10, 10, 10]),
      ...tenOf("south", [10, 10, 10, 10, 10, 10, 10, 10, 10, 10]),
      // One person in east slept rough 90 nights; nine others one night each.
      ...tenOf("east", [90, 1, 1, 1, 1, 1, 1, 1, 1, 1]),
    ]);
    const r = await publishRelease(
      t,
      { analyst, expert },
      composition({ outcomes: [BETTER_OUTCOMES], breakdowns: ["overall", "area"] }),
    );
    const pub = await readPublic(t, r);
    const east = pub.snapshot.tables
      .find((x) => x.id === "outcomes-check/nights:area")
      ?.rows.find((x) => x.key === "east");
    expect(east?.cells.total).toMatchObject({ published: false, reason: "dominance" });
    expect(totalsRecovered(pub)).toEqual([]);
  });
});
