import { useState } from "react";
import {
  BENEFITS_NOTE,
  followUpStateLabels,
  formatPence,
  type Me,
  type ParticipationPlan,
  paymentMethodLabels,
  trainingKindLabels,
} from "../../shared/contract/index.ts";
import { waveLabel } from "../../shared/follow-ups/wave-label.ts";
import { standingText } from "../../shared/training/training-standing.ts";
import {
  fetchReadiness,
  listDebriefs,
  MY_STATEMENT_HREF,
  myAssignments,
  myPlan,
  myRewards,
  saveMyPlan,
} from "../api/coordination.ts";
import { useResource } from "../api/use-resource.ts";
import { useMe } from "../auth/session.tsx";
import { ErrorAlert } from "../ui/ErrorAlert.tsx";
import { Loading } from "../ui/Loading.tsx";
import { PageHeading } from "../ui/PageHeading.tsx";
import { DebriefTable } from "./DebriefsSection.tsx";
import { PlanForm } from "./PlanForm.tsx";
import "./coordination.css";

/**
 * What belongs to the person signed in: their training and refresher dates, their participation plan
 * (theirs to write), the time they have given and the rewards due, and, for researchers, their
 * follow-ups and debriefs.
 */
export default function MyInvolvementPage() {
  const me = useMe();
  const researcher = me.role === "peer_researcher";
  return (
    <>
      <PageHeading>My involvement</PageHeading>
      {(researcher || me.role === "coordinator") && <TrainingPanel />}
      {researcher && <FollowUpsPanel />}
      <PlanPanel />
      <RewardsPanel />
      {researcher && <DebriefsPanel me={me} />}
    </>
  );
}

function TrainingPanel() {
  const [readiness] = useResource(fetchReadiness);
  return (
    <section aria-labelledby="my-training-heading">
      <h2 id="my-training-heading">Your training</h2>
      {readiness.status === "loading" && <Loading what="your training" />}
      {readiness.status === "error" && (
        <ErrorAlert heading="Your training did not load" error={readiness.error} />
      )}
      {readiness.status === "ready" && (
        <>
          {!readiness.data.ready && (
            <div className="notice notice--warning">
              <p>
                Some training you need for fieldwork has lapsed or was never recorded. Talk to your
                coordinator about a refresher.
              </p>
            </div>
          )}
          <div className="table-scroll">
            <table className="table">
              <caption>Your training and when each refresher is due</caption>
              <thead>
                <tr>
                  <th scope="col">Training</th>
                  <th scope="col">Needed for fieldwork</th>
                  <th scope="col">Where it stands</th>
                </tr>
              </thead>
              <tbody>
                {readiness.data.training.map((t) => (
                  <tr key={t.kind}>
                    <th scope="row">{trainingKindLabels[t.kind]}</th>
                    <td>{t.required ? "Yes" : "Recommended"}</td>
                    <td>{standingText(t)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}

function FollowUpsPanel() {
  const [assignments] = useResource(myAssignments);
  return (
    <section aria-labelledby="my-follow-ups-heading">
      <h2 id="my-follow-ups-heading">Your follow-ups</h2>
      {assignments.status === "loading" && <Loading what="your follow-ups" />}
      {assignments.status === "error" && (
        <ErrorAlert heading="Your follow-ups did not load" error={assignments.error} />
      )}
      {assignments.status === "ready" &&
        (assignments.data.assignments.length === 0 ? (
          <p>Nobody's follow-up is assigned to you at the moment.</p>
        ) : (
          <ul>
            {assignments.data.assignments.map((a) => (
              <li key={a.id}>
                <span className="code">{a.participantCode}</span>, {waveLabel(a.wave)}:{" "}
                {followUpStateLabels[a.state]}
                {a.closesOn ? ` (by ${a.closesOn})` : ""}
              </li>
            ))}
          </ul>
        ))}
    </section>
  );
}

function PlanPanel() {
  const [plan, reload] = useResource(myPlan);
  const [saved, setSaved] = useState<ParticipationPlan | null>(null);
  return (
    <section aria-labelledby="my-plan-heading">
      <h2 id="my-plan-heading">Your participation plan</h2>
      <p>
        How you would like to take part, what you want from it and how you want to be contacted. It is yours:
        change it whenever you like. Your coordinator can read it.
      </p>
      {plan.status === "loading" && <Loading what="your plan" />}
      {plan.status === "error" && <ErrorAlert heading="Your plan did not load" error={plan.error} />}
      {plan.status === "ready" && (
        <PlanForm
          key={saved?.updatedAt ?? plan.data.updatedAt ?? "new"}
          plan={saved ?? plan.data}
          self
          save={saveMyPlan}
          onSaved={(next) => {
            setSaved(next);
            reload();
          }}
        />
      )}
    </section>
  );
}

function RewardsPanel() {
  const [rewards] = useResource(myRewards);
  return (
    <section aria-labelledby="my-rewards-heading">
      <h2 id="my-rewards-heading">Time given and rewards</h2>
      <p className="hint">{BENEFITS_NOTE}</p>
      {rewards.status === "loading" && <Loading what="your rewards" />}
      {rewards.status === "error" && <ErrorAlert heading="Your rewards did not load" error={rewards.error} />}
      {rewards.status === "ready" &&
        (rewards.data.entries.length === 0 ? (
          <p>No time recorded yet.</p>
        ) : (
          <>
            <div className="table-scroll">
              <table className="table">
                <caption>Your time and the reward due for it</caption>
                <thead>
                  <tr>
                    <th scope="col">Day</th>
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
                  {rewards.data.entries.map((e) => (
                    <tr key={e.id}>
                      <th scope="row">{e.givenOn}</th>
                      <td>{e.activity}</td>
                      <td className="num">{e.hours}</td>
                      <td className="num">{formatPence(e.rewardPence)}</td>
                      <td>{paymentMethodLabels[e.paymentMethod]}</td>
                    </tr>
                  ))}
                </tbody>
                <tfoot>
                  <tr>
                    <th scope="row" colSpan={2}>
                      Total
                    </th>
                    <td className="num">{rewards.data.totalHours}</td>
                    <td className="num">{formatPence(rewards.data.totalPence)}</td>
                    <td />
                  </tr>
                </tfoot>
              </table>
            </div>
            <p>
              <a href={MY_STATEMENT_HREF} download>
                Download your statement (CSV)
              </a>
            </p>
          </>
        ))}
    </section>
  );
}

function DebriefsPanel({ me }: { me: Me }) {
  const [debriefs] = useResource(listDebriefs);
  return (
    <section aria-labelledby="my-debriefs-heading">
      <h2 id="my-debriefs-heading">Your debriefs</h2>
      <p>Only you and your coordinator can read these, {me.displayName}.</p>
      {debriefs.status === "loading" && <Loading what="your debriefs" />}
      {debriefs.status === "error" && (
        <ErrorAlert heading="Your debriefs did not load" error={debriefs.error} />
      )}
      {debriefs.status === "ready" &&
        (debriefs.data.debriefs.length === 0 ? (
          <p>No debriefs yet.</p>
        ) : (
          <DebriefTable debriefs={debriefs.data.debriefs} showWho={false} />
        ))}
    </section>
  );
}
