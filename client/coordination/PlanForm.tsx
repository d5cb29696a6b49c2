import { useState } from "react";
import {
  BENEFITS_NOTE,
  type ContactMethod,
  contactMethodLabels,
  contactMethods,
  type ParticipationPlan,
  type ParticipationPlanInput,
  type PaymentMethod,
  paymentMethodLabels,
  paymentMethods,
} from "../../shared/contract/index.ts";
import { useAnnounce } from "../ui/announcer.tsx";
import { Form } from "../ui/Form.tsx";
import { formatDateTime } from "../ui/format.ts";
import { RadioField } from "../ui/RadioField.tsx";
import { TextAreaField } from "../ui/TextAreaField.tsx";
import { useSubmit } from "../ui/use-submit.ts";

/**
 * A participation plan: interests, goals, support wanted, how to be contacted and how to be paid,
 * with the benefits note beside the payment choice. Used by the person for their own plan and by a
 * coordinator writing it with them; `self` changes the wording.
 */
export function PlanForm({
  plan,
  self,
  save,
  onSaved,
}: {
  plan: ParticipationPlan;
  self: boolean;
  save: (input: ParticipationPlanInput) => Promise<ParticipationPlan>;
  onSaved: (saved: ParticipationPlan) => void;
}) {
  const announce = useAnnounce();
  const [interests, setInterests] = useState(plan.interests);
  const [goals, setGoals] = useState(plan.goals);
  const [supportWanted, setSupportWanted] = useState(plan.supportWanted);
  const [methods, setMethods] = useState<ContactMethod[]>(plan.contactMethods);
  const [contactNotes, setContactNotes] = useState(plan.contactNotes);
  const [payment, setPayment] = useState<PaymentMethod | null>(plan.preferredPayment);
  const form = useSubmit({
    run: async () => {
      const saved = await save({
        interests,
        goals,
        supportWanted,
        contactMethods: methods,
        contactNotes,
        preferredPayment: payment,
      });
      announce(self ? "Your plan is saved." : `${plan.displayName}'s plan is saved.`);
      onSaved(saved);
    },
  });
  const { errors } = form;
  const you = self ? "you" : plan.displayName;
  const your = self ? "your" : `${plan.displayName}'s`;

  const toggle = (method: ContactMethod, on: boolean) =>
    setMethods((list) =>
      on ? [...list.filter((m) => m !== method), method] : list.filter((m) => m !== method),
    );

  return (
    <Form
      submit={form}
      aria-label={self ? "Your participation plan" : `${plan.displayName}'s participation plan`}
      failureHeading="The plan was not saved"
      heading={
        plan.updatedAt && (
          <p className="muted">
            Last changed {formatDateTime(plan.updatedAt)} by{" "}
            {plan.updatedBySelf ? (self ? "you" : plan.displayName) : (plan.updatedByName ?? "a coordinator")}
            .
          </p>
        )
      }
    >
      <TextAreaField
        label={`What ${you} would like to be involved in`}
        hint="Topics, kinds of work, things to try."
        value={interests}
        onChange={(e) => setInterests(e.target.value)}
        error={errors.interests}
      />
      <TextAreaField
        label={self ? "Your goals" : `${plan.displayName}'s goals`}
        hint="Skills to build, references, training, where this might lead."
        value={goals}
        onChange={(e) => setGoals(e.target.value)}
        error={errors.goals}
      />
      <TextAreaField
        label={`Support ${you} would like`}
        hint="Before, during or after taking part: travel, someone to meet, breaks, anything else."
        value={supportWanted}
        onChange={(e) => setSupportWanted(e.target.value)}
        error={errors.supportWanted}
      />
      <fieldset className="field choices">
        <legend>How {you} would like to be contacted</legend>
        {contactMethods.map((method) => (
          <label key={method} className="choice">
            <input
              type="checkbox"
              checked={methods.includes(method)}
              onChange={(e) => toggle(method, e.target.checked)}
            />
            <span>{contactMethodLabels[method]}</span>
          </label>
        ))}
      </fieldset>
      <TextAreaField
        label="Anything else about contact"
        hint="Good times, numbers to avoid, who to go through."
        value={contactNotes}
        onChange={(e) => setContactNotes(e.target.value)}
        error={errors.contactNotes}
        rows={2}
      />
      <div className="notice notice--warning">
        <p className="alert__heading">Before choosing how to be paid</p>
        <p>{BENEFITS_NOTE}</p>
      </div>
      <RadioField
        legend={`How ${you} would like to be paid`}
        options={paymentMethods.map((m) => ({ value: m, label: paymentMethodLabels[m] }))}
        value={payment}
        onChange={setPayment}
        error={errors.preferredPayment}
      />
      <button type="submit" className="button" disabled={form.busy}>
        Save {your} plan
      </button>
    </Form>
  );
}
