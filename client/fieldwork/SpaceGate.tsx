import { type FormEvent, type ReactNode, useEffect, useState, useSyncExternalStore } from "react";
import type { Me } from "../../shared/contract/index.ts";
import {
  createSpace,
  hasSpace,
  isAcceptablePin,
  isLockedOut,
  PIN_ATTEMPTS,
  recoverSpace,
  UnlockError,
  unlockWithPin,
} from "../offline/space.ts";
import { sealPlaintextFor } from "../offline/space-migration.ts";
import { spaceSession, watchActivity } from "../offline/space-session.ts";
import { syncEngine } from "../offline/sync-engine.ts";
import { deviceToken } from "../offline/transport.ts";
import { unlockOutbox } from "../offline/upload-key.ts";
import { Loading } from "../ui/Loading.tsx";
import { PageHeading } from "../ui/PageHeading.tsx";
import { TextField } from "../ui/TextField.tsx";

/**
 * The researcher's PIN in front of fieldwork (issue 17, decisions 0035 and 0042). A researcher who has
 * chosen a PIN on this tablet sees nothing of fieldwork until they type it; after five wrong PINs they
 * are told to sign in online. On an enrolled tablet a researcher without a PIN must choose one before
 * anything else (so nothing they collect is ever stored in plain there). In a browser that is not an
 * enrolled tablet the PIN is offered on the fieldwork home, not required (decision 0042).
 */
export function SpaceGate({ me, offerPin, children }: { me: Me; offerPin: boolean; children: ReactNode }) {
  const unlocked = useSyncExternalStore(
    (listener) => spaceSession.subscribe(listener),
    () => spaceSession.current()?.ownerId === me.id,
  );
  const [state, setState] = useState<"checking" | "none" | "required" | "locked" | "locked_out">("checking");

  useEffect(() => watchActivity(spaceSession), []);
  // Someone else signed in on this page: the space left open is not theirs to use.
  useEffect(() => {
    const open = spaceSession.current();
    if (open && open.ownerId !== me.id) spaceSession.lock("switch");
  }, [me.id]);
  useEffect(() => {
    let live = true;
    if (unlocked) return;
    void (async () => {
      // On an enrolled tablet (it holds a device token) a PIN is required before any interview starts.
      const next = !(await hasSpace(me.id))
        ? deviceToken()
          ? "required"
          : "none"
        : (await isLockedOut(me.id))
          ? "locked_out"
          : "locked";
      if (live) setState(next);
    })();
    return () => {
      live = false;
    };
  }, [me.id, unlocked]);

  if (unlocked) return <>{children}</>;
  switch (state) {
    case "checking":
      return <Loading what="your interviews" />;
    case "required":
      return <ChoosePin me={me} required />;
    case "none":
      return (
        <>
          {offerPin && <ChoosePin me={me} />}
          {children}
        </>
      );
    case "locked":
      return <UnlockForm me={me} onLockedOut={() => setState("locked_out")} />;
    case "locked_out":
      return <LockedOut me={me} />;
  }
}

async function opened(space: Awaited<ReturnType<typeof unlockWithPin>>): Promise<void> {
  spaceSession.unlocked(space);
  // Drafts and outbox items stored in plain before the PIN was chosen (or by the version before
  // spaces) are sealed now, in place; the uploader opens sealed items with the tablet's upload key
  // (decision 0042). Then it is woken: it wraps this researcher's items for the tablet's outbox key.
  await sealPlaintextFor(space);
  syncEngine.kick();
}

function UnlockForm({ me, onLockedOut }: { me: Me; onLockedOut: () => void }) {
  const [pin, setPin] = useState("");
  const [error, setError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      await opened(await unlockWithPin(me.id, pin));
    } catch (failure) {
      setPin("");
      if (failure instanceof UnlockError && failure.failure.kind === "wrong_pin") {
        const left = failure.failure.attemptsLeft;
        setError(`That PIN is not right. You can try ${left} more ${left === 1 ? "time" : "times"}.`);
      } else if (failure instanceof UnlockError && failure.failure.kind === "locked_out") {
        onLockedOut();
      } else {
        setError("Your interviews could not be opened. Try again.");
      }
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="pin-form" onSubmit={submit} noValidate>
      <PageHeading>Type your PIN</PageHeading>
      <p>{me.displayName}, your interviews on this tablet are locked. Type your PIN to open them.</p>
      <TextField
        label="PIN"
        type="password"
        inputMode="numeric"
        autoComplete="off"
        value={pin}
        error={error}
        onChange={(event) => setPin(event.target.value.trim())}
      />
      <button type="submit" className="button button--large" disabled={busy}>
        {busy ? "Opening…" : "Open my interviews"}
      </button>
    </form>
  );
}

