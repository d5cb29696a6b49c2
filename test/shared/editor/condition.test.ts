import { describe, expect, it } from "vitest";
import {
  buildCondition,
  type Condition,
  checkExpression,
  parseCondition,
  referencedNames,
} from "../../../shared/editor/condition.ts";

describe("condition builder", () => {
  it("writes the SurveyJS expression for each kind of rule", () => {
    const cases: [Condition, string][] = [
      [
        { combinator: "and", rules: [{ question: "consent", operator: "equals", value: true }] },
        "{consent} = true",
      ],
      [
        { combinator: "and", rules: [{ question: "stay", operator: "equals", value: "hostel" }] },
        "{stay} = 'hostel'",
      ],
      [
        { combinator: "and", rules: [{ question: "age", operator: "greaterOrEqual", value: 18 }] },
        "{age} >= 18",
      ],
      [
        { combinator: "and", rules: [{ question: "used", operator: "contains", value: "gp" }] },
        "{used} contains 'gp'",
      ],
      [{ combinator: "and", rules: [{ question: "why", operator: "answered" }] }, "{why} notempty"],
      [
        {
          combinator: "or",
          rules: [
            { question: "a", operator: "notEquals", value: "x" },
            { question: "b", operator: "notAnswered" },
          ],
        },
        "{a} <> 'x' or {b} empty",
      ],
    ];
    for (const [condition, expression] of cases) {
      expect(buildCondition(condition)).toEqual({ ok: true, expression });
      expect(parseCondition(expression)).toEqual(condition);
      expect(
        checkExpression(expression, new Set(["consent", "stay", "age", "used", "why", "a", "b"])),
      ).toEqual([]);
    }
  });

  it("refuses what it cannot write safely", () => {
    expect(buildCondition({ combinator: "and", rules: [{ question: "", operator: "answered" }] }).ok).toBe(
      false,
    );
    expect(
      buildCondition({ combinator: "and", rules: [{ question: "a", operator: "equals", value: "it's" }] }).ok,
    ).toBe(false);
    expect(buildCondition({ combinator: "and", rules: [{ question: "a", operator: "equals" }] }).ok).toBe(
      false,
    );
    expect(buildCondition({ combinator: "and", rules: [{ question: "a}", operator: "answered" }] }).ok).toBe(
      false,
    );
  });

  it("leaves expressions it cannot show to the text box", () => {
    expect(parseCondition("({a} = 1 or {b} = 2) and {c} = 3")).toBeNull();
    expect(parseCondition("{a} = 1 and {b} = 2 or {c} = 3")).toBeNull();
    expect(parseCondition("{a} anyof ['x', 'y']")).toBeNull();
    expect(parseCondition("age({dob}) > 18")).toBeNull();
    expect(parseCondition("")).toEqual({ combinator: "and", rules: [] });
  });

  it("finds syntax errors with survey-core's parser and names that are not questions", () => {
    expect(checkExpression("{a} = = 1", new Set(["a"]))).toEqual([
      { message: expect.stringContaining("not a valid expression") },
    ]);
    expect(checkExpression("{ghost} = 1", new Set(["a"]))).toEqual([
      { message: expect.stringContaining("ghost") },
    ]);
    expect(referencedNames("{matrix.row1} = 1 and {panel[0].q} notempty")).toEqual(["matrix", "panel"]);
  });
});
