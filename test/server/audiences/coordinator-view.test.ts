import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { policy, type RouteKey } from "../../../server/http/policy.ts";
import type { AttentionResponse } from "../../../shared/contract/review.ts";
import { createTestContext, type TestContext } from "../../helpers/test-app.ts";
import { interview, publishOutcomesSurvey, upload } from "../outcomes/helpers.ts";

/**
 * The area partnership (coordinators) sees operational data and no participant's answers
 * (docs/decisions/0024-who-sees-what.md): which interviews need attention and which questions, never
 * what was said. Every GET route a coordinator may call is read with distinctive answers in the
 * database, and none may come back.
 */

const SECRET_TEXT = "Canary-answer-Mill-Lane-7731";
const SECRET_NIGHTS = "seventy-seven nights canary";

let t: TestContext;
let admin: string;
let coordinator: string;
let flaggedId: string;
let flaggedCode: string;
beforeEach(async () => {
  t = await createTestContext();
  await publishOutcomesSurvey(t);
  admin = await t.signIn("admin");
  coordinator = await t.signIn("coordinator", "north");
  const flagged = interview(
    { area: "north" },
    { say: 4, nights: SECRET_NIGHTS as unknown as number, ...({ anything_else: SECRET_TEXT } as object) },
  );
  flaggedId = flagged.id;
  flaggedCode = flagged.participantCode;
  await upload(t, admin, [
    flagged,
    interview({ area: "north" }, { say: 2, helped: true, ...({ anything_else: SECRET_TEXT } as object) }),
    interview({ area: "south" }, { say: 1, nights: "south text" as unknown as number }),
  ]);
});
afterEach(async () => {
  await t.close();
});

describe("the needs-attention list", () => {
  it("shows a coordinator their area's interviews that need attention and the questions affected, no answers", async () => {
    const res = await t.request("/api/review/attention", { cookie: coordinator });
    expect(res.status).toBe(200);
    const text = await res.clone().text();
    const body = (await res.json()) as AttentionResponse;
    expect(body.total).toBe(1);
    expect(body.items).toEqual([
      expect.objectContaining({
        id: flaggedId,
        participantCode: flaggedCode,
        areaId: "north",
        wave: 0,
        // "nights" has the survey's own range (0 to 92): that it needs checking could say it was out
        // of range, so it is counted, not named (test/server/intruder/attention-names-say-answers.test.ts).
        questions: [],
        unnamedQuestions: 1,
        conflictingCopies: false,
      }),
    ]);
    expect(text).not.toContain("canary");
    expect(text).not.toContain(SECRET_TEXT);
    expect(text).not.toContain("south");
  });

  it("refuses another area's filter and malformed or hostile queries", async () => {
    expect((await t.request("/api/review/attention?areaId=south", { cookie: coordinator })).status).toBe(403);
    for (const query of [
      "?limit=0",
      "?limit=100000",
      "?cursor=%27%3B--",
      "?status=approved",
      `?areaId=${"a".repeat(300)}`,
    ]) {
      const res = await t.request(`/api/review/attention${query}`, { cookie: coordinator });
      expect(res.status, query).toBe(400);
    }
  });

  it("is open to admins, coordinators and evaluators only", async () => {
    for (const role of ["peer_researcher", "expert"] as const) {
      const res = await t.request("/api/review/attention", { cookie: await t.signIn(role, "north") });
      expect(res.status).toBe(403);
    }
    expect((await t.request("/api/review/attention")).status).toBe(401);
    expect((await t.request("/api/review/attention", { cookie: admin })).status).toBe(200);
  });

  it("keeps the answers themselves from a coordinator, with a problem that says where to look", async () => {
    const res = await t.request(`/api/review/responses/${flaggedId}`, { cookie: coordinator });
    expect(res.status).toBe(403);
    const text = await res.text();
    expect(JSON.parse(text)).toMatchObject({ code: "answers_for_analysts_only" });
    expect(text).toContain("Needs attention");
    expect(text).not.toContain(SECRET_TEXT);
  });
});

describe("everything a coordinator can read", () => {
  it("carries no participant's answer", async () => {
    const keys = (Object.keys(policy) as RouteKey[]).filter((key) => {
      const rule: "public" | readonly string[] = policy[key];
      return key.startsWith("GET ") && rule !== "public" && rule.includes("coordinator");
    });
    expect(keys.length).toBeGreaterThan(10);
    for (const key of keys) {
      const path = key
        .slice(4)
        .replace(":areaId", "north")
        .replace(":userId", "00000000-0000-4000-8000-000000000000")
        .replace(":surveyId", "outcomes-check")
        .replace(":id", flaggedId)
        .replace(":version", "1");
      for (const query of ["", `?participantCode=${flaggedCode}`, "?areaId=north"]) {
        const res = await t.request(`${path}${query}`, { cookie: coordinator });
        expect(res.status, `${key}${query}`).toBeLessThan(500);
        const text = await res.text();
        expect(text.includes(SECRET_TEXT), `${key}${query} gives a free-text answer`).toBe(false);
        expect(text.includes("canary"), `${key}${query} gives a typed question's text`).toBe(false);
      }
    }
  });
});
