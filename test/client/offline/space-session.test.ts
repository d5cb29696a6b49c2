import { afterEach, describe, expect, it, vi } from "vitest";
import { newDataKey } from "../../../client/offline/envelope.ts";
import type { Space } from "../../../client/offline/space.ts";
import { SpaceSession, watchActivity } from "../../../client/offline/space-session.ts";

// When an unlocked space locks again (issue 17, decision 0035).

async function aSpace(ownerId: string): Promise<Space> {
  return { ownerId, ownerName: ownerId, kid: "k", keyring: new Map([["k", await newDataKey(false)]]) };
}

afterEach(() => {
  vi.useRealTimers();
});

describe("an unlocked space", () => {
  it("locks after the idle time, and each touch or key starts the clock again", async () => {
    vi.useFakeTimers();
    const session = new SpaceSession(60_000);
    const activity = new EventTarget();
    const stop = watchActivity(session, activity);
    const locks: (string | null)[] = [];
    session.subscribe((_, reason) => locks.push(reason));
    const space = await aSpace("sam");
    session.unlocked(space);
    vi.advanceTimersByTime(50_000);
    activity.dispatchEvent(new Event("pointerdown"));
    vi.advanceTimersByTime(50_000);
    activity.dispatchEvent(new Event("keydown"));
    vi.advanceTimersByTime(59_000);
    expect(session.current()).toBe(space);
    vi.advanceTimersByTime(1_000);
    expect(session.current()).toBeNull();
    expect(locks).toEqual([null, "idle"]);
    // Its keys are forgotten, not just the reference.
    expect(space.keyring.size).toBe(0);
    stop();
  });

  it("locks at hand-over and at sign-out, and unlocking another researcher locks the first", async () => {
    const session = new SpaceSession(60_000);
    const reasons: (string | null)[] = [];
    session.subscribe((_, reason) => reasons.push(reason));
    const sam = await aSpace("sam");
    session.unlocked(sam);
    session.lock("hand_over");
    expect(session.current()).toBeNull();
    const again = await aSpace("sam");
    session.unlocked(again);
    const alex = await aSpace("alex");
    session.unlocked(alex);
    expect(again.keyring.size).toBe(0);
    expect(session.current()?.ownerId).toBe("alex");
    session.lock("sign_out");
    session.lock("sign_out");
    expect(reasons).toEqual([null, "hand_over", null, "switch", null, "sign_out"]);
  });
});
