import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { DefinitionCheckResponse, Draft } from "../../shared/contract/editor.ts";
import { prepareImport } from "../../shared/editor/import-surveyjs.ts";
import { editorAs } from "../helpers/editor.ts";
import { createTestContext, type TestContext } from "../helpers/test-app.ts";

/**
 * Issue 16, finding 6, through the API as the editor's import panel uses it: a realistic SurveyJS survey
 * (matrices, a dynamic panel, carried-forward choices, questions at the root, legacy properties) is
 * refused by the check as it is, passes once prepared, and is saved as the draft with every question.
 */

let t: TestContext;
beforeEach(async () => {
  t = await createTestContext();
});
afterEach(async () => {
  await t.close();
});

const fixture = (name: string) =>
  JSON.parse(readFileSync(join(import.meta.dirname, "../fixtures/surveys/imports", `${name}.json`), "utf8"));

describe.each(["customer-satisfaction", "household", "legacy-root-questions"])("importing %s", (name) => {
  it("is checked clean once prepared and opens as a draft with every question", async () => {
    const expert = await editorAs(t, "expert");
    await expert.create("imported");
    const original = fixture(name);
    const before = (await (
      await expert.request("POST", "/check", { definition: original })
    ).json()) as DefinitionCheckResponse;
    expect(before.issues.some((i) => i.severity === "error")).toBe(true);

    const { definition } = prepareImport(original);
    const res = await expert.request("POST", "/check", { definition });
    expect(res.status).toBe(200);
    const report = (await res.json()) as DefinitionCheckResponse;
    expect(report.issues.filter((i) => i.severity === "error")).toEqual([]);

    const saved = await expert.request("PUT", "/surveys/imported/draft?source=import", {
      revision: 1,
      title: "Imported",
      description: "",
      definition,
    });
    expect(saved.status, await saved.clone().text()).toBe(200);
    const draft = (await saved.json()) as Draft;
    expect(JSON.stringify(draft.definition)).toEqual(JSON.stringify(definition));
  });
});
