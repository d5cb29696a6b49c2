import type { EngineStatus, SyncEngine } from "./sync-engine.ts";

/**
 * The fieldwork screens' handle on the uploader (decision 0057). The sync engine itself loads as its
 * own chunk once fieldwork opens: nothing before an interview's first question needs it, and an
 * interview finished before it arrives is in the outbox already, uploaded when it does. Calls made
 * before then run, in order, once it is there; until then the status is "idle", as the engine's is.
 */

let engine: SyncEngine | undefined;
let loading: Promise<SyncEngine> | undefined;
const waiting = new Set<() => void>();

const idle: EngineStatus = {
  phase: "idle",
  progress: null,
  nextRetryAt: null,
  message: null,
  lastSuccessAt: null,
};

function load(): Promise<SyncEngine> {
  loading ??= import("./sync-engine.ts").then(({ syncEngine }) => {
    engine = syncEngine;
    for (const listener of waiting) listener();
    return syncEngine;
  });
  return loading;
}

export const uploader = {
  start(user: { id: string }): void {
    void load().then((e) => e.start(user));
  },
  kick(): void {
    if (engine) engine.kick();
    else void load().then((e) => e.kick());
  },
  uploadNow: async (): Promise<void> => (await load()).uploadNow(),
  getStatus: (): EngineStatus => engine?.getStatus() ?? idle,
  /** For `useSyncExternalStore`: a listener given before the engine is there is told when it arrives. */
  subscribe: (listener: () => void): (() => void) => {
    if (engine) return engine.subscribe(listener);
    let off: (() => void) | undefined;
    let gone = false;
    const arrived = () => {
      waiting.delete(arrived);
      if (gone || !engine) return;
      off = engine.subscribe(listener);
      listener();
    };
    waiting.add(arrived);
    return () => {
      gone = true;
      waiting.delete(arrived);
      off?.();
    };
  },
};
