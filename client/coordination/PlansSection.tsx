import { useCallback, useState } from "react";
import {
  contactMethodLabels,
  type Me,
  type ParticipationPlan,
  paymentMethodLabels,
  roleLabels,
} from "../../shared/contract/index.ts";
import { listPlans, savePlanFor } from "../api/coordination.ts";
import { useResource } from "../api/use-resource.ts";
import { ErrorAlert } from "../ui/ErrorAlert.tsx";
import { Loading } from "../ui/Loading.tsx";
import { PlanForm } from "./PlanForm.tsx";
import { useAreaChoice } from "./use-area-choice.tsx";

/**
 * The participation plans of an area's experts and researchers. Each person keeps their own under
 * "My involvement"; a coordinator can write it with them here, and the plan then says who changed it.
 */
export function PlansSection({ me }: { me: Me }) {
  const { areaId, picker } = useAreaChoice(me);
  const load = useCallback(
    () => listPlans(me.areaId === null ? areaId || undefined : undefined),
    [me.areaId, areaId],
  );
  const [plans, reload] = useResource(load);
  const [editing, setEditing] = useState<string | null>(null);
  return (
    <>
      {picker}
      <p>
        People write their own plans under “My involvement”. Write one here only together with the person.
      </p>
      {plans.status === "loading" && <Loading what="plans" />}
      {plans.status === "error" && <ErrorAlert heading="The plans did not load" error={plans.error} />}
      {plans.status === "ready" &&
        (plans.data.plans.length === 0 ? (
          <p>There are no experts or peer researchers in this area yet.</p>
        ) : (
          plans.data.plans.map((plan) => (
            <section key={plan.userId} className="panel" aria-labelledby={`plan-${plan.userId}`}>
              <h2 id={`plan-${plan.userId}`}>
                {plan.displayName} <span className="muted">({roleLabels[plan.role]})</span>
              </h2>
              {editing === plan.userId ? (
                <PlanForm
                  plan={plan}
                  self={plan.userId === me.id}
                  save={(input) => savePlanFor(plan.userId, input)}
                  onSaved={() => {
                    setEditing(null);
                    reload();
                  }}
                />
              ) : (
                <>
                  <PlanSummary plan={plan} />
                  <button
                    type="button"
                    className="button button--secondary"
                    onClick={() => setEditing(plan.userId)}
                  >
                    Write the plan with {plan.displayName}
                  </button>
                </>
              )}
            </section>
          ))
        ))}
    </>
  );
}

function PlanSummary({ plan }: { plan: ParticipationPlan }) {
  if (plan.updatedAt === null) return <p>No plan yet.</p>;
  return (
    <dl className="facts">
      <dt>Interests</dt>
      <dd>{plan.interests || "—"}</dd>
      <dt>Goals</dt>
      <dd>{plan.goals || "—"}</dd>
      <dt>Support wanted</dt>
      <dd>{plan.supportWanted || "—"}</dd>
      <dt>Contact</dt>
      <dd>
        {plan.contactMethods.map((m) => contactMethodLabels[m]).join(", ") || "—"}
        {plan.contactNotes ? `. ${plan.contactNotes}` : ""}
      </dd>
      <dt>Payment</dt>
      <dd>{plan.preferredPayment ? paymentMethodLabels[plan.preferredPayment] : "Not chosen yet"}</dd>
    </dl>
  );
}
