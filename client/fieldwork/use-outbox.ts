import { useEffect, useState } from "react";
import { type OutboxEntry, outbox } from "./outbox.ts";

/** The outbox's entries, oldest first, kept up to date. */
export function useOutbox(): OutboxEntry[] {
  const [entries, setEntries] = useState<OutboxEntry[]>([]);
  useEffect(() => {
    let live = true;
    const refresh = () => {
      outbox.list().then((next) => live && setEntries(next));
    };
    refresh();
    const unsubscribe = outbox.subscribe(refresh);
    return () => {
      live = false;
      unsubscribe();
    };
  }, []);
  return entries;
}
