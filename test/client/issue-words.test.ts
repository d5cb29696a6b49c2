import { describe, expect, it } from "vitest";
import { ApiError, errorMessage, issuesByField } from "../../client/api/api-error.ts";
import { issueWords, pathWords } from "../../client/api/issue-words.ts";

describe("the server's field issues in words", () => {
  it("turns the schema library's messages into what a person should do", () => {
    expect(issueWords("Too big: expected string to have <=120 characters")).toBe(
      "Too long: use 120 characters or fewer.",
    );
    expect(issueWords("Too small: expected string to have >=1 characters")).toBe(
      "This cannot be left empty.",
    );
    expect(issueWords("Too big: expected number to be <=10")).toBe("Use a number no more than 10.");
    expect(issueWords("Invalid input: expected number, received string")).toBe("Enter a number.");
    expect(issueWords('Invalid option: expected one of "a"|"b"')).toBe("Choose one of the options offered.");
  });

  it("keeps a message the server wrote for people", () => {
    expect(issueWords("Enter the area's name.")).toBe("Enter the area's name.");
  });

  it("names a field's path in words", () => {
    expect(pathWords(["targets", 0, "interviewCount"])).toBe("Targets › 1 › Interview count");
  });

  it("says a refused form needs changing, not that the request body has the wrong shape", () => {
    const error = new ApiError({
      type: "about:blank",
      title: "The request body does not have the expected shape.",
      status: 400,
      code: "invalid_body",
      detail: "See `issues` for each field that is wrong.",
      issues: [{ path: ["name"], message: "Too big: expected string to have <=120 characters" }],
    });
    expect(errorMessage(error)).toBe("One thing needs changing.");
    expect(issuesByField(error)).toEqual({ name: "Too long: use 120 characters or fewer." });
  });
});
