import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSession } from "../../server/auth/sessions.repository.ts";
import { CSV_LIMIT, PICTURE_BODY_LIMIT } from "../../server/editor/translations.routes.ts";
import { policy, type RouteKey } from "../../server/http/policy.ts";
import { insertUser } from "../../server/users/users.repository.ts";
import { MAX_XLSFORM_BYTES } from "../../server/xlsform/workbook.ts";
import { type Problem, problems } from "../../shared/contract/problems.ts";
import type { Role } from "../../shared/contract/roles.ts";
import { MAX_SYNC_BODY_BYTES, type SyncOutcome, type SyncResponse } from "../../shared/contract/sync.ts";
import { syncItem } from "../helpers/sync-items.ts";
import {
  createTestContext,
  NOW,
  TEST_PASSWORD,
  TEST_SURVEY_ID,
  type TestContext,
} from "../helpers/test-app.ts";

/**
 * Hostile input against every write endpoint (walked from the policy table, so a new one is covered)
 * and the sync endpoint: malformed, oversized, deeply nested and type-confused bodies, odd media types
 * and prototype-pollution keys. Whatever arrives, the answer is never a 5xx, an error is always a
 * problem from the catalogue, and a refused request changes no table (a failed sign-in may add its
 * audit entry and its lockout count, which is the point of it). Existing audit rows never change.
 */

const writeKeys = (Object.keys(policy) as RouteKey[]).filter((key) => /^(POST|PUT|PATCH|DELETE) /.test(key));

/** About 3,000 hostile bodies in all, shared among the write endpoints, so the file stays under ~30 s. */
const TOTAL_RUNS = 3000;
const RUNS_PER_ENDPOINT = Math.max(40, Math.floor(TOTAL_RUNS / writeKeys.length));
const SYNC_RUNS = 150;
/**
 * On a busy machine a property stops early (passing with the runs it made) rather than overrunning the
 * test's timeout, which would leave it running beside the next test and confuse that test's counts.
 */
const TIME_LIMIT_MS = 15_000;
const TEST_TIMEOUT_MS = 60_000;

let t: TestContext;
let users: Record<Role, string>;
let targetUserId: string;
let ownResponseId: string;
let tables: string[];

beforeAll(async () => {
  t = await createTestContext();
  const make = async (role: Role, areaId: string | null) =>
    (
      await insertUser(
        t.db,
        { email: `${randomUUID()}@example.org`, displayName: role, role, areaId, passwordHash: null },
        NOW,
      )
    ).id;
  users = {
    admin: await make("admin", null),
    coordinator: await make("coordinator", "north"),
    peer_researcher: await make("peer_researcher", "north"),
    evaluator: await make("evaluator", null),
    expert: await make("expert", "north"),
  };
  targetUserId = await make("peer_researcher", "north");
  const item = syncItem();
  ownResponseId = item.id;
  const res = await t.request("/api/sync", {
    method: "POST",
    cookie: await sessionOf(users.peer_researcher),
    json: { items: [item] },
  });
  expect(res.status).toBe(200);
  tables = (await t.db.introspection.getTables())
    .map((table) => table.name)
    .filter((name) => !name.startsWith("kysely_"))
    .sort();
}, 60_000);

afterAll(async () => {
  await t.close();
});

async function sessionOf(userId: string): Promise<string> {
  const { token } = await createSession(t.db, userId, NOW, 1);
  return `alongside_session=${token}`;
}

/** Row counts of every table in one query, so a snapshot is cheap enough to take around each request. */
async function counts(): Promise<Record<string, number>> {
  const columns = tables.map((table) => sql`(select count(*) from ${sql.table(table)}) as ${sql.ref(table)}`);
  const { rows } = await sql<Record<string, number | string>>`select ${sql.join(columns)}`.execute(t.db);
  const row = rows[0] ?? {};
  return Object.fromEntries(tables.map((table) => [table, Number(row[table])]));
}

function changed(before: Record<string, number>, after: Record<string, number>): Record<string, number> {
  return Object.fromEntries(
    Object.entries(after)
      .map(([table, n]) => [table, n - (before[table] ?? 0)] as const)
      .filter(([, delta]) => delta !== 0),
  );
}

/** Who sends: an admin where allowed, else the first role the table allows. */
function senderFor(key: RouteKey): string | undefined {
  const rule: "public" | readonly Role[] = policy[key];
  if (rule === "public") return undefined;
  const role: Role = rule.includes("admin") ? "admin" : (rule[0] ?? "admin");
  return users[role];
}

