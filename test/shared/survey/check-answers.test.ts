import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

/** `npm run check-answers -- survey.json answers.json`, spawned on files as a person would run it. */

const root = join(import.meta.dirname, "../../..");
const survey = join(root, "test/fixtures/surveys/corpus/nested-matrices-panels.json");

function run(answers: unknown) {
  const dir = mkdtempSync(join(tmpdir(), "check-answers-"));
  const file = join(dir, "answers.json");
  writeFileSync(file, JSON.stringify(answers));
  const result = spawnSync("npx", ["tsx", "scripts/check-answers.ts", survey, file], {
    cwd: root,
    encoding: "utf8",
  });
  return {
    status: result.status,
    lines: result.stdout
      .trim()
      .split("\n")
      .filter(Boolean)
      .map((l) => JSON.parse(l)),
  };
}

describe("check-answers", () => {
  it("prints one JSON line per answer set, with the path and message of each issue", () => {
    const good = {
      serviceSatisfaction: { supportDept: { staffHelpfulness: 2 }, housingDept: { staffHelpfulness: 3 } },
      visits: [{ place: "GP" }],
      household: [{ age: 30 }],
      contact: { phone: "0123" },
      deep: "yes",
    };
    const bad = { ...good, serviceSatisfaction: { supportDept: { staffHelpfulness: 999 } } };
    const { status, lines } = run([good, bad]);
    expect(status).toBe(1);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toEqual({ valid: true, issues: [] });
    expect(lines[1].valid).toBe(false);
    expect(lines[1].issues).toContainEqual({
      path: "serviceSatisfaction.supportDept.staffHelpfulness",
      message: "999 is outside the scale 1–3.",
    });
  }, 60_000);

  it("takes a single answer set", () => {
    const { status, lines } = run({ unknown: 1 });
    expect(status).toBe(1);
    expect(lines).toHaveLength(1);
    expect(lines[0].issues).toContainEqual({
      path: "unknown",
      message: "This is not a question in this survey version.",
    });
  }, 60_000);
});
