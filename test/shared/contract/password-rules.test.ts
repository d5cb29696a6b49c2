import { describe, expect, it } from "vitest";
import { passwordWeakness } from "../../../shared/contract/password-rules.ts";

describe("passwordWeakness", () => {
  it.each([
    "short",
    "password1234",
    "Password2026!",
    "P@ssw0rd2026!",
    "2026password2026",
    "qwerty123456",
    "QWERTYUIOPASDF",
    "123456789012",
    "987654321098",
    "1q2w3e4r5t6y",
    "abcdefghijklm",
    "aaaaaaaaaaaaaaa",
    "abcabcabcabc",
    "passwordpassword",
    "iloveyou1234",
    "letmein!letmein",
    "alongside2026",
    "Welcome123456",
    "zaq12wsxcde3",
    "   password   1234  ",
  ])("refuses %j", (password) => {
    expect(passwordWeakness(password)).not.toBeNull();
  });

  it.each([
    "correct horse battery staple",
    "peer research together",
    "demo-password-2026",
    "tea at the day centre on tuesdays",
    "Ffion's 3 green kettles",
    "ünïcödé-wörds-ärë-fïnë",
  ])("accepts %j", (password) => {
    expect(passwordWeakness(password)).toBeNull();
  });

  it("refuses the account's own email, or its name part, in any case", () => {
    expect(passwordWeakness("Sam.Jones@Example.org", "sam.jones@example.org")).toMatch(/email/);
    expect(passwordWeakness("sam.jones.northtown", "sam.jones.northtown@example.org")).toMatch(/email/);
    expect(passwordWeakness("sam.jones@example.org2026", "sam.jones@example.org")).toMatch(/email/);
    expect(passwordWeakness("a different phrase entirely", "sam@example.org")).toBeNull();
  });

  it("explains length first, in the words a person can act on", () => {
    expect(passwordWeakness("abc")).toBe("Use at least 12 characters.");
  });
});
