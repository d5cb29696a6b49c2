import { type FormEvent, useCallback, useState } from "react";
import { type Assignment, followUpStateLabels, type Me } from "../../shared/contract/index.ts";
import { isValidParticipantCode } from "../../shared/contract/participant-code.ts";
import { waveLabel } from "../../shared/follow-ups/wave-label.ts";
import { ApiError, issuesByField } from "../api/api-error.ts";
import { listAssignments, setAssignment, setAssignmentStatus } from "../api/coordination.ts";
import { listPublishedSurveys } from "../api/surveys.ts";
import { useResource } from "../api/use-resource.ts";
import { listUsers } from "../api/users.ts";
import { useAnnounce } from "../ui/announcer.tsx";
import { ErrorAlert } from "../ui/ErrorAlert.tsx";
import { focusFirstError } from "../ui/focus-first-error.ts";
import { formatDay } from "../ui/format.ts";
import { Loading } from "../ui/Loading.tsx";
import { SelectField } from "../ui/SelectField.tsx";
import { TextField } from "../ui/TextField.tsx";
import { waveOptions } from "../ui/wave-options.ts";
import { useAreaChoice } from "./use-area-choice.tsx";

/** Assigning participants' follow-up interviews to researchers, and where each one stands. */
export function FollowUpsSection({ me }: { me: Me }) {
  const { areaId, picker } = useAreaChoice(me);
  const load = useCallback(
    () => listAssignments(me.areaId === null ? areaId || undefined : undefined),
    [me.areaId, areaId],
  );
  const [assignments, reload] = useResource(load);
  return (
    <>
      {picker}
      <AssignForm areaId={areaId} onAssigned={reload} />
      <section aria-labelledby="assigned-heading">
        <h2 id="assigned-heading">Assigned follow-ups</h2>
        {assignments.status === "loading" && <Loading what="follow-ups" />}
        {assignments.status === "error" && (
          <ErrorAlert heading="The follow-ups did not load" error={assignments.error} />
        )}
        {assignments.status === "ready" &&
          (assignments.data.assignments.length === 0 ? (
            <p>No follow-ups assigned yet.</p>
          ) : (
            <AssignmentTable assignments={assignments.data.assignments} onChanged={reload} />
          ))}
      </section>
    </>
  );
}

