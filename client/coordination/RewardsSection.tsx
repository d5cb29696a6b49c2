import { useCallback, useState } from "react";
import {
  BENEFITS_NOTE,
  formatPence,
  type Me,
  type PaymentMethod,
  paymentMethodLabels,
  paymentMethods,
  type RewardEntry,
} from "../../shared/contract/index.ts";
import { ApiError } from "../api/api-error.ts";
import { getAreaSettings, listPlans, listRewards, recordReward, statementHref } from "../api/coordination.ts";
import { useResource } from "../api/use-resource.ts";
import { Link } from "../routing/router.tsx";
import { useAnnounce } from "../ui/announcer.tsx";
import { ErrorAlert } from "../ui/ErrorAlert.tsx";
import { Loading } from "../ui/Loading.tsx";
import { RadioField } from "../ui/RadioField.tsx";
import { SelectField } from "../ui/SelectField.tsx";
import { TextField } from "../ui/TextField.tsx";
import { useSubmit } from "../ui/use-submit.ts";
import { useAreaChoice } from "./use-area-choice.tsx";

/** The reward log: time given by experts and researchers, the reward due under the area's policy, statements. */
export function RewardsSection({ me }: { me: Me }) {
  const { areaId, picker } = useAreaChoice(me);
  const loadLog = useCallback(
    () => listRewards(me.areaId === null ? areaId || undefined : undefined),
    [me.areaId, areaId],
  );
  const [log, reload] = useResource(loadLog);
  return (
    <>
      {picker}
      {areaId && <RecordForm key={areaId} areaId={areaId} onRecorded={reload} />}
      <section aria-labelledby="log-heading">
        <h2 id="log-heading">Reward log</h2>
        {log.status === "loading" && <Loading what="the reward log" />}
        {log.status === "error" && <ErrorAlert heading="The reward log did not load" error={log.error} />}
        {log.status === "ready" &&
          (log.data.entries.length === 0 ? (
            <p>No time recorded yet.</p>
          ) : (
            <RewardTable entries={log.data.entries} />
          ))}
      </section>
    </>
  );
}

function RecordForm({ areaId, onRecorded }: { areaId: string; onRecorded: () => void }) {
  const announce = useAnnounce();
  const loadSettings = useCallback(() => getAreaSettings(areaId), [areaId]);
  const [settings] = useResource(loadSettings);
  const loadPeople = useCallback(() => listPlans(areaId), [areaId]);
  const [people] = useResource(loadPeople);
  const list = people.status === "ready" ? people.data.plans : [];
  const [userId, setUserId] = useState("");
  const [activity, setActivity] = useState("");
  const [hours, setHours] = useState("");
  const [givenOn, setGivenOn] = useState(new Date().toISOString().slice(0, 10));
  const [method, setMethod] = useState<PaymentMethod | null>(null);
  const person = list.find((p) => p.userId === userId) ?? list[0];
  // The person's own choice, from their plan, unless the coordinator picked another with them.
  const chosenMethod = method ?? person?.preferredPayment ?? null;
  const rate = settings.status === "ready" ? settings.data.rewardPencePerHour : null;

  const h = Number(hours);
  const form = useSubmit({
    check: () => {
      const found: Record<string, string> = {};
      if (!person) found.userId = "Choose whose time this was.";
      if (activity.trim() === "")
        found.activity = "Say what the time was for, like a workshop or interviews.";
      if (!(h > 0 && h <= 24 && Number.isInteger(h * 4)))
        found.hours = "Enter hours in quarter hours, like 1.5 or 2.25.";
      if (!/^\d{4}-\d{2}-\d{2}$/.test(givenOn)) found.givenOn = "Choose the day.";
      if (!chosenMethod) found.paymentMethod = "Choose how the person wants to be paid.";
      return found;
    },
    run: async () => {
      if (!person || !chosenMethod) return;
      const entry = await recordReward({
        userId: person.userId,
        areaId,
        activity: activity.trim(),
        hours: h,
        givenOn,
        paymentMethod: chosenMethod,
      });
      setActivity("");
      setHours("");
      announce(`${entry.hours} hours recorded for ${entry.userName}: ${formatPence(entry.rewardPence)} due.`);
      onRecorded();
    },
  });
  const { errors, failure, busy } = form;

  return (
    <section aria-labelledby="record-heading">
      <h2 id="record-heading">Record time given</h2>
      {settings.status === "ready" &&
        (rate === null ? (
          <div className="notice notice--warning">
            <p>
              This area has no reward policy yet. Agree one with the area's experts, then set it under{" "}
              <Link to="/coordination/areas">Area settings</Link>.
            </p>
          </div>
        ) : (
          <p>
            The area's policy: <strong>{formatPence(rate)} an hour</strong>. {settings.data.rewardPolicyNote}
          </p>
        ))}
      <form className="panel" onSubmit={form.onSubmit} noValidate aria-labelledby="record-heading">
        {failure !== null && (
          <ErrorAlert
            heading={
              failure instanceof ApiError && failure.code === "reward_policy_not_set"
                ? "Set the policy first"
                : "The time was not recorded"
            }
            error={failure}
          />
        )}
        <SelectField
          label="Person"
          value={person?.userId ?? ""}
          onChange={(e) => {
            setUserId(e.target.value);
            setMethod(null);
          }}
          error={errors.userId}
          options={list.map((p) => ({ value: p.userId, label: p.displayName }))}
        />
        <TextField
          label="Activity"
          value={activity}
          onChange={(e) => setActivity(e.target.value)}
          error={errors.activity}
        />
        <TextField
          label="Hours"
          inputMode="decimal"
          className="input input--short"
          value={hours}
          onChange={(e) => setHours(e.target.value)}
          error={errors.hours}
        />
        <TextField
          label="Day"
          type="date"
          className="input input--short"
          value={givenOn}
          onChange={(e) => setGivenOn(e.target.value)}
          error={errors.givenOn}
        />
        <p className="hint">{BENEFITS_NOTE}</p>
        <RadioField
          legend="Paid by"
          hint={
            person?.preferredPayment
              ? `${person.displayName} chose ${paymentMethodLabels[person.preferredPayment].toLowerCase()} in their plan.`
              : "Ask the person: they have not chosen in their plan yet."
          }
          options={paymentMethods.map((m) => ({ value: m, label: paymentMethodLabels[m] }))}
          value={chosenMethod}
          onChange={setMethod}
          error={errors.paymentMethod}
        />
        <button type="submit" className="button" disabled={busy || rate === null}>
          Record time
        </button>
      </form>
    </section>
  );
}

function RewardTable({ entries }: { entries: RewardEntry[] }) {
  const people = [...new Map(entries.map((e) => [e.userId, e.userName])).entries()];
  return (
    <>
      <div className="table-scroll">
        <table className="table">
          <caption>Time given and rewards due, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Day</th>
              <th scope="col">Person</th>
              <th scope="col">Activity</th>
              <th scope="col" className="num">
                Hours
              </th>
              <th scope="col" className="num">
                Reward
              </th>
              <th scope="col">Paid by</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id}>
                <td>{e.givenOn}</td>
                <th scope="row">{e.userName}</th>
                <td>{e.activity}</td>
                <td className="num">{e.hours}</td>
                <td className="num">{formatPence(e.rewardPence)}</td>
                <td>{paymentMethodLabels[e.paymentMethod]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h3>Statements</h3>
      <ul>
        {people.map(([id, name]) => (
          <li key={id}>
            <a href={statementHref(id)} download>
              Download {name}'s statement (CSV)
            </a>
          </li>
        ))}
      </ul>
    </>
  );
}
