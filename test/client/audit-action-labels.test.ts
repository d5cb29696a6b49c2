import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { actionFamilies, actionLabel, familyLabel } from "../../client/audit/action-labels.ts";

// The audit log's filter listed raw codes ("safeguarding.raise") for actions without plain words.
// Every action the server can record (the AuditAction union) must have words, and so must every kind.

const source = readFileSync(join(import.meta.dirname, "../../server/audit/audit.repository.ts"), "utf8");
const union = /export type AuditAction =([^;]+);/.exec(source)?.[1] ?? "";
const actions = [...union.matchAll(/"([a-z_]+\.[a-z_]+)"/g)].map((m) => m[1] ?? "");

it("finds the actions the server records", () => {
  expect(actions.length).toBeGreaterThan(30);
  expect(actions).toContain("safeguarding.raise");
});

it.each(actions)("shows %s in plain words", (action) => {
  const label = actionLabel(action);
  expect(label).not.toBe(action);
  expect(label).not.toMatch(/[._]/);
});

it("names each kind of action in plain words", () => {
  for (const family of actionFamilies(actions)) {
    const label = familyLabel(family);
    expect(label, family).toMatch(/^Any action about [a-z -]+$/);
    expect(label).not.toContain(`${family}.`);
  }
});
