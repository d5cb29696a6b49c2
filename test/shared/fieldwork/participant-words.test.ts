import { describe, expect, it } from "vitest";
import {
  englishWords,
  fillWords,
  loadParticipantWords,
  type ParticipantWords,
  wordsLocaleFor,
} from "../../../shared/fieldwork/participant-words.ts";

const flat = (words: ParticipantWords): [string, string][] =>
  Object.entries(words).flatMap(([key, value]) =>
    typeof value === "string"
      ? [[key, value] as [string, string]]
      : Object.entries(value).map(([inner, text]) => [`${key}.${inner}`, text] as [string, string]),
  );
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("the participant's words", () => {
  it("come in Polish, Arabic, Welsh and Easy Read, each with every word and the same {parts}", async () => {
    const english = flat(englishWords);
    for (const locale of ["pl", "ar", "cy", "en-easy"]) {
      const loaded = await loadParticipantWords(locale);
      expect(loaded.locale).toBe(locale);
      const words = new Map(flat(loaded.words));
      for (const [key, text] of english) {
        expect(words.get(key), `${locale} ${key}`).toBeTruthy();
        expect(placeholders(words.get(key) ?? ""), `${locale} ${key}`).toEqual(placeholders(text));
      }
    }
    expect((await loadParticipantWords("pl")).words.wantBreak).toBe("Chcę zrobić przerwę");
    expect((await loadParticipantWords("ar")).words.giveBack).toBe("إعادة الجهاز اللوحي");
  });

  it("serve a regional tag from its language, and English where there is no catalogue", async () => {
    expect(wordsLocaleFor("pl-PL")).toBe("pl");
    expect(wordsLocaleFor("en-GB")).toBe("en");
    expect(wordsLocaleFor("EN-EASY")).toBe("en-easy");
    expect(wordsLocaleFor("fr")).toBeNull();
    expect(await loadParticipantWords("fr")).toEqual({ locale: "en", words: englishWords });
    expect(await loadParticipantWords("en")).toEqual({ locale: "en", words: englishWords });
  });

  it("fill in the area's name and leave an unknown part as it is", () => {
    expect(fillWords("Na terenie: {area}", { area: "Northtown" })).toBe("Na terenie: Northtown");
    expect(fillWords("In {place}", { area: "Northtown" })).toBe("In {place}");
  });
});
