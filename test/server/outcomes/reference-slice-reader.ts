import { sql } from "kysely";
import {
  CellBuckets,
  feedByQuestion,
  outcomeQuestions,
  rowColumns,
  sliceCondition,
  slicedPairs,
} from "../../../server/outcomes/aggregates/indicator-values.repository.ts";
import type { SliceReader } from "../../../server/outcomes/aggregates/slice-reads.ts";
import { INTERVIEW_ROW } from "../../../server/outcomes/ingest/indicator-values.ts";

/**
 * The definition a filtered page's reads must agree with: group every slice cell of the outcome (and
 * every pair slice cell), keeping only the parts inside the filters, and leave out the area-waves the
 * page excludes. Slow and simple; the page's own reader reads far less (server/outcomes/aggregates/slice-reads.ts).
 */
export const groupEverySliceCell: SliceReader = {
  // Every aggregate row of every question, one question at a time, bucketed row by row in JavaScript
  // (the page groups them in SQL): with every count question's exact values, whatever is asked.
  async cells(db, scope, into) {
    await feedByQuestion(
      await outcomeQuestions(db, scope.outcome),
      (question) => {
        let q = db
          .selectFrom("indicator_cells")
          .select([...rowColumns, "n"])
          .where("outcome", "=", question.outcome)
          .where("survey_id", "=", question.surveyId)
          .where("question", "=", question.question)
          .where("n", ">", 0);
        if (scope.areaId !== null) q = q.where("area_id", "=", scope.areaId);
        for (const column of rowColumns) q = q.orderBy(column);
        return q.execute();
      },
      [into],
    );
  },
  async answers({ db, scope, outcomeId, slice, isCount, population, excluded }) {
    const condition = sliceCondition(slice);
    const inside = new CellBuckets(isCount, population, "n_in");
    await feedByQuestion(
      await outcomeQuestions(db, scope.outcome),
      (question) => {
        let q = db
          .selectFrom("indicator_slice_cells")
          .select([
            ...rowColumns,
            sql<number>`sum(n)`.as("n"),
            sql<number>`sum(case when ${condition} then n else 0 end)`.as("n_in"),
          ])
          .where("outcome", "=", question.outcome)
          .where("survey_id", "=", question.surveyId)
          .where("question", "=", question.question)
          .where("n", ">", 0)
          .groupBy([...rowColumns]);
        if (scope.areaId !== null) q = q.where("area_id", "=", scope.areaId);
        for (const column of rowColumns) q = q.orderBy(column);
        return q.execute();
      },
      [inside],
    );
    const dropped = new Set<string>();
    const read = inside.read((r) => {
      const out =
        (r.outcome === outcomeId || r.outcome === "") &&
        r.question !== INTERVIEW_ROW &&
        excluded.has(r.surveyId, r.question, r.areaId, r.wave);
      if (out) dropped.add(`${r.areaId}\u0000${r.wave}`);
      return out;
    });
    return { read, dropped };
  },
  async pairs({ db, scope, waves, slice, shown }) {
    return (await slicedPairs(db, scope, waves, slice)).filter((p) =>
      shown(p.surveyId, p.question, p.areaId),
    );
  },
};