function AssignForm({ areaId, onAssigned }: { areaId: string; onAssigned: () => void }) {
  const announce = useAnnounce();
  const [surveys] = useResource(listPublishedSurveys);
  const [users] = useResource(listUsers);
  const researchers =
    users.status === "ready"
      ? users.data.filter(
          (u) =>
            !u.disabled && u.areaId === areaId && (u.role === "peer_researcher" || u.role === "coordinator"),
        )
      : [];
  const [code, setCode] = useState("");
  const [surveyId, setSurveyId] = useState("");
  const [wave, setWave] = useState("1");
  const [researcherId, setResearcherId] = useState("");
  const [dueOn, setDueOn] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const survey = surveyId || (surveys.status === "ready" ? (surveys.data[0]?.id ?? "") : "");
  const researcher = researcherId || researchers[0]?.id || "";

  const handleSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!isValidParticipantCode(code))
      found.participantCode = "Check the code: it has the wrong shape or check character.";
    const waveNumber = Number(wave);
    if (!researcher) found.researcherId = "Choose who will do the interview.";
    setErrors(found);
    setFailure(null);
    if (Object.keys(found).length > 0) {
      focusFirstError(event.currentTarget);
      return;
    }
    setBusy(true);
    try {
      const assigned = await setAssignment({
        participantCode: code,
        surveyId: survey,
        wave: waveNumber,
        areaId,
        researcherId: researcher,
        dueOn: dueOn === "" ? null : dueOn,
      });
      setCode("");
      announce(
        `${assigned.participantCode} ${waveLabel(assigned.wave)} assigned to ${assigned.researcherName}.`,
      );
      onAssigned();
    } catch (error) {
      setFailure(error);
      const fields = issuesByField(error);
      if (error instanceof ApiError && error.code === "participant_withdrawn")
        fields.participantCode = error.problem.title;
      setErrors(fields);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="assign-heading">
      <h2 id="assign-heading">Assign a follow-up</h2>
      <form className="panel" onSubmit={handleSubmit} noValidate aria-labelledby="assign-heading">
        {failure !== null && <ErrorAlert heading="The follow-up was not assigned" error={failure} />}
        <TextField
          label="Participant code"
          hint="Like ABCD-EFGH. Assigning the same follow-up again moves it to another researcher or date."
          autoComplete="off"
          spellCheck={false}
          value={code}
          onChange={(e) => setCode(e.target.value.toUpperCase())}
          error={errors.participantCode}
        />
        <SelectField
          label="Survey"
          value={survey}
          onChange={(e) => setSurveyId(e.target.value)}
          error={errors.surveyId}
          options={
            surveys.status === "ready" ? surveys.data.map((s) => ({ value: s.id, label: s.title })) : []
          }
        />
        <SelectField
          label="Interview"
          value={wave}
          onChange={(e) => setWave(e.target.value)}
          options={waveOptions()}
          error={errors.wave}
        />
        <SelectField
          label="Researcher"
          value={researcher}
          onChange={(e) => setResearcherId(e.target.value)}
          error={errors.researcherId}
          options={researchers.map((r) => ({ value: r.id, label: r.displayName }))}
        />
        <TextField
          label="Due by (optional)"
          hint="Without a date, the survey's follow-up schedule decides when it is due."
          type="date"
          className="input input--short"
          value={dueOn}
          onChange={(e) => setDueOn(e.target.value)}
          error={errors.dueOn}
        />
        <button type="submit" className="button" disabled={busy}>
          Assign
        </button>
      </form>
    </section>
  );
}

function AssignmentTable({ assignments, onChanged }: { assignments: Assignment[]; onChanged: () => void }) {
  const announce = useAnnounce();
  const [failure, setFailure] = useState<unknown>(null);
  const [surveys] = useResource(listPublishedSurveys);
  const titles = new Map(surveys.status === "ready" ? surveys.data.map((s) => [s.id, s.title]) : []);
  const toggle = async (a: Assignment) => {
    setFailure(null);
    try {
      const next = a.status === "declined" ? "open" : "declined";
      await setAssignmentStatus(a.id, next);
      announce(
        next === "declined" ? `${a.participantCode} marked as declined.` : `${a.participantCode} reopened.`,
      );
      onChanged();
    } catch (error) {
      setFailure(error);
    }
  };
  return (
    <>
      {failure !== null && <ErrorAlert heading="That did not change" error={failure} />}
      <div className="table-scroll">
        <table className="table">
          <caption>Follow-ups assigned in this area</caption>
          <thead>
            <tr>
              <th scope="col">Participant</th>
              <th scope="col">Interview</th>
              <th scope="col">Researcher</th>
              <th scope="col">Due by</th>
              <th scope="col">Where it stands</th>
              <th scope="col">
                <span className="visually-hidden">Action</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {assignments.map((a) => (
              <tr key={a.id}>
                <th scope="row" className="code">
                  {a.participantCode}
                </th>
                <td>
                  {waveLabel(a.wave)}
                  {titles.has(a.surveyId) && <span className="muted"> ({titles.get(a.surveyId)})</span>}
                </td>
                <td>{a.researcherName}</td>
                <td>{a.closesOn ? formatDay(a.closesOn) : "No date"}</td>
                <td>{followUpStateLabels[a.state]}</td>
                <td>
                  {a.state !== "completed" && a.state !== "withdrawn" && (
                    <button type="button" className="button button--quiet" onClick={() => toggle(a)}>
                      {a.status === "declined" ? "Reopen" : "Mark declined"}
                      <span className="visually-hidden"> for {a.participantCode}</span>
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
