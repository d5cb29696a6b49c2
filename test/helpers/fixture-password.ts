import { hashPassword, type ScryptCost } from "../../server/auth/password.ts";

/**
 * A password hash for users a test makes itself: the app's own `hashPassword`, at a cost of N=2^10
 * instead of 2^15. Sign-in still goes through the real route and the real scrypt check, which takes its
 * parameters from the stored hash, in about 3 ms of CPU instead of 100–180 ms. Hundreds of sign-ins a
 * run paid that cost to prove nothing about it; the production cost is checked where hashes are made
 * by the app itself (password-hashing.test.ts, and every journey where someone chooses a password:
 * first run, invitations, resets, changes).
 */
const FIXTURE_COST: ScryptCost = { N: 1 << 10, r: 8, p: 1 };

export function fixturePasswordHash(password: string): Promise<string> {
  return hashPassword(password, FIXTURE_COST);
}
