import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { routeTable, tableInReadme } from "../../scripts/route-table.ts";

describe("the route table in shared/contract/README.md", () => {
  it("is the one printed from the declarations (run `npm run routes -- --write` after changing a route)", () => {
    const readme = readFileSync(new URL("../../shared/contract/README.md", import.meta.url), "utf8");
    expect(tableInReadme(readme)).toBe(routeTable());
  });
});
