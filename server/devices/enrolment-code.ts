import { randomInt } from "node:crypto";
import { CODE_ALPHABET } from "../../shared/contract/participant-code.ts";

/**
 * Enrolment codes: ten characters from the participant-code alphabet (no 0/O, 1/I/L), shown as
 * `XXXXX-XXXXX` under the QR code so a tablet whose camera cannot read it can type it. About 49 bits:
 * with ten minutes to live, one use, and the exchange open only to the signed-in researcher the code
 * names, guessing is hopeless. Only the SHA-256 of the normalised code is stored.
 */
const LENGTH = 10;

export function newEnrolmentCode(): string {
  let raw = "";
  for (let i = 0; i < LENGTH; i++) raw += CODE_ALPHABET.charAt(randomInt(CODE_ALPHABET.length));
  return `${raw.slice(0, 5)}-${raw.slice(5)}`;
}

/** What was typed or scanned, ready to hash: upper case, no spaces or hyphens. */
export function normaliseEnrolmentCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, "");
}
