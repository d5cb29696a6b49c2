import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import * as auditRepository from "../../server/audit/audit.repository.ts";
import { audit } from "../../server/audit/audit.repository.ts";
import type { AuditPage } from "../../shared/contract/audit.ts";
import { addUser, sessionFor } from "../helpers/security.ts";
import { syncItem } from "../helpers/sync-items.ts";
import {
  createTestContext,
  NOW,
  TEST_PASSWORD,
  TEST_SURVEY_ID,
  type TestContext,
} from "../helpers/test-app.ts";

let t: TestContext;
let admin: string;
beforeEach(async () => {
  t = await createTestContext();
  admin = await t.signIn("admin");
});
afterEach(async () => {
  await t.close();
});

async function search(query: string, cookie = admin): Promise<AuditPage> {
  const res = await t.request(`/api/audit${query}`, { cookie });
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as AuditPage;
}

const at = (iso: string) => new Date(iso);

/** A small log spread over three days, written as the application writes it. */
async function seedLog(): Promise<{ samId: string }> {
  const sam = await addUser(t, "sam@example.org");
  const entries: Parameters<typeof audit>[1][] = [
    {
      at: at("2026-11-20T09:00:00.000Z"),
      actorId: sam.id,
      action: "auth.login",
      ip: "192.0.2.1",
      userAgent: "Tablet",
    },
    {
      at: at("2026-11-20T09:05:00.000Z"),
      actorId: sam.id,
      action: "sync.batch",
      deviceId: "tablet-7",
      detail: { accepted: 3 },
    },
    {
      at: at("2026-11-21T12:00:00.000Z"),
      actorId: null,
      action: "auth.login_failed",
      target: "sam@example.org",
      detail: { reason: "bad_credentials" },
    },
    {
      at: at("2026-11-22T23:59:59.000Z"),
      actorId: sam.id,
      action: "auth.logout",
      detail: { note: "100%_done" },
    },
  ];
  for (const entry of entries) await audit(t.db, entry);
  return { samId: sam.id };
}

