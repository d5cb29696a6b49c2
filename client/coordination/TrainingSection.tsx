import { useCallback, useState } from "react";
import {
  type Me,
  type TrainingKind,
  type TrainingRecord,
  trainingKindLabels,
  trainingKinds,
  trainingStandings,
} from "../../shared/contract/index.ts";
import { standingText, trainingDay } from "../../shared/training/training-standing.ts";
import { listPlans, listTraining, recordTraining } from "../api/coordination.ts";
import { useResource } from "../api/use-resource.ts";
import { useAnnounce } from "../ui/announcer.tsx";
import { ErrorAlert } from "../ui/ErrorAlert.tsx";
import { Form } from "../ui/Form.tsx";
import { Loading } from "../ui/Loading.tsx";
import { SelectField } from "../ui/SelectField.tsx";
import { TextField } from "../ui/TextField.tsx";
import { useSubmit } from "../ui/use-submit.ts";
import { useAreaChoice } from "./use-area-choice.tsx";

/** Training records of the area's researchers, each kind's standing, and recording new training. */
export function TrainingSection({ me }: { me: Me }) {
  const { areaId, picker } = useAreaChoice(me);
  const scope = me.areaId === null ? areaId || undefined : undefined;
  const loadRecords = useCallback(() => listTraining(scope), [scope]);
  const [records, reload] = useResource(loadRecords);
  const loadPeople = useCallback(() => listPlans(scope), [scope]);
  const [people] = useResource(loadPeople);
  const researchers =
    people.status === "ready" ? people.data.plans.filter((p) => p.role === "peer_researcher") : [];
  return (
    <>
      {picker}
      <RecordTrainingForm
        people={researchers.map((p) => ({ id: p.userId, name: p.displayName }))}
        onRecorded={reload}
      />
      <section aria-labelledby="standing-heading">
        <h2 id="standing-heading">Peer researchers' training</h2>
        {records.status === "loading" && <Loading what="training records" />}
        {records.status === "error" && (
          <ErrorAlert heading="The training records did not load" error={records.error} />
        )}
        {records.status === "ready" && (
          <StandingTable
            today={records.data.today}
            people={researchers.map((p) => ({ id: p.userId, name: p.displayName }))}
            records={records.data.records}
          />
        )}
      </section>
    </>
  );
}

function StandingTable({
  today,
  people,
  records,
}: {
  today: string;
  people: { id: string; name: string }[];
  records: TrainingRecord[];
}) {
  if (people.length === 0) return <p>There are no peer researchers in this area yet.</p>;
  return (
    <div className="table-scroll">
      <table className="table">
        <caption>Where each researcher's training stands today ({trainingDay(today)})</caption>
        <thead>
          <tr>
            <th scope="col">Researcher</th>
            {trainingKinds.map((kind) => (
              <th key={kind} scope="col">
                {trainingKindLabels[kind]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {people.map((person) => {
            const standings = trainingStandings(
              records.filter((r) => r.userId === person.id),
              today,
            );
            return (
              <tr key={person.id}>
                <th scope="row">{person.name}</th>
                {standings.map((s) => (
                  <td key={s.kind}>
                    {s.state === "lapsed" || (s.state === "missing" && s.required) ? (
                      <strong>{standingText(s)}</strong>
                    ) : (
                      standingText(s)
                    )}
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function RecordTrainingForm({
  people,
  onRecorded,
}: {
  people: { id: string; name: string }[];
  onRecorded: () => void;
}) {
  const announce = useAnnounce();
  const [userId, setUserId] = useState("");
  const [kind, setKind] = useState<TrainingKind>("safeguarding");
  const [completedOn, setCompletedOn] = useState("");
  const [expiresOn, setExpiresOn] = useState("");
  const chosen = userId || people[0]?.id || "";
  const form = useSubmit({
    check: () => {
      const found: Record<string, string> = {};
      if (!chosen) found.userId = "Choose who completed the training.";
      if (!/^\d{4}-\d{2}-\d{2}$/.test(completedOn)) found.completedOn = "Choose the day it was completed.";
      if (expiresOn && expiresOn <= completedOn)
        found.expiresOn = "The refresher must be due after the training.";
      return found;
    },
    run: async () => {
      const record = await recordTraining({
        userId: chosen,
        kind,
        completedOn,
        expiresOn: expiresOn || null,
        note: "",
      });
      announce(
        `${trainingKindLabels[record.kind]} recorded for ${record.userName}; refresher due ${trainingDay(record.expiresOn)}.`,
      );
      setCompletedOn("");
      setExpiresOn("");
      onRecorded();
    },
  });
  const { errors } = form;

  return (
    <section aria-labelledby="record-training-heading">
      <h2 id="record-training-heading">Record training</h2>
      <Form
        submit={form}
        className="panel"
        aria-labelledby="record-training-heading"
        failureHeading="The training was not recorded"
      >
        <SelectField
          label="Researcher"
          value={chosen}
          onChange={(e) => setUserId(e.target.value)}
          error={errors.userId}
          options={people.map((p) => ({ value: p.id, label: p.name }))}
        />
        <SelectField
          label="Training"
          value={kind}
          onChange={(e) => setKind(e.target.value as TrainingKind)}
          options={trainingKinds.map((k) => ({ value: k, label: trainingKindLabels[k] }))}
        />
        <TextField
          label="Completed on"
          type="date"
          className="input input--short"
          value={completedOn}
          onChange={(e) => setCompletedOn(e.target.value)}
          error={errors.completedOn}
        />
        <TextField
          label="Refresher due (optional)"
          hint="Leave empty for a year after completion."
          type="date"
          className="input input--short"
          value={expiresOn}
          onChange={(e) => setExpiresOn(e.target.value)}
          error={errors.expiresOn}
        />
        <button type="submit" className="button" disabled={form.busy || people.length === 0}>
          Record training
        </button>
      </Form>
    </section>
  );
}
