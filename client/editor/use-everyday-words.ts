import { useEffect, useState } from "react";

/**
 * The everyday word list for the plain-language check, loaded on first use in its own small chunk
 * (it is needed only in the editor). Until it arrives, the check runs without judging words.
 */
let loading: Promise<ReadonlySet<string>> | null = null;
let loaded: ReadonlySet<string> | undefined;

function load(): Promise<ReadonlySet<string>> {
  loading ??= import("../../shared/editor/everyday-words.ts").then((m) => {
    loaded = m.everydayWords();
    return loaded;
  });
  return loading;
}

export function useEverydayWords(): ReadonlySet<string> | undefined {
  const [words, setWords] = useState(loaded);
  useEffect(() => {
    if (words) return;
    let live = true;
    load().then(
      (set) => live && setWords(set),
      () => undefined, // offline and never loaded: the check goes on without it
    );
    return () => {
      live = false;
    };
  }, [words]);
  return words;
}