describe("GET /api/audit", () => {
  it("lists the newest entries first with who, what, when and from which device", async () => {
    await seedLog();
    const page = await search("?from=2026-11-01&to=2026-11-23");
    expect(page.entries.map((e) => e.action)).toEqual([
      "auth.logout",
      "auth.login_failed",
      "sync.batch",
      "auth.login",
    ]);
    const login = page.entries[3];
    expect(login).toMatchObject({
      at: "2026-11-20T09:00:00.000Z",
      actor: { email: "sam@example.org", displayName: "sam" },
      ip: "192.0.2.1",
      userAgent: "Tablet",
    });
    expect(page.entries[2]).toMatchObject({ deviceId: "tablet-7", detail: { accepted: 3 } });
    expect(page.entries[1]?.actor).toBeNull();
    expect(page.actions).toEqual(expect.arrayContaining(["auth.login", "auth.logout", "sync.batch"]));
  });

  it("filters by actor (email, id, or the email a failed sign-in tried), action or family, dates and text", async () => {
    const { samId } = await seedLog();
    const actions = async (query: string) => (await search(query)).entries.map((e) => e.action);
    const samOnly = ["auth.logout", "auth.login_failed", "sync.batch", "auth.login"];
    expect(await actions("?actor=SAM@example.org")).toEqual(samOnly);
    expect(await actions(`?actor=${samId}`)).toEqual(["auth.logout", "sync.batch", "auth.login"]);
    expect(await actions("?action=auth.login")).toEqual(["auth.login", "auth.login"]);
    expect(await actions("?action=auth&actor=sam@example.org")).toEqual([
      "auth.logout",
      "auth.login_failed",
      "auth.login",
    ]);
    expect(await actions("?from=2026-11-21&to=2026-11-22")).toEqual(["auth.logout", "auth.login_failed"]);
    expect(await actions("?from=2026-11-20T09:01:00Z&to=2026-11-21T00:00:00Z")).toEqual(["sync.batch"]);
    expect(await actions("?q=TABLET")).toEqual(["sync.batch", "auth.login"]);
    expect(await actions("?q=bad_cred")).toEqual(["auth.login_failed"]);
  });

  it("names what each entry affected in plain words, and keeps the bare target when it has no name", async () => {
    const sam = await addUser(t, "sam@example.org");
    const entries: Parameters<typeof audit>[1][] = [
      { at: at("2026-11-20T09:00:00.000Z"), actorId: null, action: "user.role_change", target: sam.id },
      { at: at("2026-11-20T09:01:00.000Z"), actorId: null, action: "area.update", target: "north" },
      {
        at: at("2026-11-20T09:02:00.000Z"),
        actorId: null,
        action: "survey.publish",
        target: "wellbeing-check@1",
      },
      {
        at: at("2026-11-20T09:03:00.000Z"),
        actorId: null,
        action: "survey.create",
        target: "wellbeing-check",
      },
      { at: at("2026-11-20T09:04:00.000Z"), actorId: null, action: "user.disable", target: "no-such-user" },
      {
        at: at("2026-11-20T09:05:00.000Z"),
        actorId: null,
        action: "auth.login_failed",
        target: "sam@example.org",
      },
      {
        at: at("2026-11-20T09:06:00.000Z"),
        actorId: null,
        action: "settings.suppression",
        target: "suppression_k",
      },
      {
        at: at("2026-11-20T09:06:30.000Z"),
        actorId: null,
        action: "export.download",
        target: "wellbeing-check",
      },
      {
        at: at("2026-11-20T09:07:00.000Z"),
        actorId: null,
        action: "outcome.read",
        target: "outcome-areas-co-produce-design-and-delivery",
      },
    ];
    for (const entry of entries) await audit(t.db, entry);
    const page = await search("?from=2026-11-20&to=2026-11-21");
    const shown = Object.fromEntries(page.entries.map((e) => [e.action, [e.target, e.targetLabel]]));
    expect(shown).toEqual({
      "user.role_change": [sam.id, "sam (sam@example.org)"],
      "area.update": ["north", "Northtown"],
      "survey.publish": ["wellbeing-check@1", "Wellbeing check, version 1"],
      "survey.create": ["wellbeing-check", "Wellbeing check"],
      "user.disable": ["no-such-user", null],
      "auth.login_failed": ["sam@example.org", null],
      "settings.suppression": ["suppression_k", null],
      "export.download": ["wellbeing-check", "Wellbeing check"],
      "outcome.read": [
        "outcome-areas-co-produce-design-and-delivery",
        "Areas co-produce the design and delivery of their work",
      ],
    });
  });

  it("names a reviewed interview by its participant code and wave, never by its bare id alone", async () => {
    const researcher = await t.signIn("peer_researcher", "north");
    const item = syncItem({ wave: 2 });
    await t.request("/api/sync", { method: "POST", cookie: researcher, json: { items: [item] } });
    const res = await t.request(`/api/review/responses/${item.id}`, { cookie: admin });
    expect(res.status).toBe(200);
    const read = (await search("?action=review")).entries.find((e) => e.action === "review.read");
    expect(read?.target).toBe(item.id);
    expect(read?.targetLabel).toBe(`Interview with participant ${item.participantCode}, follow-up 2`);
    // Searched by the code the page shows, the interview's entries are found.
    const found = await search(`?q=${encodeURIComponent(item.participantCode.slice(0, 6).toLowerCase())}`);
    expect(found.entries.map((e) => e.action)).toContain("review.read");
  });

  it("names the release table a note was added to by its title, keeping its id", async () => {
    const tableId = `${TEST_SURVEY_ID}/say_in_support:overall`;
    const sam = await addUser(t, "sam@example.org");
    await t.db
      .insertInto("releases")
      .values({
        id: "rel-1",
        survey_id: TEST_SURVEY_ID,
        title: "Spring findings",
        composition: "{}",
        status: "checked",
        created_at: NOW.toISOString(),
        created_by: sam.id,
        updated_at: NOW.toISOString(),
        snapshot_id: "snap-1",
        snapshot: JSON.stringify({
          id: "snap-1",
          tables: [{ id: tableId, title: "Say in support — everyone" }],
        }),
      })
      .execute();
    await audit(t.db, {
      at: NOW,
      actorId: null,
      action: "release.annotate",
      target: "rel-1",
      detail: { tableId },
    });
    await audit(t.db, {
      at: NOW,
      actorId: null,
      action: "release.annotate",
      target: "rel-1",
      detail: { tableId: "gone:overall" },
    });
    const entries = (await search("?action=release")).entries;
    expect(entries.map((e) => [e.targetLabel, e.detail.tableId, e.detailLabels])).toEqual(
      expect.arrayContaining([
        ["Spring findings", tableId, { tableId: "Say in support — everyone" }],
        ["Spring findings", "gone:overall", {}],
      ]),
    );
  });

  it("treats % and _ in the search text as themselves", async () => {
    await seedLog();
    expect((await search(`?q=${encodeURIComponent("100%_")}`)).entries.map((e) => e.action)).toEqual([
      "auth.logout",
    ]);
    expect((await search(`?q=${encodeURIComponent("%")}`)).entries).toHaveLength(1);
    expect((await search(`?q=${encodeURIComponent("' OR '1'='1")}`)).entries).toEqual([]);
    expect((await search(`?q=${encodeURIComponent("\\")}`)).entries).toEqual([]);
  });

  it("pages through the log without repeating or skipping, even while entries are added", async () => {
    for (let i = 0; i < 7; i += 1) {
      await audit(t.db, { at: NOW, actorId: null, action: "auth.login_failed", target: `x${i}@example.org` });
    }
    const seen: string[] = [];
    let cursor: string | null = "";
    let pages = 0;
    while (cursor !== null) {
      const page = await search(`?action=auth.login_failed&limit=3${cursor ? `&cursor=${cursor}` : ""}`);
      seen.push(...page.entries.map((e) => e.target ?? ""));
      cursor = page.nextCursor;
      pages += 1;
      // Something newer arriving meanwhile belongs before the first page, not in the next one.
      await audit(t.db, { at: new Date(NOW.getTime() + pages), actorId: null, action: "auth.login_failed" });
    }
    expect(pages).toBe(3);
    expect(seen.filter((target) => target !== "").sort()).toEqual(
      Array.from({ length: 7 }, (_, i) => `x${i}@example.org`),
    );
    expect(new Set(seen).size).toBe(seen.length);
  });

  it("is for admins only", async () => {
    expect((await t.request("/api/audit")).status).toBe(401);
    for (const role of ["coordinator", "peer_researcher", "evaluator", "expert"] as const) {
      const res = await t.request("/api/audit", { cookie: await t.signIn(role) });
      expect(res.status).toBe(403);
      expect(await res.json()).toMatchObject({ code: "forbidden_role" });
    }
  });

  it("refuses malformed, oversized and hostile queries with a problem that names the parameter", async () => {
    const cases: [string, string][] = [
      ["?from=yesterday", "from"],
      ["?to=2026-13-45", "to"],
      ["?from=2026-11-22&to=2026-11-20", "to"],
      ["?cursor=not-a-cursor", "cursor"],
      [`?cursor=${encodeURIComponent("2026-11-20T09:00:00.000Z_'; DROP TABLE audit_log; --")}`, "cursor"],
      ["?limit=0", "limit"],
      ["?limit=100000", "limit"],
      ["?limit=ten", "limit"],
      [`?q=${"x".repeat(201)}`, "q"],
      [`?actor=${"a".repeat(255)}`, "actor"],
      [`?action=${encodeURIComponent("auth'; DELETE FROM audit_log")}`, "action"],
      ["?everything=1", ""],
    ];
    for (const [query, field] of cases) {
      const res = await t.request(`/api/audit${query}`, { cookie: admin });
      expect(res.status, query).toBe(400);
      const problem = (await res.json()) as { code: string; issues?: { path: string[] }[] };
      expect(problem.code).toBe("invalid_query");
      if (field)
        expect(
          problem.issues?.map((i) => i.path[0]),
          query,
        ).toContain(field);
    }
    expect((await search("")).entries.length).toBeGreaterThan(0);
  });

  it("answers a bad percent-encoding calmly", async () => {
    const weird = await t.request("/api/audit?q=%E0%A4%A", { cookie: admin });
    expect(weird.status).toBeLessThan(500);
  });
});

