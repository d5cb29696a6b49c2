import { type FormEvent, type ReactNode, useEffect, useState, useSyncExternalStore } from "react";
import type { Me } from "../../shared/contract/index.ts";
import {
  createSpace,
  hasOutboxKeys,
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
import { deviceToken } from "../offline/transport.ts";
import { unlockOutbox } from "../offline/upload-key.ts";
import { uploader } from "../offline/uploader.ts";
import { Loading } from "../ui/Loading.tsx";
import { PageHeading } from "../ui/PageHeading.tsx";
import { TextField } from "../ui/TextField.tsx";

/** The fieldwork pages that store something about a participant: none opens without a space. */
const STORING_PAGES: ReadonlySet<string> = new Set(["start", "interview", "finished", "concern", "debrief"]);

/**
 * The researcher's PIN in front of fieldwork (issue 17, decisions 0035, 0042 and 0049). A researcher who
 * has chosen a PIN here sees nothing of fieldwork until they type it; after five wrong PINs they are
 * told to sign in online. A researcher without a PIN must choose one before anything about a
 * participant can be stored, on every browser (decision 0049): on an enrolled tablet before anything
 * else, elsewhere before any page that stores (starting an interview, a concern, a debrief); the
 * fieldwork home, outbox and due list of such a browser store nothing and stay open, with the PIN
 * offered on the home. On an enrolled tablet, interviews wait until the tablet holds its outbox key
 * pair, so everything queued on it can upload without its author's PIN (decision 0049).
 */
export function SpaceGate({ me, page, children }: { me: Me; page: string; children: ReactNode }) {
  const unlocked = useSyncExternalStore(
    (listener) => spaceSession.subscribe(listener),
    () => spaceSession.current()?.ownerId === me.id,
  );
  const [state, setState] = useState<GateState>("checking");
  const stores = STORING_PAGES.has(page);
  const tabletKey = useTabletKey(unlocked);
  // What the state was worked out for. When the researcher, the page's kind or the lock changes, the
  // state found before is not an answer for now: it is "checking" from this very render, so a page that
  // stores never shows, even for a moment, on the strength of an answer given for a page that does not.
  const checkedFor = `${me.id}|${stores}|${unlocked}`;
  const [lastChecked, setLastChecked] = useState(checkedFor);
  if (lastChecked !== checkedFor) {
    setLastChecked(checkedFor);
    setState("checking");
  }

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
      // On an enrolled tablet (it holds a device token) a PIN is required before anything; elsewhere
      // before any page that stores something.
      const next = !(await hasSpace(me.id))
        ? deviceToken() || stores
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
  }, [me.id, unlocked, stores]);

  if (unlocked) {
    if (tabletKey.state === "missing")
      return <NeedsTabletKey refused={tabletKey.refused} retry={tabletKey.retry} />;
    if (tabletKey.state === "checking") return <Loading what="your interviews" />;
    return <>{children}</>;
  }
  switch (state) {
    case "checking":
      return <Loading what="your interviews" />;
    case "required":
      return <ChoosePin me={me} required />;
    case "none":
      return (
        <>
          {page === "home" && <ChoosePin me={me} />}
          {children}
        </>
      );
    case "locked":
      return <UnlockForm me={me} onLockedOut={() => setState("locked_out")} />;
    case "locked_out":
      return <LockedOut me={me} />;
  }
}

type GateState = "checking" | "none" | "required" | "locked" | "locked_out";

type TabletKey =
  | { state: "checking" | "ok" }
  /** `refused`: the server's reason, when it answered and would not give the key. */
  | { state: "missing"; refused: string | null; retry: () => void };

/**
 * On an enrolled tablet: whether it holds its outbox key pair (made with the server's upload key, the
 * first time it is online). Until it does, an item sealed here could be opened only by its author, and
 * would wait for ever if they never unlocked online again (decision 0049): so nothing starts. Online,
 * the pair is made here at once. Not an enrolled tablet: nothing to wait for (its author uploads).
 */
function useTabletKey(unlocked: boolean): TabletKey {
  const [state, setState] = useState<"checking" | "ok" | "missing">("checking");
  const [refused, setRefused] = useState<string | null>(null);
  const [tries, setTries] = useState(0);
  // Locked and opened again: the answer found for the last opening is checked again before it is used.
  const [lastUnlocked, setLastUnlocked] = useState(unlocked);
  if (lastUnlocked !== unlocked) {
    setLastUnlocked(unlocked);
    setState("checking");
  }
  useEffect(() => {
    let live = true;
    if (!unlocked || tries < 0) return;
    void (async () => {
      let held = deviceToken() === null || (await hasOutboxKeys());
      let why: string | null = null;
      if (!held && navigator.onLine) {
        const answer = await unlockOutbox().catch(() => null);
        if (answer?.kind === "refused") why = answer.problem.title;
        held = await hasOutboxKeys();
      }
      if (!live) return;
      setRefused(why);
      setState(held ? "ok" : "missing");
    })();
    return () => {
      live = false;
    };
  }, [unlocked, tries]);
  return state === "missing" ? { state, refused, retry: () => setTries((n) => n + 1) } : { state };
}

function NeedsTabletKey({ refused, retry }: { refused: string | null; retry: () => void }) {
  return (
    <section className="pin-form">
      <PageHeading>
        {refused ? "This tablet cannot start interviews yet" : "Connect this tablet to the internet"}
      </PageHeading>
      <p>
        Before the first interview on this tablet, Alongside must give it a key. Then every finished interview
        on it can be sent, even when the researcher who did it is not here.
      </p>
      {refused ? (
        <div className="alert alert--error" role="alert">
          <p>Alongside did not give this tablet its key: {refused} Ask your coordinator for help.</p>
        </div>
      ) : (
        <p>Connect to Wi-Fi or mobile data, then try again.</p>
      )}
      <button type="button" className="button button--large" onClick={retry}>
        Try again
      </button>
    </section>
  );
}

async function opened(space: Awaited<ReturnType<typeof unlockWithPin>>): Promise<void> {
  spaceSession.unlocked(space);
  // Drafts and outbox items stored in plain before the PIN was chosen (or by the version before
  // spaces) are sealed now, in place; the uploader opens sealed items with the tablet's upload key
  // (decision 0042). Then it is woken: it wraps this researcher's items for the tablet's outbox key.
  await sealPlaintextFor(space);
  uploader.kick();
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
        The PIN was wrong {PIN_ATTEMPTS} times, so your interviews on this tablet are locked. Nothing is lost:
        every answer given so far is saved, locked, on this tablet.
      </p>
      <p>
        While the tablet is online, choose a new PIN to open them again and carry on. Finished interviews
        still upload when the tablet is online.
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
          ? `${me.displayName}, before your first interview here, choose a PIN of at least 6 numbers. `
          : "Anyone who picks up this tablet could read interviews kept on it. Choose a PIN of at least 6 numbers: "}
        {required
          ? "Only you can then open your interviews: nobody else who uses this device can read them."
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
