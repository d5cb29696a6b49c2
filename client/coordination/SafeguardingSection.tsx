import { type FormEvent, useCallback, useState } from "react";
import {
  type Me,
  type SafeguardingQueueItem,
  safeguardingUrgencyLabels,
} from "../../shared/contract/index.ts";
import {
  acknowledgeConcern,
  closeConcern,
  fetchSafeguardingQueue,
  recordConcernAction,
} from "../api/coordination.ts";
import { useResource } from "../api/use-resource.ts";
import { useAnnounce } from "../ui/announcer.tsx";
import { ErrorAlert } from "../ui/ErrorAlert.tsx";
import { formatDateTime } from "../ui/format.ts";
import { Loading } from "../ui/Loading.tsx";
import { SelectField } from "../ui/SelectField.tsx";
import { TextAreaField } from "../ui/TextAreaField.tsx";

type Shown = "open" | "closed";

/**
 * The safeguarding queue: new concerns first (the named lead's areas first, then the most urgent, then
 * the one waiting longest), then those being dealt with. Acknowledge says "I have this"; every action
 * is kept with who and when; closing needs a closing note.
 */
export function SafeguardingSection({ me }: { me: Me }) {
  const [shown, setShown] = useState<Shown>("open");
  const load = useCallback(() => fetchSafeguardingQueue(shown), [shown]);
  const [queue, reload] = useResource(load);
  const newCount = queue.status === "ready" ? queue.data.concerns.filter((c) => c.state === "new").length : 0;
  return (
    <>
      <SelectField
        label="Show"
        value={shown}
        onChange={(e) => setShown(e.target.value as Shown)}
        options={[
          { value: "open", label: "Open concerns" },
          { value: "closed", label: "Closed concerns" },
        ]}
      />
      {queue.status === "loading" && <Loading what="concerns" />}
      {queue.status === "error" && <ErrorAlert heading="The concerns did not load" error={queue.error} />}
      {queue.status === "ready" && (
        <>
          {queue.data.leadOf.length > 0 && (
            <p className="lead">
              You are the named safeguarding lead
              {me.areaId === null ? ` for ${queue.data.leadOf.join(", ")}` : ""}.
            </p>
          )}
          {shown === "open" && (
            <p>
              {newCount === 0
                ? "No new concerns."
                : newCount === 1
                  ? "1 new concern needs someone to take it on."
                  : `${newCount} new concerns need someone to take them on.`}
            </p>
          )}
          {queue.data.concerns.length === 0 ? (
            <p>{shown === "open" ? "There are no open concerns." : "No concerns have been closed yet."}</p>
          ) : (
            queue.data.concerns.map((concern) => (
              <ConcernCard key={concern.id} concern={concern} onChanged={reload} />
            ))
          )}
        </>
      )}
    </>
  );
}

