import { readFileSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { publishVersion } from "../../server/surveys/surveys.repository.ts";
import type { SyncOutcome, SyncResponse } from "../../shared/contract/sync.ts";
import { surveyFields } from "../../shared/survey/fields.ts";
import { createSurveyModel } from "../../shared/survey/model.ts";
import { csvObjects } from "../helpers/strict-csv.ts";
import { syncItem } from "../helpers/sync-items.ts";
import { createTestContext, NOW, type TestContext } from "../helpers/test-app.ts";

// Issue 18: the language an interview was asked in is stored with it (decision 0037).

const SURVEY = "how-things-are";
const definition = JSON.parse(
  readFileSync(new URL("../fixtures/surveys/three-languages.json", import.meta.url), "utf8"),
) as Record<string, unknown>;

let t: TestContext;
let researcher: string;

beforeEach(async () => {
  t = await createTestContext();
  researcher = await t.signIn("peer_researcher", "north");
  await publishVersion(
    t.db,
    {
      id: SURVEY,
      title: "How things are",
      description: "",
      definition,
      fields: surveyFields(createSurveyModel(definition)),
    },
    NOW,
  );
});
afterEach(async () => {
  await t.close();
});

function interview(language?: unknown) {
  const item = syncItem({
    surveyId: SURVEY,
    data: { consent: true, accommodation: "hostel", say_in_support: 4 },
  });
  return language === undefined ? item : { ...item, language };
}

async function sync(items: unknown[]): Promise<SyncOutcome[]> {
  const res = await t.request("/api/sync", { method: "POST", cookie: researcher, json: { items } });
  expect(res.status).toBe(200);
  return ((await res.json()) as SyncResponse).results;
}

async function storedLanguage(id: string): Promise<string | null | undefined> {
  const row = await t.db.selectFrom("responses").select("language").where("id", "=", id).executeTakeFirst();
  return row?.language;
}

describe("interview language on upload", () => {
  it("stores the language the interview was asked in", async () => {
    const polish = interview("pl");
    const arabic = interview("ar");
    const results = await sync([polish, arabic]);
    expect(results.map((r) => r.outcome)).toEqual(["accepted", "accepted"]);
    expect(await storedLanguage(polish.id)).toBe("pl");
    expect(await storedLanguage(arabic.id)).toBe("ar");
  });

  it("takes an interview from a tablet older than languages as the survey's main language", async () => {
    const old = interview();
    expect("language" in old).toBe(false);
    const [result] = await sync([old]);
    expect(result?.outcome).toBe("accepted");
    expect(await storedLanguage(old.id)).toBe("en");
    // A resend from the same old tablet is recognised as the same interview.
    const [again] = await sync([old]);
    expect(again?.outcome).toBe("duplicate");
  });

  it("stores an interview in a language the version does not have, and flags it for review", async () => {
    const item = interview("fr");
    const [result] = await sync([item]);
    expect(result?.outcome).toBe("needs_review");
    if (result?.outcome !== "needs_review") return;
    expect(result.issues).toContainEqual({
      question: "language",
      message: expect.stringContaining("(fr)"),
    });
    expect(await storedLanguage(item.id)).toBe("fr");
  });

  it.each([
    ["markup", "<script>alert(1)</script>"],
    ["a spreadsheet formula", "=HYPERLINK(1)"],
    ["the placeholder key", "default"],
    ["spaces", "p l"],
    ["a path", "../../etc"],
  ])(
    "refuses a language that is %s, keeps the rest of the batch and stores nothing of it",
    async (_, value) => {
      const bad = interview(value);
      const good = interview("pl");
      const [refused, stored] = await sync([bad, good]);
      expect(refused).toMatchObject({ id: bad.id, outcome: "rejected" });
      if (refused?.outcome !== "rejected") return;
      expect(refused.problem.code).toBe("interview_language_invalid");
      expect(JSON.stringify(refused.problem)).not.toContain(value);
      expect(stored?.outcome).toBe("accepted");
      expect(await storedLanguage(bad.id)).toBeUndefined();
    },
  );

  it.each([
    ["oversized", "pl-".padEnd(200, "x")],
    ["empty", ""],
    ["not a string", 7],
    ["an object", { pl: "x" }],
  ])("refuses a request whose language is %s with a clear problem", async (_, value) => {
    const item = interview(value);
    const res = await t.request("/api/sync", { method: "POST", cookie: researcher, json: { items: [item] } });
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    const problem = (await res.json()) as { code: string };
    expect(problem.code).toBe("invalid_body");
    expect(await storedLanguage(item.id)).toBeUndefined();
  });
});

describe("interview language in exports", () => {
  async function download(file: string): Promise<string> {
    const admin = await t.signIn("admin", "north");
    const res = await t.request(`/api/exports/${SURVEY}/${file}`, { cookie: admin });
    expect(res.status, await res.clone().text()).toBe(200);
    return res.text();
  }

  it("carries a language column, with the same answer values whatever the language", async () => {
    const polish = interview("pl");
    const arabic = interview("ar");
    const old = interview();
    await sync([polish, arabic, old]);
    const rows = csvObjects(await download("responses-wide.csv"));
    const byId = new Map(rows.map((r) => [r.response_id, r]));
    expect(byId.get(polish.id)).toMatchObject({
      language: "pl",
      accommodation: "hostel",
      say_in_support: "4",
    });
    expect(byId.get(arabic.id)).toMatchObject({
      language: "ar",
      accommodation: "hostel",
      say_in_support: "4",
    });
    expect(byId.get(old.id)).toMatchObject({ language: "en", accommodation: "hostel" });
  });

  it("lists each question's and choice's wording in every language in the codebook", async () => {
    const rows = csvObjects(await download("codebook.csv"));
    const hostel = rows.find((r) => r.column === "accommodation" && r.choice_value === "hostel");
    expect(hostel).toMatchObject({
      title: "Where are you staying at the moment?",
      choice_label: "A hostel",
      title_pl: "Gdzie teraz mieszkasz?",
      choice_label_pl: "Hostel",
      title_ar: "أين تقيم حاليا؟",
      choice_label_ar: "نزل",
    });
    const rating = rows.find((r) => r.column === "say_in_support");
    expect(rating).toMatchObject({ title_pl: "Jak duży masz wpływ na swoje wsparcie?" });
    const envelope = rows.find((r) => r.column === "language");
    expect(envelope?.title).toContain("language the participant was asked in");
  });
});
