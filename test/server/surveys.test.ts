import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { defaultInstrumentsDir } from "../../server/paths.ts";
import { loadInstruments } from "../../server/surveys/load-instruments.ts";
import { createTestContext, NOW, readFixtureSurvey, type TestContext } from "../helpers/test-app.ts";

let t: TestContext;
beforeEach(async () => {
  t = await createTestContext();
});
afterEach(async () => {
  await t.close();
});

describe("published surveys", () => {
  it("lists the latest published version of each survey to any signed-in role", async () => {
    const cookie = await t.signIn("expert");
    const res = await t.request("/api/surveys", { cookie });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { surveys: { id: string; version: number }[] };
    expect(body.surveys).toEqual([expect.objectContaining({ id: "wellbeing-check", version: 1 })]);
  });

  it("serves the exact definition of a version, marked immutable", async () => {
    const cookie = await t.signIn("peer_researcher");
    const res = await t.request("/api/surveys/wellbeing-check/versions/1", { cookie });
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toContain("immutable");
    expect(await res.json()).toMatchObject({
      surveyId: "wellbeing-check",
      version: 1,
      definition: readFixtureSurvey(),
    });
  });

  it("answers distinct problems for an unknown survey, an unknown version and a bad version number", async () => {
    const cookie = await t.signIn("peer_researcher");
    const cases = [
      ["/api/surveys/nope/versions/1", 404, "survey_not_found"],
      ["/api/surveys/wellbeing-check/versions/2", 404, "survey_version_not_found"],
      ["/api/surveys/wellbeing-check/versions/abc", 400, "invalid_query"],
      ["/api/surveys/wellbeing-check/versions/0", 400, "invalid_query"],
    ] as const;
    for (const [path, status, code] of cases) {
      const res = await t.request(path, { cookie });
      expect(res.status, path).toBe(status);
      expect(await res.json()).toMatchObject({ code });
    }
  });

  it("needs a session", async () => {
    const res = await t.request("/api/surveys");
    expect(res.status).toBe(401);
  });

  it("loads the instruments in surveys/ once, as version 1, and leaves them alone on the next start", async () => {
    const first = await loadInstruments(t.db, defaultInstrumentsDir, NOW);
    expect(first.length).toBeGreaterThanOrEqual(3);
    expect(first).toContain("participant-interview");
    const second = await loadInstruments(t.db, defaultInstrumentsDir, NOW);
    expect(second).toEqual([]);
    const versions = await t.db
      .selectFrom("survey_versions")
      .select(["survey_id", "version", "fields"])
      .execute();
    expect(versions.filter((v) => v.survey_id === "participant-interview").map((v) => v.version)).toEqual([
      1,
    ]);
    const fields = JSON.parse(versions.find((v) => v.survey_id === "participant-interview")?.fields ?? "[]");
    expect(fields.some((f: { outcome?: string }) => f.outcome)).toBe(true);
  });
});
