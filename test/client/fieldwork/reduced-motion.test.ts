import { readFileSync } from "node:fs";
import { settings } from "survey-core";
import { afterEach, describe, expect, it, vi } from "vitest";
import { loadSanitiser } from "../../../client/fieldwork/html-sanitiser.ts";
import { createInterviewModel } from "../../../client/fieldwork/interview-model.ts";

const definition = JSON.parse(
  readFileSync(new URL("../../fixtures/surveys/three-languages.json", import.meta.url), "utf8"),
) as Record<string, unknown>;

/** A device that answers the reduced-motion query as `reduce` says. */
function deviceAsking(reduce: boolean): void {
  vi.stubGlobal("matchMedia", (query: string) => ({
    matches: reduce && query === "(prefers-reduced-motion: reduce)",
    media: query,
  }));
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("an interview on a device that asks for less motion", () => {
  it("has survey-core's page and question animations off, and on again for a device that does not ask", async () => {
    const sanitise = await loadSanitiser();
    deviceAsking(true);
    createInterviewModel(definition, sanitise);
    expect(settings.animationEnabled).toBe(false);
    deviceAsking(false);
    createInterviewModel(definition, sanitise);
    expect(settings.animationEnabled).toBe(true);
  });
});