describe("the audit log is append-only", () => {
  it("exposes no way to change or remove an entry", () => {
    const exported = Object.keys(auditRepository);
    expect(exported).toEqual(["audit"]);
  });

  it("has no code path in the server that updates or deletes audit rows", () => {
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (/\.tsx?$/.test(name) && !path.includes(`${join("db", "migrations")}`)) {
          const text = readFileSync(path, "utf8");
          if (
            /(updateTable|deleteFrom|replaceInto|mergeInto)\(\s*["'`]audit_log/.test(text) ||
            /\b(update|delete\s+from|truncate(\s+table)?)\s+["`]?audit_log/i.test(text) ||
            /insertInto\(\s*["'`]audit_log["'`]\s*\)[\s\S]{0,400}?onConflict/.test(text)
          ) {
            offenders.push(path);
          }
        }
      }
    };
    walk(join(import.meta.dirname, "../../server"));
    expect(offenders).toEqual([]);
  });

  it("never changes an existing entry while people sign in, fail, manage accounts and sync", async () => {
    await seedLog();
    const snapshot = async () =>
      (await t.db.selectFrom("audit_log").selectAll().orderBy("id").execute()).map((row) => ({ ...row }));
    const before = await snapshot();
    expect(before.length).toBeGreaterThan(4);

    const kim = await addUser(t, "kim@example.org", "peer_researcher", "north");
    const login = (password: string) =>
      t.request("/api/auth/login", { method: "POST", json: { email: "kim@example.org", password } });
    await login("wrong password");
    const kimCookie = (await login(TEST_PASSWORD)).headers.get("set-cookie")?.split(";")[0] ?? "";
    await t.request("/api/sync", { method: "POST", cookie: kimCookie, json: { items: [syncItem()] } });
    await t.request(`/api/users/${kim.id}/role`, {
      method: "PUT",
      cookie: admin,
      json: { role: "coordinator", areaId: "north" },
    });
    await t.request(`/api/users/${kim.id}/disable`, { method: "POST", cookie: admin });
    await t.request(`/api/users/${kim.id}/enable`, { method: "POST", cookie: admin });
    await t.request("/api/areas", {
      method: "POST",
      cookie: admin,
      json: { id: "east", name: "E", region: "E" },
    });
    await t.request("/api/auth/logout-all", { method: "POST", cookie: await sessionFor(t, kim.id) });
    await t.request("/api/auth/logout", { method: "POST", cookie: admin });

    const after = await snapshot();
    const afterById = new Map(after.map((row) => [row.id, row]));
    for (const row of before) expect(afterById.get(row.id)).toEqual(row);
    expect(after.length).toBeGreaterThanOrEqual(before.length + 9);
  });
});
