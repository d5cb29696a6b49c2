import { describe, expect, it } from "vitest";
import {
  patternProblem,
  rangeProblem,
  readValidation,
  writeValidation,
} from "../../../shared/editor/validation.ts";

describe("validation settings", () => {
  it("writes to SurveyJS's own places and reads the same back, keeping other validators", () => {
    const question = {
      type: "text",
      name: "code",
      validators: [{ type: "email" }, { type: "regex", regex: "old" }],
    };
    const written = writeValidation(question, {
      min: 0,
      max: 90,
      minLength: 2,
      maxLength: 10,
      pattern: "^[A-Z]+$",
      patternMessage: "Capitals only",
    });
    expect(written).toMatchObject({
      min: 0,
      max: 90,
      maxLength: 10,
      validators: [
        { type: "email" },
        { type: "text", minLength: 2 },
        { type: "regex", regex: "^[A-Z]+$", text: "Capitals only" },
      ],
    });
    expect(readValidation(written)).toEqual({
      min: 0,
      max: 90,
      minLength: 2,
      maxLength: 10,
      pattern: "^[A-Z]+$",
      patternMessage: "Capitals only",
    });
    const cleared = writeValidation(written, {});
    expect(cleared).toEqual({ type: "text", name: "code", validators: [{ type: "email" }] });
  });

  it("explains an impossible range or a broken pattern", () => {
    expect(rangeProblem({ min: 5, max: 1 })).toMatch(/smallest/);
    expect(rangeProblem({ minLength: 5, maxLength: 1 })).toMatch(/shortest/);
    expect(rangeProblem({ min: 1, max: 5 })).toBeNull();
    expect(patternProblem("([a-z]")).toMatch(/not a valid/);
    expect(patternProblem("^\\d+$")).toBeNull();
  });
});
