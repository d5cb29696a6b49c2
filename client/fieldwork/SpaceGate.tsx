import { type FormEvent, type ReactNode, useEffect, useState, useSyncExternalStore } from "react";
import type { Me } from "../../shared/contract/index.ts";
import {
  createSpace,
  hasSpace,
  isAcceptablePin,
  isLockedOut,
  PIN_ATTEMPTS,
  UnlockError,
  unlockWithPin,
} from "../offline/space.ts";
import { sealPlaintextFor } from "../offline/space-migration.ts";
import { spaceSession, watchActivity } from "../offline/space-session.ts";
import { unlockOutbox } from "../offline/upload-key.ts";
import { Loading } from "../ui/Loading.tsx";
import { PageHeading } from "../ui/PageHeading.tsx";
import { TextField } from "../ui/TextField.tsx";

/**
 * The researcher's PIN in front of fieldwork (issue 17, decision 0035). A researcher who has chosen a
 * PIN on this tablet sees nothing of fieldwork until they type it; after five wrong PINs they are told
 * to sign in online. A researcher without one works as before and is offered to choose one on the
 * fieldwork home (not yet required: see decision 0035, "Wired so far").
 */
export function SpaceGate({ me, offerPin, children }: { me: Me; offerPin: boolean; children: ReactNode }) {
  const unlocked = useSyncExternalStore(
    (listener) => spaceSession.subscribe(listener),
    () => spaceSession.current()?.ownerId === me.id,
  );
  const [state, setState] = useState<"checking" | "none" | "locked" | "locked_out">("checking");

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
      const next = !(await hasSpace(me.id)) ? "none" : (await isLockedOut(me.id)) ? "locked_out" : "locked";
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
      return (
        <>
          <PageHeading>Your interviews are locked</PageHeading>
          <p>
            The PIN was wrong {PIN_ATTEMPTS} times, so your interviews on this tablet are locked. Sign in
            online to open them again. Finished interviews still upload when the tablet is online.
          </p>
        </>
      );
  }
}

async function opened(space: Awaited<ReturnType<typeof unlockWithPin>>): Promise<void> {
  spaceSession.unlocked(space);
  // Anything stored in plain before the PIN was chosen is sealed now.
  await sealPlaintextFor(space);
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

function ChoosePin({ me }: { me: Me }) {
  const [pin, setPin] = useState("");
  const [again, setAgain] = useState("");
  const [error, setError] = useState<{ pin?: string; again?: string }>({});
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!isAcceptablePin(pin)) return setError({ pin: "Use 6 to 12 numbers, and nothing else." });
    if (again !== pin) return setError({ again: "The two PINs are not the same." });
    setError({});
    setBusy(true);
    try {
      // Online on an enrolled tablet: the server's recovery key lets an online sign-in open the
      // space after a forgotten PIN. Offline or not enrolled: the PIN alone (decision 0035).
      const outbox = navigator.onLine ? await unlockOutbox().catch(() => null) : null;
      const recovery = outbox?.kind === "ok" ? outbox.recoveryKey : null;
      await opened(await createSpace({ ownerId: me.id, ownerName: me.displayName }, pin, recovery));
    } catch {
      setError({ pin: "The PIN could not be saved. Try again." });
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="choose-pin" className="pin-form">
      <h2 id="choose-pin">Lock your interviews with a PIN</h2>
      <p>
        Anyone who picks up this tablet could read interviews kept on it. Choose a PIN of at least 6 numbers:
        only you can then open your interviews, and other researchers on this tablet cannot see them.
      </p>
      <form onSubmit={submit} noValidate>
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
          {busy ? "Saving…" : "Lock my interviews"}
        </button>
      </form>
    </section>
  );
}
