import { describe, expect, it } from "vitest";
import { decoyHash, derivationsRunning, hashPassword, verifyPassword } from "../../server/auth/password.ts";

// Each scrypt derivation holds 32 MiB: a burst of sign-ins must not run them all at once.
describe("password hashing", () => {
  it("runs at most two derivations at once in a burst, and every one still gives a hash that verifies", async () => {
    const passwords = Array.from({ length: 6 }, (_, i) => `burst password ${i}`);
    let most = 0;
    let settled = false;
    const all = Promise.all(passwords.map((p) => hashPassword(p))).finally(() => {
      settled = true;
    });
    while (!settled) {
      most = Math.max(most, derivationsRunning());
      await new Promise((resolve) => setImmediate(resolve));
    }
    const hashes = await all;
    expect(most).toBe(2);
    expect(derivationsRunning()).toBe(0);
    expect(new Set(hashes).size).toBe(6);
    const checks = await Promise.all(hashes.map((hash, i) => verifyPassword(passwords[i] ?? "", hash)));
    expect(checks).toEqual([true, true, true, true, true, true]);
    expect(await verifyPassword("burst password 0", hashes[1] ?? "")).toBe(false);
  });

  it("makes the decoy once, on first use, and it verifies no real password", async () => {
    const first = decoyHash();
    expect(decoyHash()).toBe(first);
    expect(await first).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(await verifyPassword("", await first)).toBe(false);
  });
});