/** Real ids where the path names a known thing, so bodies reach validation rather than a 404. */
function pathFor(key: RouteKey): string {
  const pattern = key.split(" ")[1] ?? "/";
  return pattern.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    if (name === "surveyId" || (name === "id" && pattern.includes("/surveys/"))) return TEST_SURVEY_ID;
    if (name === "id" && pattern.includes("/users/")) return targetUserId;
    if (name === "id" && pattern.includes("/responses/")) return ownResponseId;
    if (/version/i.test(name)) return "1";
    if (/area/i.test(name)) return "north";
    return randomUUID();
  });
}

/** A body close to valid, for the routes we know, so mutations probe the checks behind the shape check. */
function templateFor(key: RouteKey): Record<string, unknown> {
  switch (key) {
    case "POST /api/auth/login":
      return { email: "someone@example.org", password: "not the password" };
    case "POST /api/auth/setup":
      return { token: "x".repeat(43), password: TEST_PASSWORD };
    case "PUT /api/users/:id/role":
      return { role: "coordinator", areaId: "north" };
    case "POST /api/areas":
      return { id: "east", name: "Eastfield", region: "East" };
    case "POST /api/sync":
      return { deviceId: "tablet-1", items: [syncItem()] };
    default:
      return { areaId: "north", id: randomUUID(), comment: "hello", status: "approved" };
  }
}

const nasty = fc.constantFrom(
  "",
  " ",
  "\u0000",
  "\uFEFF",
  "\uD800",
  "'; DROP TABLE users; --",
  '" OR 1=1 --',
  "<script>alert(1)</script>",
  "../../../etc/passwd",
  "%00",
  "{{7*7}}",
  "💥".repeat(40),
  "9".repeat(400),
  "-0",
  "1e309",
  "__proto__",
  "constructor",
  "NaN",
  "null",
  "x".repeat(5000),
);

const scalar = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.integer(),
  fc.double(),
  fc.constantFrom(Number.MAX_SAFE_INTEGER + 2, -1, 0, 1e308, 2 ** 31),
  fc.boolean(),
  fc.constant(null),
  nasty,
);
const anyValue = fc.oneof(
  { weight: 3, arbitrary: scalar },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }) },
);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = [prefix];
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) out.push(...paths(v, [...prefix, i]));
  } else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) out.push(...paths(v, [...prefix, k]));
  }
  return out;
}

/** The template with one place replaced by a value of another type, removed, or given an extra key. */
function mutated(template: Record<string, unknown>): fc.Arbitrary<string> {
  const all = paths(template).filter((p) => p.length > 0);
  return fc
    .tuple(
      fc.integer({ min: 0, max: Math.max(0, all.length - 1) }),
      fc.constantFrom("set", "delete", "extra"),
      anyValue,
    )
    .map(([index, how, value]) => {
      const copy = structuredClone(template) as Record<string, Json>;
      const path = all[index] ?? [];
      let parent: Json = copy;
      for (const step of path.slice(0, -1)) parent = (parent as Record<string, Json>)[step as string] ?? null;
      const last = path.at(-1);
      if (parent && typeof parent === "object" && last !== undefined) {
        const holder = parent as Record<string, Json>;
        if (how === "set") holder[last as string] = value as Json;
        else if (how === "delete") delete holder[last as string];
        else holder[`extra_${String(last)}`] = value as Json;
      }
      return JSON.stringify(copy);
    });
}

const deeplyNested = fc
  .tuple(fc.integer({ min: 20, max: 20_000 }), fc.constantFrom("array", "object", "mixed"))
  .map(([depth, kind]) => {
    if (kind === "array") return `${"[".repeat(depth)}${"]".repeat(depth)}`;
    if (kind === "object") return `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`;
    return `{"items":[{"data":${'{"q":['.repeat(depth)}1${"]}".repeat(depth)}}]}`;
  });

const pollution = fc
  .tuple(fc.constantFrom("__proto__", "constructor", "prototype"), anyValue)
  .map(([key, value]) => `{"${key}":{"isAdmin":true,"polluted":${JSON.stringify(value)}},"role":"admin"}`);

const malformed = fc.oneof(
  fc.string({ unit: "binary", maxLength: 200 }),
  fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v).slice(0, -1)),
  fc.jsonValue({ maxDepth: 3 }).map((v) => `${JSON.stringify(v)} trailing`),
  fc.constantFrom(
    "",
    "null",
    "[]",
    '"string"',
    "1e400",
    "{",
    "}",
    "\uFEFF{}",
    "{'single':'quotes'}",
    '{"a":1,}',
  ),
);

const contentType = fc.oneof(
  { weight: 8, arbitrary: fc.constant("application/json") },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      "application/json; charset=utf-8",
      "application/problem+json",
      "text/plain",
      "application/x-www-form-urlencoded",
      "multipart/form-data; boundary=x",
      "application/jsonx",
      "",
    ),
  },
);

