/**
 * Participant codes: the only identity a participant has in Alongside. Seven random characters and
 * one check character, shown as `ABCD-EFGH`. The alphabet leaves out 0/O, 1/I/L so a code read aloud
 * or copied from paper is not misread; it has 31 symbols, a prime, so the weighted mod-31 check
 * character catches every single wrong character and every swap of two neighbours.
 */
export const CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
const BODY_LENGTH = 7;

function checkCharacter(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    const value = CODE_ALPHABET.indexOf(body.charAt(i));
    if (value < 0) throw new Error(`not a code character: ${body.charAt(i)}`);
    sum += value * (i + 1);
  }
  return CODE_ALPHABET.charAt(sum % CODE_ALPHABET.length);
}

function format(raw: string): string {
  return `${raw.slice(0, 4)}-${raw.slice(4)}`;
}

/** Upper-cases, drops spaces and hyphens: what a researcher typed, ready to check. */
export function normaliseParticipantCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, "");
}

/**
 * A new random code. `randomValues` fills an array with random bytes: pass
 * `crypto.getRandomValues.bind(crypto)` (browser and Node both have it) or a seeded source in tests.
 */
export function generateParticipantCode(randomValues: (array: Uint8Array) => Uint8Array): string {
  let body = "";
  while (body.length < BODY_LENGTH) {
    const bytes = randomValues(new Uint8Array(16));
    for (const byte of bytes) {
      // 248 = 8 × 31: rejecting larger bytes keeps every symbol equally likely.
      if (byte < 248 && body.length < BODY_LENGTH) body += CODE_ALPHABET.charAt(byte % CODE_ALPHABET.length);
    }
  }
  return format(body + checkCharacter(body));
}

/** True when the code (in any case, with or without the hyphen) has the right shape and check character. */
export function isValidParticipantCode(input: string): boolean {
  const raw = normaliseParticipantCode(input);
  if (raw.length !== BODY_LENGTH + 1) return false;
  for (const ch of raw) if (!CODE_ALPHABET.includes(ch)) return false;
  return checkCharacter(raw.slice(0, BODY_LENGTH)) === raw.charAt(BODY_LENGTH);
}

/** The canonical form `ABCD-EFGH`, or null when the code is not valid. */
export function canonicalParticipantCode(input: string): string | null {
  return isValidParticipantCode(input) ? format(normaliseParticipantCode(input)) : null;
}