function ConcernCard({ concern, onChanged }: { concern: SafeguardingQueueItem; onChanged: () => void }) {
  const announce = useAnnounce();
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const headingId = `concern-${concern.id}`;
  const classes = [
    "concern",
    concern.state === "new" ? "concern--new" : "",
    concern.urgency === "immediate" && concern.state !== "closed" ? "concern--immediate" : "",
  ]
    .filter(Boolean)
    .join(" ");

  const acknowledge = async () => {
    setBusy(true);
    setFailure(null);
    try {
      await acknowledgeConcern(concern.id);
      announce("Concern acknowledged. You are dealing with it.");
      onChanged();
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <article className={classes} aria-labelledby={headingId}>
      <h2 id={headingId}>{concernHeading(concern)}</h2>
      <p>{concern.description}</p>
      <dl>
        <dt>Area</dt>
        <dd>{concern.areaName}</dd>
        <dt>Raised by</dt>
        <dd>
          {concern.raisedByName}, {formatDateTime(concern.raisedAt)}
        </dd>
        {concern.participantCode && (
          <>
            <dt>Participant</dt>
            <dd className="code">{concern.participantCode}</dd>
          </>
        )}
        <dt>Acknowledged</dt>
        <dd>
          {concern.acknowledgedAt
            ? `${concern.acknowledgedByName ?? "Someone"}, ${formatDateTime(concern.acknowledgedAt)}`
            : "Not yet"}
        </dd>
      </dl>
      {concern.actions.some((a) => a.kind !== "acknowledged") && (
        <>
          <h3>What has been done</h3>
          <ol className="history">
            {concern.actions
              .filter((a) => a.kind !== "acknowledged")
              .map((a, index) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: the history is append-only, so a position never changes.
                <li key={index}>
                  <strong>
                    {a.kind === "closed" ? "Closed" : "Action"} by {a.byName}, {formatDateTime(a.at)}:
                  </strong>{" "}
                  {a.text}
                </li>
              ))}
          </ol>
        </>
      )}
      {failure !== null && <ErrorAlert heading="That was not recorded" error={failure} />}
      {concern.state === "new" && (
        <button type="button" className="button" onClick={acknowledge} disabled={busy}>
          Acknowledge: I am dealing with this
        </button>
      )}
      {concern.state !== "closed" && <ActionForm concern={concern} onChanged={onChanged} />}
    </article>
  );
}

function ActionForm({ concern, onChanged }: { concern: SafeguardingQueueItem; onChanged: () => void }) {
  const announce = useAnnounce();
  const [text, setText] = useState("");
  const [error, setError] = useState<string | undefined>();
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (form: HTMLFormElement, close: boolean) => {
    if (text.trim() === "") {
      setError(close ? "Write a closing note: what happened in the end." : "Say what was done.");
      form.querySelector("textarea")?.focus();
      return;
    }
    setError(undefined);
    setBusy(true);
    setFailure(null);
    try {
      if (close) await closeConcern(concern.id, text.trim());
      else await recordConcernAction(concern.id, text.trim());
      setText("");
      announce(close ? "Concern closed." : "Action recorded.");
      onChanged();
    } catch (caught) {
      setFailure(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      onSubmit={(event: FormEvent<HTMLFormElement>) => {
        event.preventDefault();
        void submit(event.currentTarget, false);
      }}
      noValidate
      aria-label={`Record what was done about this ${safeguardingUrgencyLabels[concern.urgency].toLowerCase()} concern`}
    >
      {failure !== null && <ErrorAlert heading="That was not recorded" error={failure} />}
      <TextAreaField
        label="What was done"
        hint="Who you contacted, what was agreed. Keep to what the next person needs to know."
        value={text}
        onChange={(e) => setText(e.target.value)}
        error={error}
        rows={3}
      />
      <div className="actions">
        <button type="submit" className="button button--secondary" disabled={busy}>
          Record action
        </button>
        <button
          type="button"
          className="button button--quiet"
          disabled={busy}
          onClick={(event) => {
            const form = event.currentTarget.form;
            if (form) void submit(form, true);
          }}
        >
          Close with this note
        </button>
      </div>
    </form>
  );
}

/** The card's heading as one sentence: "New concern to deal with today, raised 6 Dec 2026, 14:05". */
export function concernHeading(concern: {
  state: "new" | "acknowledged" | "closed";
  urgency: keyof typeof safeguardingUrgencyLabels;
  raisedAt: string;
}): string {
  const state =
    concern.state === "new"
      ? "New concern"
      : concern.state === "acknowledged"
        ? "Concern being dealt with"
        : "Closed concern";
  const when =
    concern.urgency === "immediate"
      ? "that needs action now"
      : concern.urgency === "today"
        ? "to deal with today"
        : "to deal with this week";
  const raised = `raised ${formatDateTime(concern.raisedAt)}`;
  if (concern.state === "closed") return `${state}, ${raised}`;
  if (concern.state === "acknowledged")
    return `${state} (needed ${concern.urgency === "immediate" ? "at once" : when.replace("to deal with ", "")}), ${raised}`;
  return `${state} ${when}, ${raised}`;
}
