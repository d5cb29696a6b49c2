import { randomUUID } from "node:crypto";
import { expect } from "vitest";
import type { Me } from "../../shared/contract/auth.ts";
import type { Problem } from "../../shared/contract/problems.ts";
import type { Role } from "../../shared/contract/roles.ts";
import { NOW, type TestContext } from "./test-app.ts";

/** A signed-in person: their id and session cookie. */
export interface Person {
  id: string;
  cookie: string;
  displayName: string;
}

export async function person(t: TestContext, role: Role, areaId?: string | null): Promise<Person> {
  const cookie = await t.signIn(role, areaId);
  const me = (await (await t.request("/api/auth/me", { cookie })).json()) as Me;
  return { id: me.id, cookie, displayName: me.displayName };
}

/** The body of a JSON answer, after checking its status. */
export async function okJson<T>(res: Response | Promise<Response>, status = 200): Promise<T> {
  const answer = await res;
  const text = await answer.text();
  expect(answer.status, text).toBe(status);
  return JSON.parse(text) as T;
}

/** The problem code of an error answer, after checking its status. */
export async function problemCode(res: Response | Promise<Response>, status: number): Promise<string> {
  const answer = await res;
  const text = await answer.text();
  expect(answer.status, text).toBe(status);
  expect(answer.headers.get("content-type")).toBe("application/problem+json");
  return (JSON.parse(text) as Problem).code;
}

/** A safeguarding concern as the tablet would have raised it, written straight to the table. */
export async function concernIn(
  t: TestContext,
  areaId: string,
  raisedBy: string,
  overrides: {
    urgency?: string;
    raisedAt?: string;
    description?: string;
    participantCode?: string | null;
  } = {},
): Promise<string> {
  const id = randomUUID();
  await t.db
    .insertInto("safeguarding_concerns")
    .values({
      id,
      area_id: areaId,
      raised_by: raisedBy,
      raised_at: overrides.raisedAt ?? "2026-11-26T09:00:00.000Z",
      received_at: NOW.toISOString(),
      participant_code: overrides.participantCode ?? null,
      urgency: overrides.urgency ?? "today",
      description: overrides.description ?? "Said they had nowhere to sleep tonight.",
      acknowledged_by: null,
      acknowledged_at: null,
      action_taken: null,
      closed_at: null,
    })
    .execute();
  return id;
}
