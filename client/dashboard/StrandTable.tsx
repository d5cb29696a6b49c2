import type { OutcomeMapResponse } from "../../shared/contract/index.ts";
import { FigureTable } from "./FigureTable.tsx";
import { formatCount } from "./format.ts";

/**
 * The breakdown by strand. Each question measures one outcome and each outcome sits in one strand,
 * so strands are compared by what they measure and which way their indicators moved (baseline to
 * latest wave, read with each indicator's direction), from the figures the map itself publishes.
 */
export function StrandTable({ data }: { data: OutcomeMapResponse }) {
  return (
    <section aria-labelledby="strands-heading">
      <h3 id="strands-heading">By strand</h3>
      <p>
        A question measures one outcome and an outcome belongs to one strand, so each indicator sits in
        exactly one strand. “Better” and “Worse” count clear changes for the same people since baseline; “No
        clear change” counts changes that could be chance. “Not known” counts indicators with no answers yet,
        only a baseline, a hidden figure or no better direction.
      </p>
      <FigureTable
        caption="Outcomes and indicators by strand of the theory of change"
        header={[
          "Strand",
          "Outcomes",
          "Measured",
          "Indicators",
          "Better",
          "Worse",
          "No clear change",
          "Not known",
        ]}
        numeric={[1, 2, 3, 4, 5, 6, 7]}
        filename="outcomes-by-strand"
        rows={data.strands.map((s) => ({
          key: s.id,
          cells: [
            s.name,
            formatCount(s.outcomes),
            formatCount(s.measured),
            formatCount(s.indicators),
            formatCount(s.better),
            formatCount(s.worse),
            formatCount(s.noClearChange),
            formatCount(s.notKnown),
          ],
        }))}
      />
    </section>
  );
}
