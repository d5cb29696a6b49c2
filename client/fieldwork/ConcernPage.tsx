import { type FormEvent, useId, useState } from "react";
import type { Me } from "../../shared/contract/index.ts";
import { canonicalParticipantCode } from "../../shared/contract/participant-code.ts";
import {
  MAX_CONCERN_LENGTH,
  type SafeguardingUrgency,
  safeguardingUrgencies,
} from "../../shared/contract/safeguarding.ts";
import { listAreas } from "../api/areas.ts";
import { useResource } from "../api/use-resource.ts";
import { getRecord } from "../offline/outbox.ts";
import { newResponseId } from "../offline/response-id.ts";
import { useLiveQuery } from "../offline/use-live-query.ts";
import { Link, pageState } from "../routing/router.tsx";
import { FieldError } from "../ui/FieldError.tsx";
import { focusFirstError } from "../ui/focus-first-error.ts";
import { PageHeading } from "../ui/PageHeading.tsx";
import { AreaField } from "./AreaField.tsx";
import { participantCodeProblem } from "./participant-code-problem.ts";
import { fieldworkPath } from "./paths.ts";
import { queueConcern } from "./queue-records.ts";
import { stateText } from "./receipt-text.ts";

/** "your safeguarding lead, Priya Shah" when the area has one on record, else "your safeguarding lead". */
const leadWords = (name: string | null) =>
  name ? `your safeguarding lead, ${name}` : "your safeguarding lead";

const urgencyLabels = (lead: string | null): Record<SafeguardingUrgency, [string, string]> => ({
  immediate: ["Immediate", `Someone may be at risk of harm now. Also phone ${leadWords(lead)}.`],
  today: ["Today", "It needs someone to act today."],
  this_week: ["This week", "It needs following up, but not today."],
});

/** The area's safeguarding lead by name, from the list of areas the tablet keeps for offline use. */
function useSafeguardingLead(areaId: string): string | null {
  const [areas] = useResource(listAreas);
  if (areas.status !== "ready") return null;
  return areas.data.find((area) => area.id === areaId)?.safeguardingLead ?? null;
}

/**
 * A safeguarding concern, raised during or after an interview. It is saved on the tablet at once and
 * goes to the area's coordinators as soon as there is a connection, on its own: never inside the
 * participant's answers.
 */
export function ConcernPage({ me }: { me: Me }) {
  const id = useId();
  const [code, setCode] = useState(pageState("code") ?? "");
  const [areaId, setAreaId] = useState(me.areaId ?? "");
  const [urgency, setUrgency] = useState<SafeguardingUrgency | null>(null);
  const [description, setDescription] = useState("");
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const [sent, setSent] = useState<string | null>(null);
  const lead = useSafeguardingLead(areaId);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found = {
      code: code.trim() === "" ? undefined : participantCodeProblem(code, true),
      area: areaId === "" ? "Choose the area." : undefined,
      urgency: urgency === null ? "Choose how urgent it is." : undefined,
      description: description.trim() === "" ? "Say what the concern is." : undefined,
    };
    setErrors(found);
    if (Object.values(found).some(Boolean) || urgency === null) {
      focusFirstError(event.currentTarget);
      return;
    }
    const concernId = newResponseId();
    await queueConcern(me, {
      id: concernId,
      areaId,
      raisedAt: new Date().toISOString(),
      participantCode: code.trim() === "" ? null : canonicalParticipantCode(code),
      urgency,
      description: description.trim(),
    });
    setSent(concernId);
  };

  if (sent) return <ConcernSent id={sent} me={me} />;

  return (
    <>
      <PageHeading>Raise a safeguarding concern</PageHeading>
      <div className="alert alert--error">
        <p className="alert__heading">If someone is in immediate danger, call 999 first.</p>
        <p>
          This form does not replace a phone call to {leadWords(lead)}
          {lead ? "," : ""} when something is urgent.
        </p>
      </div>
      <form className="start-form" onSubmit={submit} noValidate>
        <div className={errors.code ? "field field--invalid" : "field"}>
          <label htmlFor={`${id}-code`}>Participant code (if it is about a participant)</label>
          <p className="hint" id={`${id}-code-hint`}>
            Leave it empty if the concern is not about one participant. Never write a name here.
          </p>
          <FieldError id={`${id}-code-error`} message={errors.code} />
          <input
            id={`${id}-code`}
            className="input input--code"
            value={code}
            onChange={(event) => setCode(event.target.value)}
            autoComplete="off"
            spellCheck={false}
            aria-invalid={errors.code ? true : undefined}
            aria-describedby={errors.code ? `${id}-code-hint ${id}-code-error` : `${id}-code-hint`}
          />
        </div>
        <AreaField me={me} value={areaId} onChange={setAreaId} error={errors.area} />
        <fieldset
          className={errors.urgency ? "field field--invalid choices" : "field choices"}
          aria-describedby={errors.urgency ? `${id}-urgency-error` : undefined}
        >
          <legend>How urgent is it?</legend>
          <FieldError id={`${id}-urgency-error`} message={errors.urgency} />
          {safeguardingUrgencies.map((value) => (
            <label key={value} className="choice choice--two-line">
              <input
                type="radio"
                name={`${id}-urgency`}
                value={value}
                checked={urgency === value}
                onChange={() => setUrgency(value)}
              />
              <span>
                <strong>{urgencyLabels(lead)[value][0]}</strong>
                <span className="choice__hint">{urgencyLabels(lead)[value][1]}</span>
              </span>
            </label>
          ))}
        </fieldset>
        <div className={errors.description ? "field field--invalid" : "field"}>
          <label htmlFor={`${id}-description`}>What is the concern?</label>
          <p className="hint" id={`${id}-description-hint`}>
            What you saw or were told, and anything already done. Use the participant code, not names.
          </p>
          <FieldError id={`${id}-description-error`} message={errors.description} />
          <textarea
            id={`${id}-description`}
            className="input input--area"
            rows={6}
            maxLength={MAX_CONCERN_LENGTH}
            value={description}
            onChange={(event) => setDescription(event.target.value)}
            aria-invalid={errors.description ? true : undefined}
            aria-describedby={
              errors.description ? `${id}-description-hint ${id}-description-error` : `${id}-description-hint`
            }
          />
        </div>
        <div className="actions">
          <button type="submit" className="button button--large">
            Send the concern
          </button>
          <Link to={fieldworkPath.home} className="button button--secondary">
            Cancel
          </Link>
        </div>
      </form>
    </>
  );
}

function ConcernSent({ id, me }: { id: string; me: Me }) {
  // Only the researcher who raised it (issue 17): `getRecord` answers nothing for anyone else.
  const record = useLiveQuery(() => getRecord(id, me.id), `${id}:${me.id}`);
  const text = record ? stateText(record) : null;
  return (
    <>
      <PageHeading>Safeguarding concern saved</PageHeading>
      <div
        className={text?.tone === "success" ? "notice notice--success" : "notice notice--warning"}
        role="status"
      >
        <p>
          <strong>{text?.label ?? "Saving"}.</strong> {text?.detail}
        </p>
        {/* One message per state: once the server has it, it is not still waiting to go. */}
        <p>
          {text?.tone === "success"
            ? "Your area's coordinators can see it now."
            : "It goes to your area's coordinators as soon as the tablet is online."}
        </p>
      </div>
      <p>
        <Link to={fieldworkPath.home} className="button button--secondary">
          Back to fieldwork
        </Link>
      </p>
    </>
  );
}
