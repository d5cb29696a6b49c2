import { describe, expect, it } from "vitest";
import {
  CODE_ALPHABET,
  canonicalParticipantCode,
  generateParticipantCode,
  isValidParticipantCode,
} from "../../../shared/contract/participant-code.ts";

const random = (a: Uint8Array) => crypto.getRandomValues(a);

describe("participant codes", () => {
  it("generates codes shaped ABCD-EFGH from an alphabet without 0, O, 1, I or L", () => {
    for (let i = 0; i < 200; i++) {
      const code = generateParticipantCode(random);
      expect(code).toMatch(/^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);
      expect(isValidParticipantCode(code)).toBe(true);
    }
    expect(CODE_ALPHABET).not.toMatch(/[01ILO]/);
  });

  it("accepts a code typed in lower case, with spaces or without the hyphen", () => {
    const code = generateParticipantCode(random);
    const typed = ` ${code.toLowerCase().replace("-", " ")} `;
    expect(canonicalParticipantCode(typed)).toBe(code);
    expect(canonicalParticipantCode(code.replace("-", ""))).toBe(code);
  });

  it("catches every single mistyped character", () => {
    const code = generateParticipantCode(random).replace("-", "");
    for (let position = 0; position < code.length; position++) {
      for (const ch of CODE_ALPHABET) {
        if (ch === code[position]) continue;
        const typo = code.slice(0, position) + ch + code.slice(position + 1);
        expect(isValidParticipantCode(typo), typo).toBe(false);
      }
    }
  });

  it("catches every swap of two neighbouring characters", () => {
    for (let n = 0; n < 50; n++) {
      const code = generateParticipantCode(random).replace("-", "");
      for (let i = 0; i < code.length - 1; i++) {
        if (code[i] === code[i + 1]) continue;
        const swapped = code.slice(0, i) + code[i + 1] + code[i] + code.slice(i + 2);
        expect(isValidParticipantCode(swapped), swapped).toBe(false);
      }
    }
  });

  it("refuses wrong lengths and characters outside the alphabet", () => {
    for (const bad of ["", "ABC", "ABCD-EFGHJ", "ABCD-EFG0", "OOOO-OOOO", "ÄBCD-EFGH"]) {
      expect(isValidParticipantCode(bad), bad).toBe(false);
      expect(canonicalParticipantCode(bad)).toBeNull();
    }
  });

  it("draws every symbol about equally often", () => {
    const counts = new Map<string, number>();
    for (let i = 0; i < 3000; i++) {
      for (const ch of generateParticipantCode(random).slice(0, 4)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
    }
    expect(counts.size).toBe(CODE_ALPHABET.length);
    const expected = 12000 / CODE_ALPHABET.length;
    for (const n of counts.values()) expect(Math.abs(n - expected) / expected).toBeLessThan(0.25);
  });
});
