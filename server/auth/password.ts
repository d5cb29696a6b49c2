import { randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from "node:crypto";

// scrypt from node:crypto: no native dependency, memory-hard, and tunable. N=2^15 costs ~50 ms here
// and 32 MiB, which is slow enough for an offline attacker and fine for a login.
const PARAMS = { N: 1 << 15, r: 8, p: 1 };
const KEY_LENGTH = 32;

// Each derivation holds 32 MiB outside the JS heap for ~50 ms; a burst of sign-ins would otherwise run
// four at once on libuv's pool (+120 MB) beside ingest. Two at a time keep the server's memory in
// bounds (docs/decisions/0021); the rest wait their turn, a few tens of milliseconds.
const MAX_AT_ONCE = 2;
let running = 0;
const queue: Array<() => void> = [];

/** Derivations running now (for the test of the limit). */
export function derivationsRunning(): number {
  return running;
}

async function derive(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  if (running >= MAX_AT_ONCE) await new Promise<void>((resolve) => queue.push(resolve));
  running += 1;
  try {
    return await deriveNow(password, salt, options);
  } finally {
    running -= 1;
    queue.shift()?.();
  }
}

function deriveNow(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(
      password.normalize("NFKC"),
      salt,
      KEY_LENGTH,
      { ...options, maxmem: 64 * 1024 * 1024 },
      (err, key) => (err ? reject(err) : resolve(key)),
    );
  });
}

/** scrypt's cost parameters; a hash records its own, and `verifyPassword` reads them from it. */
export type ScryptCost = { N: number; r: number; p: number };

export async function hashPassword(password: string, cost: ScryptCost = PARAMS): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, cost);
  return ["scrypt", cost.N, cost.r, cost.p, salt.toString("base64url"), key.toString("base64url")].join("$");
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split("$");
  if (scheme !== "scrypt" || !n || !r || !p || !salt || !key) return false;
  const expected = Buffer.from(key, "base64url");
  const actual = await derive(password, Buffer.from(salt, "base64url"), {
    N: Number(n),
    r: Number(r),
    p: Number(p),
  });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

let decoy: Promise<string> | undefined;

/**
 * A hash of a random password, checked when the email is unknown so both paths take as long. Made on
 * the first sign-in, not at start (it costs 32 MiB); the sign-in route asks for it on every attempt,
 * known email or not, so the first attempt of either kind pays for it.
 */
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword(randomBytes(16).toString("hex"));
  return decoy;
}
