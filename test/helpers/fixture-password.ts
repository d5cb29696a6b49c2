import { randomBytes, scryptSync } from "node:crypto";

/**
 * A password hash for users a test makes itself, in the stored format `server/auth/password.ts` reads
 * (`scrypt$N$r$p$salt$key`) but with a cost of N=2^10 instead of 2^15: sign-in still goes through the
 * real route and the real scrypt check, which takes its parameters from the stored hash, in about 3 ms
 * of CPU instead of 100–180 ms. Hundreds of sign-ins a run paid that cost to prove nothing about it;
 * the production cost is checked where hashes are made by the app itself (password-hashing.test.ts,
 * and every journey where someone chooses a password: first run, invitations, resets, changes).
 */
const N = 1 << 10;
const R = 8;
const P = 1;

export function fixturePasswordHash(password: string): string {
  const salt = randomBytes(16);
  const key = scryptSync(password.normalize("NFKC"), salt, 32, { N, r: R, p: P });
  return ["scrypt", N, R, P, salt.toString("base64url"), key.toString("base64url")].join("$");
}
