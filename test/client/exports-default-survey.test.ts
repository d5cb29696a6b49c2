import { describe, expect, it } from "vitest";
import { mostAnswered } from "../../client/exports/ExportsPage.tsx";

/** Issue 15: the exports page offered a survey with no responses first. */
describe("the survey the exports page offers first", () => {
  it("is the one with the most responses, not the first listed", () => {
    const list = [
      { id: "empty", responses: 0 },
      { id: "big", responses: 120 },
      { id: "small", responses: 4 },
    ];
    expect(mostAnswered(list)?.id).toBe("big");
  });

  it("keeps the list's order between equals, and is nothing for no surveys", () => {
    expect(
      mostAnswered([
        { id: "a", responses: 0 },
        { id: "b", responses: 0 },
      ])?.id,
    ).toBe("a");
    expect(mostAnswered([])).toBeUndefined();
  });
});
