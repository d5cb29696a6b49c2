import { type FormEvent, useEffect, useRef, useState } from "react";
import type { HandBackReason, LoadedWords } from "../../shared/fieldwork/participant-words.ts";
import { UnlockError, unlockWithPin } from "../offline/space.ts";
import { spaceSession } from "../offline/space-session.ts";
import { TextField } from "../ui/TextField.tsx";
import { HoldButton } from "./HoldButton.tsx";
import { languageAttributes } from "./participant-language.ts";

/**
 * The end of a hand-over: the participant is asked to give the tablet back, and only the interviewer
 * gets past this screen. What the participant asked for (a break, to stop) is passed on to the
 * interviewer's screen.
 *
 * A researcher with a space on this tablet takes it back with their PIN, the same PIN that opens their
 * space (issue 17, decision 0042): wrong PINs count towards the same five, and the fifth locks the space
 * (the answers given so far are already saved, sealed). Without a space (a browser that is not an
 * enrolled tablet, where the PIN is only offered), pressing and holding is what it takes.
 *
 * The heading and the lead are for the participant, in their language (`words`, decision 0050); the
 * way past is the interviewer's, in theirs.
 */
export function HandBack({
  reason,
  words,
  onTakeBack,
}: {
  reason: HandBackReason;
  words: LoadedWords;
  onTakeBack: () => void;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  const [ownerId] = useState(() => spaceSession.current()?.ownerId ?? null);
  useEffect(() => heading.current?.focus(), []);
  const { lang, dir } = languageAttributes(words.locale);
  return (
    <section className="hand-back" aria-labelledby="hand-back-heading">
      <h2 id="hand-back-heading" ref={heading} tabIndex={-1} lang={lang} dir={dir}>
        {reason === "break" || reason === "stop"
          ? words.words.giveBackToInterviewer
          : words.words.thanksGiveBack}
      </h2>
      <p className="lead" lang={lang} dir={dir}>
        {words.words.handBackLead[reason]}
      </p>
      {ownerId ? (
        <TakeBackWithPin ownerId={ownerId} onTakeBack={onTakeBack} />
      ) : (
        <HoldButton onHeld={onTakeBack}>I am the interviewer: hold to carry on</HoldButton>
      )}
    </section>
  );
}

function TakeBackWithPin({ ownerId, onTakeBack }: { ownerId: string; onTakeBack: () => void }) {
  const [pin, setPin] = useState("");
  const [error, setError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      // Checks the PIN against the space's own wrap; the space already open on the page stays open.
      await unlockWithPin(ownerId, pin);
      onTakeBack();
    } catch (failure) {
      setPin("");
      if (failure instanceof UnlockError && failure.failure.kind === "wrong_pin") {
        const left = failure.failure.attemptsLeft;
        setError(`That PIN is not right. It can be tried ${left} more ${left === 1 ? "time" : "times"}.`);
      } else if (failure instanceof UnlockError && failure.failure.kind === "locked_out") {
        // Five wrong PINs: the space locks, and the fieldwork screens say what to do next.
        spaceSession.lock("manual");
      } else {
        setError("The PIN could not be checked. Try again.");
      }
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="pin-form" onSubmit={submit} noValidate>
      <TextField
        label="Interviewer's PIN"
        type="password"
        inputMode="numeric"
        autoComplete="off"
        value={pin}
        error={error}
        onChange={(event) => setPin(event.target.value.trim())}
      />
      <button type="submit" className="button button--large" disabled={busy}>
        {busy ? "Checking…" : "I am the interviewer: carry on"}
      </button>
    </form>
  );
}