function bodies(key: RouteKey): fc.Arbitrary<{ text: string; type: string }> {
  const text = fc.oneof(
    { weight: 4, arbitrary: mutated(templateFor(key)) },
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 5 }).map((v) => JSON.stringify(v)) },
    { weight: 1, arbitrary: deeplyNested },
    { weight: 1, arbitrary: pollution },
    { weight: 2, arbitrary: malformed },
  );
  return fc.record({ text, type: contentType });
}

const problemCodes = new Set(Object.keys(problems));

async function send(
  key: RouteKey,
  body: { text: string; type: string },
): Promise<{ res: Response; delta: Record<string, number> }> {
  const sender = senderFor(key);
  const cookie = sender ? await sessionOf(sender) : undefined;
  const headers = new Headers();
  if (body.type) headers.set("content-type", body.type);
  if (cookie) headers.set("cookie", cookie);
  const before = await counts();
  const res = await t.app.request(pathFor(key), { method: key.split(" ")[0], headers, body: body.text });
  const delta = changed(before, await counts());
  return { res, delta };
}

/** What a refused request may leave behind: a failed sign-in's audit entry and its lockout count. */
function allowedTrace(key: RouteKey, problem: Problem): string[] {
  if (
    key === "POST /api/auth/login" &&
    (problem.code === "bad_credentials" || problem.code === "too_many_attempts")
  ) {
    return ["audit_log", "login_attempts"];
  }
  return [];
}

async function expectCalm(key: RouteKey, body: { text: string; type: string }): Promise<void> {
  const { res, delta } = await send(key, body);
  const shown = `${key} ${body.type} ${body.text.slice(0, 200)}`;
  expect(res.status, shown).toBeLessThan(500);
  if (res.status >= 400) {
    expect(res.headers.get("content-type"), shown).toBe("application/problem+json");
    const problem = (await res.json()) as Problem;
    expect(problemCodes.has(problem.code), shown).toBe(true);
    const allowed = allowedTrace(key, problem);
    const unexpected = Object.keys(delta).filter((table) => !allowed.includes(table));
    expect(unexpected, `${shown}: a refused request changed ${JSON.stringify(delta)}`).toEqual([]);
  }
}

async function auditSnapshot() {
  return (await t.db.selectFrom("audit_log").selectAll().execute()).map((row) => ({ ...row }));
}

describe.each(writeKeys)("%s under hostile input", (key) => {
  it(
    "never answers 5xx and never half-writes, for thousands of malformed, nested and type-confused bodies",
    async () => {
      const auditBefore = await auditSnapshot();
      await fc.assert(
        fc.asyncProperty(bodies(key), (body) => expectCalm(key, body)),
        { numRuns: RUNS_PER_ENDPOINT, interruptAfterTimeLimit: TIME_LIMIT_MS },
      );
      const auditAfter = new Map((await auditSnapshot()).map((row) => [row.id, row]));
      for (const row of auditBefore) expect(auditAfter.get(row.id)).toEqual(row);
    },
    TEST_TIMEOUT_MS,
  );

  it("refuses an oversized body with 413 and writes nothing", async () => {
    const limit =
      key === "POST /api/sync"
        ? MAX_SYNC_BODY_BYTES
        : key === "POST /api/editor/xlsform" // an .xlsx upload has its own limit (decision 0029)
          ? MAX_XLSFORM_BYTES
          : key === "POST /api/editor/surveys/:id/translations.csv" // a translators' spreadsheet (0038)
            ? CSV_LIMIT
            : key === "PUT /api/editor/surveys/:id/pictures" // Easy Read pictures (0038)
              ? PICTURE_BODY_LIMIT
              : 64 * 1024;
    const { res, delta } = await send(key, {
      text: JSON.stringify({ ...templateFor(key), padding: "x".repeat(limit + 1) }),
      // The translators' spreadsheet is sent as CSV; a JSON body there is refused as the wrong type (415).
      type: key === "POST /api/editor/surveys/:id/translations.csv" ? "text/csv" : "application/json",
    });
    expect(res.status).toBe(413);
    expect(((await res.json()) as Problem).code).toBe("body_too_large");
    expect(delta).toEqual({});
  });
});

