import { useEffect, useState } from "react";
import {
  englishWords,
  type LoadedWords,
  loadParticipantWords,
  wordsLocaleFor,
} from "../../shared/fieldwork/participant-words.ts";

const english: LoadedWords = { locale: "en", words: englishWords };
const loaded = new Map<string, LoadedWords>([["en", english]]);

/**
 * The app's own words in the participant's language (decision 0050), from the language's lazy chunk.
 * English until the chunk is here, and English for good when the language has no catalogue or the
 * chunk cannot be loaded (not cached and offline): the interview never waits for words.
 */
export function useParticipantWords(locale: string | undefined): LoadedWords {
  const key = locale ? (wordsLocaleFor(locale) ?? "en") : "en";
  const [words, setWords] = useState<LoadedWords>(() => loaded.get(key) ?? english);
  useEffect(() => {
    let live = true;
    const ready = loaded.get(key);
    if (ready) {
      setWords(ready);
      return;
    }
    loadParticipantWords(key).then(
      (found) => {
        loaded.set(key, found);
        if (live) setWords(found);
      },
      () => {},
    );
    return () => {
      live = false;
    };
  }, [key]);
  return words;
}
