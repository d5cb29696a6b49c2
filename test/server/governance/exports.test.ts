import { randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { publishVersion } from "../../../server/surveys/surveys.repository.ts";
import type { ExportableSurveysResponse } from "../../../shared/contract/exports.ts";
import { generateParticipantCode } from "../../../shared/contract/participant-code.ts";
import type { SyncItem } from "../../../shared/contract/sync.ts";
import { surveyFields } from "../../../shared/survey/fields.ts";
import { createSurveyModel } from "../../../shared/survey/model.ts";
import { csvObjects, parseCsvStrict } from "../../helpers/strict-csv.ts";
import { syncItem } from "../../helpers/sync-items.ts";
import { createTestContext, NOW, readFixtureSurvey, type TestContext } from "../../helpers/test-app.ts";
import { unzip } from "../../helpers/unzip.ts";
import { auditEntries, reviewDetail, seenOf, upload } from "./helpers.ts";

/**
 * Exports checked against the database: a seeded data set with the awkward cases (commas, quotes and
 * newlines in free text, non-ASCII, an answer that reads "NA", values that fail their question's
 * checks, two survey versions, a comment for "other"), read back with a strict RFC 4180 reader and
 * compared, cell by cell, with what the database holds.
 */

const SURVEY = "wellbeing-check";
const code = () => generateParticipantCode((a) => crypto.getRandomValues(a));

/** Version 2: "other" with its own text, a reworded question, a new one, one dropped, a name that clashes. */
function versionTwo(): Record<string, unknown> {
  const definition = readFixtureSurvey() as { pages: { elements: Record<string, unknown>[] }[] };
  const answers = definition.pages[1] as { elements: Record<string, unknown>[] };
  answers.elements = answers.elements
    .filter((e) => e.name !== "last_contact")
    .map((e) => {
      if (e.name === "accommodation") return { ...e, showOtherItem: true };
      if (e.name === "say_in_support") return { ...e, title: "How much say do you have now?" };
      return e;
    });
  answers.elements.push(
    { type: "rating", name: "trust", title: "Do you trust your worker?", rateMin: 1, rateMax: 5 },
    { type: "text", name: "wave", title: "Which wave do you think this is?", inputType: "number" },
  );
  return definition;
}

const FREE_TEXT = 'He said "no, not today",\nthen left.\r\nNext day: fine, thanks';
const NON_ASCII = "Zoë’s café ☕ — 😀 مرحبا 日本語";

interface Seeded {
  exported: SyncItem[];
  rejected: SyncItem;
  withdrawn: SyncItem;
  south: SyncItem;
}

let t: TestContext;
let researcher: string;
let dataManager: string;
let seeded: Seeded;

async function seed(): Promise<Seeded> {
  const definition = versionTwo();
  await publishVersion(
    t.db,
    {
      id: SURVEY,
      title: "Wellbeing check",
      description: "",
      definition,
      fields: surveyFields(createSurveyModel(definition)),
    },
    NOW,
  );
  const quoting = syncItem({
    data: {
      consent: true,
      accommodation: "hostel",
      say_in_support: 4,
      visits: 3,
      last_contact: "2026-11-20",
      services: ["gp", "drop_in"],
      anything_else: FREE_TEXT,
    },
  });
  const nonAscii = syncItem({
    wave: 1,
    administrationMode: "self_completed",
    startedAt: "2026-11-26T09:30:00+01:00",
    data: {
      consent: true,
      accommodation: "own",
      say_in_support: 2,
      services: ["none"],
      anything_else: NON_ASCII,
    },
  });
  const flagged = syncItem({
    data: {
      consent: true,
      accommodation: "castle",
      say_in_support: 9,
      visits: "lots",
      last_contact: "2026-02-30",
      anything_else: "  indented, with spaces  ",
    },
  });
  const second = syncItem({
    surveyVersion: 2,
    data: {
      consent: true,
      accommodation: "other",
      "accommodation-Comment": "my sister's flat, for now",
      say_in_support: 3,
      trust: 5,
      wave: 2,
      anything_else: "NA",
    },
  });
  const declined = syncItem({ data: { consent: false } });
  const rejected = syncItem({ data: { ...quoting.data, anything_else: "rejected row" } });
  const withdrawn = syncItem({ participantCode: code() });
  await upload(t, researcher, [quoting, nonAscii, flagged, second, declined, rejected, withdrawn]);
  const south = syncItem({ areaId: "south" });
  await upload(t, await t.signIn("peer_researcher", "south"), [south]);

  const detail = await reviewDetail(t, dataManager, rejected.id);
  const res = await t.request(`/api/review/responses/${rejected.id}/decision`, {
    method: "POST",
    cookie: dataManager,
    json: { status: "rejected", comment: "Test interview.", seen: seenOf(detail) },
  });
  expect(res.status).toBe(200);
  const withdrawal = await t.request("/api/withdrawals", {
    method: "POST",
    cookie: dataManager,
    json: { participantCode: withdrawn.participantCode, choice: "delete_all" },
  });
  expect(withdrawal.status).toBe(201);
  return { exported: [quoting, nonAscii, flagged, second, declined], rejected, withdrawn, south };
}

beforeEach(async () => {
  t = await createTestContext();
  researcher = await t.signIn("peer_researcher", "north");
  // The data manager (admin) is the one exporter who sees free text; scoped to north here so every
  // expectation below is about one area's rows, as it would be for an area's own data manager.
  dataManager = await t.signIn("admin", "north");
  seeded = await seed();
});
afterEach(async () => {
  await t.close();
});

async function download(cookie: string, file: string, query = ""): Promise<Response> {
  return t.request(`/api/exports/${SURVEY}/${file}${query}`, { cookie });
}

async function text(cookie: string, file: string, query = ""): Promise<string> {
  const res = await download(cookie, file, query);
  expect(res.status, await res.clone().text()).toBe(200);
  return res.text();
}

/** The rows an export must hold, straight from the database. */
async function expectedRows(areaId: string | null) {
  let query = t.db
    .selectFrom("responses")
    .selectAll()
    .where("survey_id", "=", SURVEY)
    .where("review_status", "!=", "rejected")
    .orderBy("received_at")
    .orderBy("id");
  if (areaId) query = query.where("area_id", "=", areaId);
  return query.execute();
}

/** What the wide file must say for one answer, by the question's type (written independently of the server). */
function expectedCell(column: string, value: unknown): string | null {
  if (value === undefined || value === null || value === "") return null;
  switch (column) {
    case "consent":
      return value ? "TRUE" : "FALSE";
    case "say_in_support":
    case "trust":
      return Number.isInteger(value) ? String(value) : null;
    case "visits":
    case "wave_2":
      return typeof value === "number" ? String(value) : null;
    case "last_contact":
      return value === "2026-11-20" ? value : null;
    case "services":
      return (value as string[]).join(";");
    default:
      return value as string;
  }
}

const DATA_KEY: Record<string, string> = { accommodation_comment: "accommodation-Comment", wave_2: "wave" };
const ANSWER_COLUMNS = [
  "consent",
  "accommodation",
  "accommodation_comment",
  "say_in_support",
  "visits",
  "services",
  "anything_else",
  "trust",
  "wave_2",
  "last_contact",
];

describe("the wide CSV", () => {
  it("holds every exportable response of the caller's area, cell for cell as the database has it", async () => {
    const csv = await text(dataManager, "responses-wide.csv");
    expect(csv.charCodeAt(0)).not.toBe(0xfeff);
    const [header] = parseCsvStrict(csv);
    expect(header?.map((f) => f.text)).toEqual([
      "response_id",
      "participant_code",
      "survey_id",
      "survey_version",
      "area_id",
      "wave",
      "administration_mode",
      "language",
      "started_at",
      "completed_at",
      "received_at",
      "review_status",
      "review_issues",
      "withheld_answers",
      ...ANSWER_COLUMNS,
    ]);
    const rows = csvObjects(csv);
    const expected = await expectedRows("north");
    expect(rows.map((r) => r.response_id)).toEqual(expected.map((r) => r.id));
    expect(new Set(rows.map((r) => r.response_id))).toEqual(new Set(seeded.exported.map((i) => i.id)));

    for (const [n, db] of expected.entries()) {
      const row = rows[n] ?? {};
      const data = JSON.parse(db.data) as Record<string, unknown>;
      const issues = [...new Set((JSON.parse(db.issues) as { question: string }[]).map((i) => i.question))];
      expect(row).toMatchObject({
        participant_code: db.participant_code,
        survey_id: SURVEY,
        survey_version: String(db.survey_version),
        area_id: "north",
        wave: String(db.wave),
        administration_mode: db.administration_mode,
        language: db.language,
        started_at: new Date(db.started_at).toISOString().replace(".000Z", "Z"),
        received_at: "2026-11-26T10:00:00Z",
        review_status: db.review_status,
        review_issues: issues.length ? issues.join(";") : null,
      });
      for (const column of ANSWER_COLUMNS) {
        expect(row[column], `${db.id} ${column}`).toBe(
          expectedCell(column, data[DATA_KEY[column] ?? column]),
        );
      }
    }
  });

  it("quotes commas, quotes, newlines, edge spaces and a literal NA, and keeps non-ASCII text as UTF-8", async () => {
    const res = await download(dataManager, "responses-wide.csv");
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8; header=present");
    const bytes = new Uint8Array(await res.arrayBuffer());
    const csv = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    expect(csv).toContain('"He said ""no, not today"",\nthen left.\r\nNext day: fine, thanks"');
    expect(csv).toContain(`,${NON_ASCII},`);
    expect(csv).toContain(',"  indented, with spaces  ",');
    const byId = new Map(csvObjects(csv).map((r) => [r.response_id, r]));
    const [quoting, nonAscii, flagged, second] = seeded.exported as [SyncItem, SyncItem, SyncItem, SyncItem];
    expect(byId.get(quoting.id)?.anything_else).toBe(FREE_TEXT);
    expect(byId.get(nonAscii.id)?.anything_else).toBe(NON_ASCII);
    expect(byId.get(flagged.id)?.anything_else).toBe("  indented, with spaces  ");
    // An answer that is literally "NA" is quoted; the missing-value marker never is.
    expect(csv).toContain(',"NA",');
    expect(byId.get(second.id)?.anything_else).toBe("NA");
    expect(byId.get(second.id)?.last_contact).toBeNull();
  });

  it("leaves a value that does not fit its column's type missing, and lists the response's issues", async () => {
    const rows = csvObjects(await text(dataManager, "responses-wide.csv"));
    const flagged = rows.find((r) => r.response_id === seeded.exported[2]?.id);
    expect(flagged?.review_issues?.split(";").sort()).toEqual([
      "accommodation",
      "last_contact",
      "say_in_support",
      "visits",
    ]);
    expect(flagged).toMatchObject({
      review_status: "needs_review",
      accommodation: "castle",
      say_in_support: "9",
      visits: null,
      last_contact: null,
    });
  });

  it("never holds rejected responses or a withdrawn participant's, even a row that raced the withdrawal", async () => {
    // As if an upload had slipped in while the withdrawal was being recorded.
    const user = await t.db.selectFrom("users").select("id").executeTakeFirstOrThrow();
    const raced = seeded.withdrawn;
    await t.db
      .insertInto("responses")
      .values({
        id: randomUUID(),
        survey_id: SURVEY,
        survey_version: 1,
        participant_code: raced.participantCode,
        wave: 3,
        area_id: "north",
        administration_mode: "read_aloud",
        started_at: raced.startedAt,
        completed_at: raced.completedAt,
        received_at: NOW.toISOString(),
        submitted_by: user.id,
        device_id: null,
        data: JSON.stringify(raced.data),
        content_hash: "x",
        review_status: "received",
        issues: "[]",
      })
      .execute();
    const admin = await t.signIn("admin");
    for (const file of ["responses-wide.csv", "responses-long.csv", "responses.json"]) {
      const body = await text(admin, file);
      expect(body, file).not.toContain(seeded.rejected.id);
      expect(body, file).not.toContain("rejected row");
      expect(body, file).not.toContain(raced.participantCode);
    }
  });
});

describe("the long CSV", () => {
  it("has one row per answer and per chosen code, matching the database", async () => {
    const rows = csvObjects(await text(dataManager, "responses-long.csv"));
    const expected: string[] = [];
    for (const db of await expectedRows("north")) {
      const data = JSON.parse(db.data) as Record<string, unknown>;
      for (const column of ANSWER_COLUMNS) {
        const value = data[DATA_KEY[column] ?? column];
        if (value === undefined || value === null || value === "") continue;
        for (const v of Array.isArray(value) ? value : [value]) {
          const cell = typeof v === "boolean" ? (v ? "TRUE" : "FALSE") : String(v);
          expected.push(
            [db.id, db.participant_code, db.area_id, db.wave, db.survey_version, column, cell].join("|"),
          );
        }
      }
    }
    expect(
      rows.map((r) =>
        [r.response_id, r.participant_code, r.area_id, r.wave, r.survey_version, r.question, r.value].join(
          "|",
        ),
      ),
    ).toEqual(expected);
    // Values are kept as sent, even those the wide file leaves missing.
    expect(rows.find((r) => r.question === "visits" && r.response_id === seeded.exported[2]?.id)?.value).toBe(
      "lots",
    );
    expect(rows.find((r) => r.value === FREE_TEXT)).toBeDefined();
  });
});

describe("the JSON export", () => {
  it("holds each response's answers exactly as stored, with the survey's versions and columns", async () => {
    const body = JSON.parse(await text(dataManager, "responses.json")) as {
      survey: { id: string };
      versions: { version: number; fields: { name: string; title: string }[] }[];
      columns: { name: string; key: string }[];
      responses: {
        responseId: string;
        answers: Record<string, unknown>;
        issues: string[];
        reviewStatus: string;
      }[];
    };
    expect(body.survey.id).toBe(SURVEY);
    expect(body.versions.map((v) => v.version)).toEqual([1, 2]);
    expect(body.columns.map((c) => c.name)).toEqual(ANSWER_COLUMNS);
    const expected = await expectedRows("north");
    expect(body.responses.map((r) => r.responseId)).toEqual(expected.map((r) => r.id));
    for (const [n, db] of expected.entries()) {
      expect(body.responses[n]?.answers).toEqual(JSON.parse(db.data));
      expect(body.responses[n]?.reviewStatus).toBe(db.review_status);
    }
  });
});

describe("the codebook", () => {
  it("gives each question's wording per version, its type, choice codes with labels and outcome tag", async () => {
    const rows = csvObjects(await text(dataManager, "codebook.csv"));
    const say = rows.filter((r) => r.column === "say_in_support");
    expect(say.map((r) => [r.survey_version, r.title, r.outcome, r.indicator, r.export_type])).toEqual([
      ["1", "How much say do you have in your support?", "outcome-test", "higherIsBetter", "integer"],
      ["2", "How much say do you have now?", "outcome-test", "higherIsBetter", "integer"],
    ]);
    expect(
      rows
        .filter((r) => r.column === "accommodation" && r.survey_version === "1")
        .map((r) => [r.choice_value, r.choice_label]),
    ).toEqual([
      ["own", "My own place"],
      ["hostel", "A hostel"],
      ["street", "On the street"],
      ["prefer_not", "Prefer not to say"],
    ]);
    expect(rows.find((r) => r.column === "last_contact")).toMatchObject({
      survey_version: "1",
      input_type: "date",
    });
    expect(rows.find((r) => r.column === "accommodation_comment")).toMatchObject({
      question: "accommodation-Comment",
      free_text: "TRUE",
    });
    expect(rows.find((r) => r.column === "services")?.note).toContain("separated by ';'");
    expect(rows.find((r) => r.column === "received_at")?.export_type).toBe("datetime");
  });
});

describe("the Frictionless data package", () => {
  it("is a valid zip of datapackage.json and the CSVs, each file matching its schema", async () => {
    const res = await download(dataManager, "datapackage.zip", "?wave=0");
    expect(res.headers.get("content-type")).toBe("application/zip");
    expect(res.headers.get("content-disposition")).toBe(
      'attachment; filename="wellbeing-check-datapackage-2026-11-26.zip"',
    );
    const files = unzip(new Uint8Array(await res.arrayBuffer()));
    expect([...files.keys()]).toEqual([
      "datapackage.json",
      "responses-wide.csv",
      "responses-long.csv",
      "codebook.csv",
    ]);
    const descriptor = JSON.parse(files.get("datapackage.json")?.toString("utf8") ?? "") as {
      profile: string;
      name: string;
      resources: {
        name: string;
        path: string;
        encoding: string;
        dialect: { delimiter: string; lineTerminator: string };
        schema: { fields: { name: string; type: string; format?: string }[]; missingValues: string[] };
      }[];
    };
    expect(descriptor.profile).toBe("tabular-data-package");
    expect(descriptor.name).toMatch(/^[a-z0-9._-]+$/);
    for (const resource of descriptor.resources) {
      expect(resource.encoding).toBe("utf-8");
      expect(resource.dialect).toMatchObject({ delimiter: ",", lineTerminator: "\r\n" });
      expect(resource.schema.missingValues).toEqual(["NA"]);
      const csv = files.get(resource.path)?.toString("utf8") ?? "";
      const [header, ...records] = parseCsvStrict(csv);
      expect(header?.map((f) => f.text)).toEqual(resource.schema.fields.map((f) => f.name));
      for (const record of records) {
        for (const [i, field] of resource.schema.fields.entries()) {
          const cell = record[i];
          if (!cell || (!cell.quoted && cell.text === "NA")) continue;
          expect(
            fitsType(cell.text, field.type, field.format),
            `${resource.name}.${field.name} = ${cell.text}`,
          ).toBe(true);
        }
      }
    }
    const wide = csvObjects(files.get("responses-wide.csv")?.toString("utf8") ?? "");
    const waveZero = (await expectedRows("north")).filter((r) => Number(r.wave) === 0);
    expect(wide.map((r) => r.response_id)).toEqual(waveZero.map((r) => r.id));
    // Every response in the long file is in the wide file (the package's foreign key).
    const ids = new Set(wide.map((r) => r.response_id));
    const long = csvObjects(files.get("responses-long.csv")?.toString("utf8") ?? "");
    expect(long.length).toBeGreaterThan(0);
    expect(long.every((r) => ids.has(r.response_id))).toBe(true);
  });
});

/** Frictionless Table Schema v1 types, as `frictionless validate` checks them. */
function fitsType(value: string, type: string, format?: string): boolean {
  switch (type) {
    case "string":
      return (
        format !== "uuid" || /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(value)
      );
    case "integer":
      return /^-?\d+$/.test(value);
    case "number":
      return /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(value);
    case "boolean":
      return ["TRUE", "FALSE"].includes(value);
    case "date":
      return /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value));
    case "datetime":
      return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(value);
    default:
      return false;
  }
}