/**
 * Five wrong PINs: the space opens again only with the recovery key the server gives this researcher
 * on this tablet (online, enrolled tablet), with a new PIN (decision 0035).
 */
function LockedOut({ me }: { me: Me }) {
  const [problem, setProblem] = useState<string | null>(null);
  const choose = async (pin: string) => {
    setProblem(null);
    const outbox = navigator.onLine ? await unlockOutbox().catch(() => null) : null;
    if (outbox?.kind !== "ok") {
      setProblem(
        navigator.onLine
          ? "Alongside could not give this tablet your key. Ask your coordinator for help. Finished interviews still upload."
          : "The tablet is offline. Try again when it is online.",
      );
      return;
    }
    try {
      await opened(await recoverSpace(me.id, outbox.recoveryKey, pin));
    } catch {
      setProblem(
        "Your interviews on this tablet cannot be opened without your old PIN. Ask your coordinator for help. Finished interviews still upload.",
      );
    }
  };
  return (
    <>
      <PageHeading>Your interviews are locked</PageHeading>
      <p>
        The PIN was wrong {PIN_ATTEMPTS} times, so your interviews on this tablet are locked. While the tablet
        is online, choose a new PIN to open them again. Finished interviews still upload when the tablet is
        online.
      </p>
      {problem && (
        <div className="alert alert--error" role="alert">
          <p>{problem}</p>
        </div>
      )}
      <PinChoice heading="Choose a new PIN" submit="Open with the new PIN" onChosen={choose} />
    </>
  );
}

function ChoosePin({ me, required = false }: { me: Me; required?: boolean }) {
  const choose = async (pin: string) => {
    // Online on an enrolled tablet: the server's recovery key lets an online sign-in open the
    // space after a forgotten PIN. Offline or not enrolled: the PIN alone (decision 0035).
    const outbox = navigator.onLine ? await unlockOutbox().catch(() => null) : null;
    const recovery = outbox?.kind === "ok" ? outbox.recoveryKey : null;
    await opened(await createSpace({ ownerId: me.id, ownerName: me.displayName }, pin, recovery));
  };
  return (
    <section aria-label="Lock your interviews with a PIN" className="pin-form">
      {required ? (
        <PageHeading>Lock your interviews with a PIN</PageHeading>
      ) : (
        <h2>Lock your interviews with a PIN</h2>
      )}
      <p>
        {required
          ? `${me.displayName}, before your first interview on this tablet, choose a PIN of at least 6 numbers. `
          : "Anyone who picks up this tablet could read interviews kept on it. Choose a PIN of at least 6 numbers: "}
        {required
          ? "Only you can then open your interviews, and other researchers on this tablet cannot see them. Finished interviews still upload without it."
          : "only you can then open your interviews, and other researchers on this tablet cannot see them."}
      </p>
      <PinChoice submit="Lock my interviews" onChosen={choose} />
    </section>
  );
}

/** A new PIN typed twice; `onChosen` runs once both agree and the PIN is acceptable. */
function PinChoice({
  heading,
  submit,
  onChosen,
}: {
  heading?: string;
  submit: string;
  onChosen: (pin: string) => Promise<void>;
}) {
  const [pin, setPin] = useState("");
  const [again, setAgain] = useState("");
  const [error, setError] = useState<{ pin?: string; again?: string }>({});
  const [busy, setBusy] = useState(false);
  const send = async (event: FormEvent) => {
    event.preventDefault();
    if (!isAcceptablePin(pin)) return setError({ pin: "Use 6 to 12 numbers, and nothing else." });
    if (again !== pin) return setError({ again: "The two PINs are not the same." });
    setError({});
    setBusy(true);
    try {
      await onChosen(pin);
    } catch {
      setError({ pin: "The PIN could not be saved. Try again." });
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="pin-form" onSubmit={send} noValidate>
      {heading && <h2>{heading}</h2>}
      <TextField
        label="New PIN"
        type="password"
        inputMode="numeric"
        autoComplete="off"
        value={pin}
        error={error.pin}
        onChange={(event) => setPin(event.target.value.trim())}
      />
      <TextField
        label="Type the PIN again"
        type="password"
        inputMode="numeric"
        autoComplete="off"
        value={again}
        error={error.again}
        onChange={(event) => setAgain(event.target.value.trim())}
      />
      <button type="submit" className="button button--large" disabled={busy}>
        {busy ? "Saving…" : submit}
      </button>
    </form>
  );
}