describe("POST /api/sync under hostile batches", () => {
  const item = fc
    .tuple(
      fc.boolean(),
      fc.constantFrom(
        "id",
        "surveyId",
        "surveyVersion",
        "participantCode",
        "wave",
        "areaId",
        "startedAt",
        "completedAt",
        "administrationMode",
        "data",
      ),
      anyValue,
      fc.constantFrom("north", "south", "atlantis"),
    )
    .map(([intact, field, value, areaId]) => {
      const base = syncItem({ areaId }) as unknown as Record<string, unknown>;
      if (!intact) base[field] = value;
      return base;
    });
  const batch = fc.array(item, { minLength: 1, maxLength: 6 }).chain((items) =>
    // Sometimes resend an item already in the batch, with the same or changed answers.
    fc.constantFrom("as is", "duplicate", "changed").map((how) => {
      const first = items[0];
      if (!first || how === "as is") return items;
      const copy = structuredClone(first);
      if (how === "changed") copy.data = { ...(copy.data as object), visits: 9 };
      return [...items, copy];
    }),
  );

  it(
    "answers every item of a batch on its own and stores exactly what it reports",
    async () => {
      const cookie = await sessionOf(users.peer_researcher);
      await fc.assert(
        fc.asyncProperty(batch, async (items) => {
          const before = await counts();
          const res = await t.request("/api/sync", { method: "POST", cookie, json: { items } });
          const delta = changed(before, await counts());
          expect(res.status, JSON.stringify(items).slice(0, 300)).toBeLessThan(500);
          if (res.status !== 200) {
            expect(Object.keys(delta).filter((table) => table !== "sessions")).toEqual([]);
            return;
          }
          const { results } = (await res.json()) as SyncResponse;
          expect(results).toHaveLength(items.length);
          expect(results.map((result: SyncOutcome) => result.id)).toEqual(items.map((sent) => sent.id));
          const stored = results.filter(
            (r) => r.outcome === "accepted" || r.outcome === "needs_review",
          ).length;
          const revisions = results.filter((r) => r.outcome === "conflict").length;
          expect(delta.responses ?? 0).toBe(stored);
          expect(delta.response_revisions ?? 0).toBe(revisions);
        }),
        { numRuns: SYNC_RUNS, interruptAfterTimeLimit: TIME_LIMIT_MS },
      );
    },
    TEST_TIMEOUT_MS,
  );
});

/** A definition with every kind of list survey-core reads (issue 14, finding 8: null inside them was a 500). */
const richDefinition = {
  title: "Everything",
  triggers: [{ type: "setvalue", expression: "{a} = 1", setToName: "b", setValue: 2 }],
  calculatedValues: [{ name: "total", expression: "{a} + 1" }],
  pages: [
    {
      name: "p1",
      elements: [
        {
          type: "radiogroup",
          name: "a",
          choices: [1, { value: 2, text: "Two" }],
          validators: [{ type: "expression", expression: "{a} > 0" }],
        },
        { type: "panel", name: "box", elements: [{ type: "text", name: "b", inputType: "number" }] },
        { type: "matrix", name: "m", rows: ["r1"], columns: [{ value: 1, text: "One" }] },
        {
          type: "matrixdropdown",
          name: "md",
          rows: ["r1"],
          columns: [{ name: "c", cellType: "rating", rateMax: 3 }],
        },
        { type: "matrixdynamic", name: "mx", columns: [{ name: "c", cellType: "dropdown", choices: ["x"] }] },
        { type: "paneldynamic", name: "pd", templateElements: [{ type: "text", name: "t" }] },
        { type: "multipletext", name: "mt", items: [{ name: "i1" }] },
      ],
    },
  ],
  questions: [{ type: "comment", name: "legacy" }],
};

describe("survey definitions under hostile input (issue 14, finding 8)", () => {
  it(
    "POST /api/editor/check never answers 5xx and names the place of a malformed part",
    async () => {
      const cookie = await sessionOf(users.coordinator);
      await fc.assert(
        fc.asyncProperty(mutated({ definition: richDefinition }), async (text) => {
          const res = await t.app.request("/api/editor/check", {
            method: "POST",
            headers: { "content-type": "application/json", cookie },
            body: text,
          });
          expect(res.status, text).toBeLessThan(500);
          if (res.status === 400) {
            const problem = (await res.json()) as Problem;
            expect(problemCodes.has(problem.code)).toBe(true);
            if (problem.code === "invalid_body") expect(problem.issues?.length ?? 0).toBeGreaterThan(0);
          }
        }),
        { numRuns: 400, interruptAfterTimeLimit: TIME_LIMIT_MS },
      );
    },
    TEST_TIMEOUT_MS,
  );
});

describe("after all that", () => {
  it("has not polluted any prototype", () => {
    const probe = {} as Record<string, unknown>;
    expect(probe.isAdmin).toBeUndefined();
    expect(probe.polluted).toBeUndefined();
    expect(Object.keys(Object.prototype)).toEqual([]);
  });
});