describe("who may export what", () => {
  it("leaves free text out of an evaluator's export, and says so in the codebook", async () => {
    const evaluator = await t.signIn("evaluator");
    const list = (await (
      await t.request("/api/exports", { cookie: evaluator })
    ).json()) as ExportableSurveysResponse;
    expect(list.freeTextWithheld).toBe(true);
    expect(list.misfitsWithheld).toBe(true);
    const wide = await text(evaluator, "responses-wide.csv");
    const header = parseCsvStrict(wide)[0]?.map((f) => f.text) ?? [];
    expect(header).not.toContain("anything_else");
    expect(header).not.toContain("accommodation_comment");
    expect(header).toContain("say_in_support");
    for (const file of ["responses-wide.csv", "responses-long.csv", "responses.json"]) {
      const body = await text(evaluator, file);
      expect(body).not.toContain("not today");
      expect(body).not.toContain("sister");
      expect(body).not.toContain("café");
    }
    const codebook = csvObjects(await text(evaluator, "codebook.csv"));
    expect(codebook.find((r) => r.question === "anything_else")).toMatchObject({
      column: null,
      free_text: "TRUE",
      note: "Free text: left out of this export for your role.",
    });
    // A national evaluator sees every area.
    expect(csvObjects(wide).map((r) => r.area_id)).toContain("south");
  });

  it("keeps each caller to their area, and refuses another area's filter", async () => {
    const northEvaluator = await t.signIn("evaluator", "north");
    expect(
      new Set(csvObjects(await text(northEvaluator, "responses-wide.csv")).map((r) => r.area_id)),
    ).toEqual(new Set(["north"]));
    for (const cookie of [dataManager, northEvaluator]) {
      const res = await download(cookie, "responses-wide.csv", "?areaId=south");
      expect(res.status).toBe(403);
    }
    const admin = await t.signIn("admin");
    const south = csvObjects(await text(admin, "responses-wide.csv", "?areaId=south"));
    expect(south.map((r) => r.response_id)).toEqual([seeded.south.id]);
    const surveys = (await (
      await t.request("/api/exports", { cookie: dataManager })
    ).json()) as ExportableSurveysResponse;
    expect(surveys.surveys).toEqual([
      { id: SURVEY, title: "Wellbeing check", versions: [1, 2], responses: 5 },
    ]);
  });

  it("filters by wave and by approval", async () => {
    const wave1 = csvObjects(await text(dataManager, "responses-wide.csv", "?wave=1"));
    expect(wave1.map((r) => r.response_id)).toEqual([seeded.exported[1]?.id]);
    expect(csvObjects(await text(dataManager, "responses-wide.csv", "?status=approved"))).toEqual([]);
  });

  it("is closed to coordinators, peer researchers, experts and anyone signed out", async () => {
    for (const role of ["coordinator", "peer_researcher", "expert"] as const) {
      const cookie = await t.signIn(role, "north");
      expect((await download(cookie, "responses-wide.csv")).status).toBe(403);
      expect((await t.request("/api/exports", { cookie })).status).toBe(403);
    }
    expect((await download("", "responses-wide.csv")).status).toBe(401);
  });

  it("audits every download with who, what, which filters and how many responses", async () => {
    await text(dataManager, "responses-long.csv", "?wave=0&status=all");
    const [entry] = await auditEntries(t, "export.download");
    expect(entry).toMatchObject({ target: SURVEY, actor_id: expect.any(String) });
    expect(JSON.parse(entry?.detail ?? "{}")).toEqual({
      file: "responses-long.csv",
      responses: 4,
      filters: { areaId: null, wave: 0, status: "all" },
      freeTextWithheld: false,
      misfitsWithheld: false,
    });
  });

  it("refuses unknown files and surveys, and malformed or hostile query strings", async () => {
    for (const path of [
      `/api/exports/${SURVEY}/passwd`,
      `/api/exports/${SURVEY}/..%2F..%2Fetc%2Fpasswd`,
      "/api/exports/no-such-survey/responses-wide.csv",
      "/api/exports/NOT%20A%20SURVEY/responses-wide.csv",
    ]) {
      expect((await t.request(path, { cookie: dataManager })).status, path).toBe(404);
    }
    for (const query of [
      "?wave=-1",
      "?wave=abc",
      "?wave=1e3",
      "?wave=101",
      "?status=rejected",
      "?areaId=%27%3B--",
      "?format=xlsx",
      `?areaId=${"a".repeat(500)}`,
    ]) {
      const res = await download(dataManager, "responses-wide.csv", query);
      expect(res.status, query).toBe(400);
      expect(((await res.json()) as { code: string }).code).toBe("invalid_query");
    }
    expect(await auditEntries(t, "export.download")).toEqual([]);
  });
});

