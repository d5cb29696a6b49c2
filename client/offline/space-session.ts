import type { Space } from "./space.ts";

/**
 * Which researcher's space is unlocked on this page, and when it locks again (issue 17, decision
 * 0035): after IDLE_MS without a touch or a key, when the tablet is handed to a participant, and at
 * sign-out. Locking forgets the keys (the keyring is emptied, so a record cannot be opened with a
 * reference kept elsewhere). Only one space is unlocked at a time: unlocking another locks the first.
 *
 * The screens do not use it yet (decision 0035, "Not yet wired"): this is the state they will share.
 */
export const IDLE_MS = 5 * 60_000;

export type LockReason = "idle" | "hand_over" | "sign_out" | "switch" | "manual";

type Listener = (space: Space | null, reason: LockReason | null) => void;

export class SpaceSession {
  private space: Space | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private readonly listeners = new Set<Listener>();

  constructor(private readonly idleMs = IDLE_MS) {}

  current(): Space | null {
    return this.space;
  }

  unlocked(space: Space): void {
    if (this.space && this.space !== space) this.lock("switch");
    this.space = space;
    this.touch();
    this.tell(null);
  }

  /** Someone used the tablet: the idle clock starts again. */
  touch(): void {
    if (!this.space) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.lock("idle"), this.idleMs);
    (this.timer as { unref?: () => void }).unref?.();
  }

  lock(reason: LockReason): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const space = this.space;
    if (!space) return;
    this.space = null;
    space.keyring.clear();
    this.tell(reason);
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private tell(reason: LockReason | null): void {
    for (const listener of [...this.listeners]) listener(this.space, reason);
  }
}

export const spaceSession = new SpaceSession();

/** Touches and keys on the page keep the space open; returns the function that stops listening. */
export function watchActivity(session: SpaceSession, target: EventTarget = window): () => void {
  const touch = () => session.touch();
  for (const type of ["pointerdown", "keydown"]) target.addEventListener(type, touch, { passive: true });
  return () => {
    for (const type of ["pointerdown", "keydown"]) target.removeEventListener(type, touch);
  };
}
