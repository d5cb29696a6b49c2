import { useCallback } from "react";
import { wellbeingWords } from "../../shared/contract/debriefs.ts";
import type { Debrief, Me } from "../../shared/contract/index.ts";
import { listDebriefs } from "../api/coordination.ts";
import { useResource } from "../api/use-resource.ts";
import { ErrorAlert } from "../ui/ErrorAlert.tsx";
import { formatDateTime } from "../ui/format.ts";
import { Loading } from "../ui/Loading.tsx";
import { useAreaChoice } from "./use-area-choice.tsx";

/** "2, Not great": the number and the words the researcher chose. */
export const wellbeingLabels: Record<number, string> = Object.fromEntries(
  Object.entries(wellbeingWords).map(([value, words]) => [value, `${value}, ${words}`]),
);

/** Researchers' debriefs after interviews; those asking for support first. Kept apart from participant data. */
export function DebriefsSection({ me }: { me: Me }) {
  const { areaId, picker } = useAreaChoice(me);
  const load = useCallback(
    () => listDebriefs(me.areaId === null ? areaId || undefined : undefined),
    [me.areaId, areaId],
  );
  const [debriefs] = useResource(load);
  return (
    <>
      {picker}
      <p>Only you and the researcher who wrote a debrief can read it. Those asking for support come first.</p>
      {debriefs.status === "loading" && <Loading what="debriefs" />}
      {debriefs.status === "error" && (
        <ErrorAlert heading="The debriefs did not load" error={debriefs.error} />
      )}
      {debriefs.status === "ready" &&
        (debriefs.data.debriefs.length === 0 ? (
          <p>No debriefs yet.</p>
        ) : (
          <DebriefTable debriefs={debriefs.data.debriefs} showWho />
        ))}
    </>
  );
}

export function DebriefTable({ debriefs, showWho }: { debriefs: Debrief[]; showWho: boolean }) {
  return (
    <div className="table-scroll">
      <table className="table">
        <caption>Debriefs after interviews</caption>
        <thead>
          <tr>
            <th scope="col">When</th>
            {showWho && <th scope="col">Researcher</th>}
            <th scope="col">Wellbeing</th>
            <th scope="col">Wants support</th>
            <th scope="col">Notes</th>
          </tr>
        </thead>
        <tbody>
          {debriefs.map((d) => (
            <tr key={d.id}>
              <th scope="row">{formatDateTime(d.createdAt)}</th>
              {showWho && <td>{d.researcher.name}</td>}
              <td>{wellbeingLabels[d.wellbeing] ?? d.wellbeing}</td>
              <td>{d.wantsSupport ? <strong>Yes</strong> : "No"}</td>
              <td>{d.notes || "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