describe("a large export", () => {
  it("streams page after page in a stable order, with the count sent first for progress", async () => {
    const user = await t.db.selectFrom("users").select("id").executeTakeFirstOrThrow();
    const rows = Array.from({ length: 1234 }, (_, n) => {
      const id = randomUUID();
      return {
        id,
        survey_id: SURVEY,
        survey_version: 1,
        participant_code: code(),
        wave: n % 3,
        area_id: "north",
        administration_mode: "read_aloud",
        started_at: "2026-11-26T09:30:00.000Z",
        completed_at: "2026-11-26T09:52:00.000Z",
        // Many rows share an arrival time, as a batch does: the id breaks the tie between pages.
        received_at: `2026-11-2${n % 5}T08:00:00.000Z`,
        submitted_by: user.id,
        device_id: null,
        data: JSON.stringify({
          consent: true,
          say_in_support: (n % 5) + 1,
          anything_else: `row ${n}, "quoted"\n`,
        }),
        content_hash: id,
        review_status: "received",
        issues: "[]",
      };
    });
    for (let i = 0; i < rows.length; i += 200)
      await t.db
        .insertInto("responses")
        .values(rows.slice(i, i + 200))
        .execute();

    const res = await download(dataManager, "responses-wide.csv");
    expect(res.headers.get("x-export-responses")).toBe(String(1234 + seeded.exported.length));
    const reader = res.body?.getReader();
    let chunks = 0;
    let csv = "";
    const decoder = new TextDecoder();
    for (;;) {
      const { value, done } = (await reader?.read()) ?? { done: true, value: undefined };
      if (done) break;
      chunks += 1;
      csv += decoder.decode(value, { stream: true });
    }
    expect(chunks).toBeGreaterThan(3);
    const exported = csvObjects(csv).map((r) => r.response_id);
    expect(exported).toEqual((await expectedRows("north")).map((r) => r.id));
    expect(new Set(exported).size).toBe(exported.length);

    const zip = unzip(new Uint8Array(await (await download(dataManager, "datapackage.zip")).arrayBuffer()));
    expect(
      csvObjects(zip.get("responses-wide.csv")?.toString("utf8") ?? "").map((r) => r.response_id),
    ).toEqual(exported);
  });
});
