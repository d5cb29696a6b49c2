import { expect } from "vitest";
import type { Draft, DraftView } from "../../shared/contract/editor.ts";
import type { TestContext } from "./test-app.ts";

/** Builders and shortcuts for the co-design editor's integration tests. */
export const OUTCOME = "outcome-areas-co-produce-design-and-delivery";

export function definitionWith(...elements: Record<string, unknown>[]): Record<string, unknown> {
  return { title: "Having a say", pages: [{ name: "page1", elements }] };
}

export const sayQuestion = {
  type: "radiogroup",
  name: "say",
  title: "How much say do you get in your support?",
  outcome: OUTCOME,
  indicator: "higherIsBetter",
  choices: [
    { value: "none", text: "No say", score: 1 },
    { value: "some", text: "Some say", score: 2 },
    { value: "lots", text: "A lot of say", score: 3 },
  ],
};

export const lockedQuestion = {
  type: "rating",
  name: "optimistic",
  title: "I've been feeling optimistic about the future",
  rateMin: 1,
  rateMax: 5,
  locked: true,
  licence: "SWEMWBS © NHS Health Scotland, University of Warwick and University of Edinburgh, 2008.",
};

export class EditorClient {
  constructor(
    private readonly t: TestContext,
    readonly cookie: string,
  ) {}

  request(method: string, path: string, json?: unknown) {
    return this.t.request(`/api/editor${path}`, {
      method,
      cookie: this.cookie,
      ...(json === undefined ? {} : { json }),
    });
  }

  async view(surveyId: string): Promise<DraftView> {
    const res = await this.request("GET", `/surveys/${surveyId}/draft`);
    expect(res.status).toBe(200);
    return (await res.json()) as DraftView;
  }

  async create(id: string, title = "Having a say"): Promise<Draft> {
    const res = await this.request("POST", "/surveys", { id, title });
    expect(res.status, await res.clone().text()).toBe(201);
    return (await res.json()) as Draft;
  }

  save(surveyId: string, revision: number, definition: unknown, extra: Record<string, unknown> = {}) {
    return this.request("PUT", `/surveys/${surveyId}/draft`, {
      revision,
      title: "Having a say",
      description: "",
      definition,
      ...extra,
    });
  }

  async saveOk(surveyId: string, revision: number, definition: unknown, extra: Record<string, unknown> = {}) {
    const res = await this.save(surveyId, revision, definition, extra);
    expect(res.status, await res.clone().text()).toBe(200);
    return (await res.json()) as Draft;
  }

  status(surveyId: string, status: "draft" | "in_review", revision: number) {
    return this.request("POST", `/surveys/${surveyId}/status`, { status, revision });
  }

  signOff(surveyId: string, revision: number) {
    return this.request("POST", `/surveys/${surveyId}/signoffs`, { revision });
  }

  publish(surveyId: string, revision: number, reason?: string) {
    return this.request("POST", `/surveys/${surveyId}/publish`, reason ? { revision, reason } : { revision });
  }
}

export async function editorAs(t: TestContext, role: "expert" | "coordinator" | "admin") {
  return new EditorClient(t, await t.signIn(role));
}

/** Creates a survey with `elements`, sends it for review, has an expert sign off and a coordinator publish. */
export async function publishedSurvey(
  t: TestContext,
  id: string,
  ...elements: Record<string, unknown>[]
): Promise<{ owner: EditorClient; coordinator: EditorClient; reviewer: EditorClient; revision: number }> {
  const owner = await editorAs(t, "expert");
  const reviewer = await editorAs(t, "expert");
  const coordinator = await editorAs(t, "coordinator");
  await owner.create(id);
  const saved = await owner.saveOk(id, 1, definitionWith(...elements));
  expect((await owner.status(id, "in_review", saved.revision)).status).toBe(200);
  expect((await reviewer.signOff(id, saved.revision)).status).toBe(201);
  const res = await coordinator.publish(id, saved.revision);
  expect(res.status, await res.clone().text()).toBe(201);
  return { owner, coordinator, reviewer, revision: saved.revision };
}
