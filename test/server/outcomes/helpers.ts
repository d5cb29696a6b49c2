import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "vitest";
import { publishVersion } from "../../../server/surveys/surveys.repository.ts";
import type { OutcomeMapResponse, OutcomePageResponse } from "../../../shared/contract/outcomes.ts";
import { generateParticipantCode } from "../../../shared/contract/participant-code.ts";
import type { SyncItem } from "../../../shared/contract/sync.ts";
import { surveyFields } from "../../../shared/survey/fields.ts";
import { createSurveyModel } from "../../../shared/survey/model.ts";
import { NOW, type TestContext } from "../../helpers/test-app.ts";

export const SURVEY = "outcomes-check";
export const CO_PRODUCE = "outcome-areas-co-produce-design-and-delivery";
export const BETTER_OUTCOMES = "outcome-areas-see-better-outcomes";

export function readOutcomesFixture(): Record<string, unknown> {
  return JSON.parse(
    readFileSync(join(import.meta.dirname, "../../fixtures/surveys/outcomes-check.json"), "utf8"),
  );
}

/** Publishes the fixture with every kind of indicator, and adds areas beyond the template's two. */
export async function publishOutcomesSurvey(t: TestContext, extraAreas: string[] = []): Promise<void> {
  const definition = readOutcomesFixture();
  await publishVersion(
    t.db,
    {
      id: SURVEY,
      title: "Outcomes check",
      description: "",
      definition,
      fields: surveyFields(createSurveyModel(definition)),
    },
    NOW,
  );
  if (extraAreas.length > 0) {
    await t.db
      .insertInto("areas")
      .values(
        extraAreas.map((id) => ({ id, name: `Area ${id}`, region: "Test", created_at: NOW.toISOString() })),
      )
      .execute();
  }
}

export function newCode(): string {
  return generateParticipantCode((a) => crypto.getRandomValues(a));
}

export interface Answers {
  say?: number;
  helped?: boolean;
  housing?: string;
  nights?: number;
}

/** A completed interview on the fixture survey. */
export function interview(
  options: {
    area?: string;
    wave?: number;
    code?: string;
    mode?: SyncItem["administrationMode"];
    completedAt?: string;
  },
  answers: Answers,
): SyncItem {
  const completedAt = options.completedAt ?? "2026-11-20T10:30:00.000Z";
  return {
    id: randomUUID(),
    surveyId: SURVEY,
    surveyVersion: 1,
    participantCode: options.code ?? newCode(),
    wave: options.wave ?? 0,
    areaId: options.area ?? "north",
    startedAt: new Date(new Date(completedAt).getTime() - 20 * 60_000).toISOString(),
    completedAt,
    administrationMode: options.mode ?? "read_aloud",
    data: { consent: true, ...answers },
  };
}

/** Uploads through the real sync route, in batches of 100; every item must be stored. */
export async function upload(t: TestContext, cookie: string, items: SyncItem[]): Promise<void> {
  for (let i = 0; i < items.length; i += 100) {
    const res = await t.request("/api/sync", {
      method: "POST",
      cookie,
      json: { items: items.slice(i, i + 100) },
    });
    expect(res.status).toBe(200);
    const { results } = (await res.json()) as { results: { outcome: string }[] };
    for (const r of results) expect(["accepted", "needs_review"]).toContain(r.outcome);
  }
}

/** `count` participants in one area-wave, answering `say` with the values in turn. */
export function cohort(area: string, wave: number, says: number[], extra: Answers = {}): SyncItem[] {
  return says.map((say) => interview({ area, wave }, { say, ...extra }));
}

export async function page(
  t: TestContext,
  cookie: string,
  outcome: string,
  query = "",
): Promise<OutcomePageResponse> {
  const res = await t.request(`/api/outcomes/${outcome}${query}`, { cookie });
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as OutcomePageResponse;
}

export async function map(t: TestContext, cookie: string): Promise<OutcomeMapResponse> {
  const res = await t.request("/api/outcomes/map", { cookie });
  expect(res.status).toBe(200);
  return (await res.json()) as OutcomeMapResponse;
}

/**
 * The page and map as they would be released (docs/decisions/0024): the small-number protection at
 * the data manager's k, and the release rounding. Trusted analysts' default view is exact.
 */
export async function releasedPage(
  t: TestContext,
  cookie: string,
  outcome: string,
  query = "",
): Promise<OutcomePageResponse> {
  return page(t, cookie, outcome, `${query}${query.includes("?") ? "&" : "?"}view=released`);
}

export async function releasedMap(t: TestContext, cookie: string): Promise<OutcomeMapResponse> {
  const res = await t.request("/api/outcomes/map?view=released", { cookie });
  expect(res.status).toBe(200);
  return (await res.json()) as OutcomeMapResponse;
}

export function indicator(body: OutcomePageResponse, question: string) {
  const found = body.indicators.find((i) => i.question === question);
  if (!found) throw new Error(`no indicator ${question}`);
  return found;
}

/** Every number anywhere in a response body: a hidden figure must not leak one. */
export function numbersIn(value: unknown): number[] {
  if (typeof value === "number") return [value];
  if (Array.isArray(value)) return value.flatMap(numbersIn);
  if (value && typeof value === "object") return Object.values(value).flatMap(numbersIn);
  return [];
}
