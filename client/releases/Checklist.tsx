import type { ReleaseSnapshot, WithheldCellRef } from "../../shared/contract/releases.ts";
import { dateText } from "./format.ts";

/**
 * The analyst's checklist after a check: every rule in the order it ran, what it protects against,
 * its settings, and each figure it withheld with the reason in plain words. Only analysts see the
 * explanations (they can name a group's size); readers see how many figures each rule withheld.
 */
export function Checklist({ snapshot }: { snapshot: ReleaseSnapshot }) {
  const total = snapshot.checklist.reduce((n, item) => n + item.withheld.length, 0);
  return (
    <section aria-labelledby="checklist-heading" className="release-section checklist">
      <h2 id="checklist-heading">Checks</h2>
      <p>
        Checked on {dateText(snapshot.checkedAt)} by {snapshot.checkedBy?.name ?? "the research team"}, with
        groups of fewer than {snapshot.k} people withheld.{" "}
        {total === 0
          ? "No figure was withheld."
          : total === 1
            ? "1 figure is withheld."
            : `${total} figures are withheld.`}{" "}
        {snapshot.checkedAgainst.length === 0
          ? "Nothing of this survey was published or shown to readers before, so there is nothing earlier to check against."
          : `Also checked against what readers have seen before: ${snapshot.checkedAgainst
              .map((r) => `“${r.title}” (${dateText(r.publishedAt)})`)
              .join(", ")}.`}
      </p>
      <ol className="checklist__rules">
        {snapshot.checklist.map((item) => (
          <li key={item.rule} className="checklist__rule">
            <h3>{item.title}</h3>
            <p>{item.description}</p>
            {item.rule === "rounding" ? (
              <p className="checklist__result">
                {item.adjusted === 0
                  ? "No figure needed rounding."
                  : item.adjusted === 1
                    ? "1 figure was rounded."
                    : `${item.adjusted} figures were rounded.`}
              </p>
            ) : item.withheld.length === 0 ? (
              <p className="checklist__result checklist__result--pass">Passed: nothing withheld.</p>
            ) : (
              <>
                <p className="checklist__result checklist__result--withheld">
                  {item.withheld.length === 1
                    ? "Withheld 1 figure:"
                    : `Withheld ${item.withheld.length} figures:`}
                </p>
                {byTable(snapshot, item.withheld).map((group) => (
                  <div key={group.tableId} className="checklist__table">
                    <p className="checklist__table-title">{group.title}</p>
                    <ul>
                      {group.items.map((w) => (
                        <li key={`${w.rowKey}/${w.columnKey}`}>{w.text}</li>
                      ))}
                    </ul>
                  </div>
                ))}
              </>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}

/**
 * A rule's withheld figures grouped by table, in the release's order. The checks' explanations name
 * the table first; under the table's own title that would be said twice, so it is left off.
 */
function byTable(snapshot: ReleaseSnapshot, withheld: WithheldCellRef[]) {
  return snapshot.tables
    .map((table) => ({
      tableId: table.id,
      title: table.title,
      items: withheld
        .filter((w) => w.tableId === table.id)
        .map((w) => ({
          rowKey: w.rowKey,
          columnKey: w.columnKey,
          text: w.explanation.startsWith(`${table.title}, `)
            ? w.explanation.slice(table.title.length + 2)
            : w.explanation,
        })),
    }))
    .filter((group) => group.items.length > 0);
}
