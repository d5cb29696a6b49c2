import {
  CODE_ALPHABET,
  isValidParticipantCode,
  normaliseParticipantCode,
} from "../../shared/contract/participant-code.ts";

/** A code is shown as ABCD-EFGH: seven characters and a check character. */
const CODE_LENGTH = 8;

/**
 * What is wrong with a typed participant code, in words a researcher can act on, or undefined.
 * While the code is still being typed (`finished` false) a short code is not yet an error.
 */
export function participantCodeProblem(input: string, finished: boolean): string | undefined {
  const raw = normaliseParticipantCode(input);
  if (raw === "") {
    return finished ? "Enter the participant's code, or press New code for a first interview." : undefined;
  }
  if ([...raw].some((character) => !CODE_ALPHABET.includes(character))) {
    return "Codes never contain 0, O, 1, I or L, or any other symbol. Check the code again.";
  }
  if (raw.length > CODE_LENGTH) return "A code has 8 characters, like ABCD-EFGH. This one is too long.";
  if (raw.length < CODE_LENGTH) {
    return finished ? "A code has 8 characters, like ABCD-EFGH. This one is too short." : undefined;
  }
  if (!isValidParticipantCode(raw)) {
    return "This code is not right: its last character does not match the others. Check each character against the participant's card.";
  }
  return undefined;
}
