import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { policy, type RouteKey } from "../../../server/http/policy.ts";
import type { Role } from "../../../shared/contract/roles.ts";
import type { SyncItem } from "../../../shared/contract/sync.ts";
import type { XlsformImportResponse } from "../../../shared/contract/xlsform.ts";
import { createSurveyModel } from "../../../shared/survey/model.ts";
import type { Cell } from "../../../shared/xlsform/sheets.ts";
import { editorAs, publishedSurvey } from "../../helpers/editor.ts";
import { createTestContext, type TestContext } from "../../helpers/test-app.ts";
import { xlsxOf } from "../../helpers/xlsform.ts";
import { CO_PRODUCE, upload } from "../outcomes/helpers.ts";
import { composition, publishRelease } from "../releases/helpers.ts";
import { everyExportFile, probeInterview } from "./probe-helpers.ts";

/**
 * Probe (outside survey author, December 2026): surveys and XLSForms written by people outside the team,
 * using every place a participant can type — dynamic panels, dynamic and dropdown matrices with text
 * cells, multiple text, "Other" kept as a comment or as the answer itself, comment boxes, files and
 * signatures, e-mail and phone inputs, tags added by hand, calculated values that copy a name, a
 * question in a panel shown only on a condition, repeats, hidden questions — answered through the
 * real upload route with a name and phone number in each of those places.
 *
 * What participants are told (README "Who sees what"): the research team's data manager reads their
 * words; evaluators read codes, numbers and dates, not their words; support workers (coordinators),
 * experts, peer researchers once an interview is uploaded and the public read none of their answers,
 * only releases, which hold figures. Every GET route each of them may call (the route declarations,
 * decision 0053) is read, every export an evaluator may download, and a release composed over the
 * tagged questions of the same survey: none may carry what was typed.
 */

const SURVEY = "outsiders-survey";
const SECRET = /Bloggs|07700|ZW9uaWU/;
/** Everywhere a participant types the same kind of thing, each place marked so a failure says which. */
const typed = (place: string) => `Jo Bloggs ${place} 07700 900123`;

const elements = [
  { type: "boolean", name: "consent", title: "Are you happy to take part?", isRequired: true },
  {
    type: "rating",
    name: "say",
    title: "How much say do you have?",
    outcome: CO_PRODUCE,
    indicator: "higherIsBetter",
    showCommentArea: true,
  },
  {
    type: "radiogroup",
    name: "involved",
    title: "How involved are you?",
    outcome: CO_PRODUCE,
    indicator: "higherIsBetter",
    choices: [
      { value: "not", text: "Not at all", score: 1 },
      { value: "bit", text: "A bit", score: 2 },
    ],
    showOtherItem: true,
    storeOthersAsComment: false,
  },
  {
    type: "paneldynamic",
    name: "household",
    title: "Who lives with you?",
    templateElements: [
      { type: "text", name: "who", title: "First name" },
      {
        type: "dropdown",
        name: "relation",
        title: "Relation",
        choices: ["partner", "child"],
        showOtherItem: true,
      },
    ],
  },
  {
    type: "matrixdynamic",
    name: "contacts",
    title: "Who do you turn to?",
    columns: [
      { name: "name", cellType: "text" },
      { name: "kind", cellType: "dropdown", choices: ["friend", "worker"] },
    ],
  },
  {
    type: "checkbox",
    name: "closest",
    title: "Which of them do you see every week?",
    choicesFromQuestion: "contacts",
    choiceValuesFromQuestion: "name",
    choiceTextsFromQuestion: "name",
  },
  {
    type: "matrixdropdown",
    name: "services",
    title: "Tell us about each service",
    rows: ["gp", "housing"],
    columns: [{ name: "note", cellType: "text" }],
  },
  {
    type: "multipletext",
    name: "reach",
    title: "How to reach you",
    items: [{ name: "phone" }, { name: "street" }],
  },
  {
    type: "radiogroup",
    name: "housing",
    title: "Where do you stay?",
    choices: ["hostel", "own"],
    showOtherItem: true,
  },
  {
    type: "checkbox",
    name: "needs",
    title: "What do you need?",
    choices: ["food", "bed"],
    showCommentArea: true,
  },
  { type: "tagbox", name: "tags", title: "Anything else?", choices: ["money"], allowCustomChoices: true },
  { type: "ranking", name: "order", title: "Put in order", choices: ["food", "bed"] },
  { type: "file", name: "photo", title: "A photo" },
  { type: "signaturepad", name: "signature", title: "Sign here" },
  { type: "text", name: "email", title: "E-mail", inputType: "email" },
  { type: "text", name: "tel", title: "Phone", inputType: "tel" },
  { type: "text", name: "seen", title: "When", inputType: "date" },
  { type: "expression", name: "copied", title: "Copied", expression: "{tel}" },
  {
    type: "panel",
    name: "more",
    visibleIf: "{say} >= 3",
    elements: [{ type: "comment", name: "story", title: "Tell us more" }],
  },
];

/** What a tablet sends: survey-core's own data after the answers are given, as the interview runner keeps it. */
function answered(
  definition: Record<string, unknown>,
  values: Record<string, unknown>,
): Record<string, unknown> {
  const model = createSurveyModel(definition);
  for (const [name, value] of Object.entries(values)) model.setValue(name, value);
  return { ...model.data };
}

const survey = { pages: [{ name: "page1", elements }], calculatedValues: [] };
function jsonAnswers(say: number): Record<string, unknown> {
  return answered(survey, {
    consent: true,
    say,
    "say-Comment": typed("comment box"),
    involved: typed("other as answer"),
    household: [{ who: typed("panel"), relation: "other", "relation-Comment": typed("panel other") }],
    contacts: [{ name: typed("matrix row"), kind: "friend" }],
    closest: [typed("matrix row")],
    services: { gp: { note: typed("matrix cell") } },
    reach: { phone: typed("multiple text"), street: "1 Road" },
    housing: "other",
    "housing-Comment": typed("other comment"),
    needs: ["food"],
    "needs-Comment": typed("checkbox comment"),
    tags: ["money", typed("own tag")],
    order: ["bed", "food"],
    photo: [{ name: `${typed("file")}.jpg`, type: "image/jpeg", content: "data:image/jpeg;base64,ZW9uaWU=" }],
    signature: "data:image/png;base64,ZW9uaWU=",
    email: `jo.bloggs.${say}@example.org`,
    tel: typed("phone input"),
    seen: "2026-11-01",
    story: typed("conditional panel"),
  });
}

const H = ["type", "name", "label", "calculation", "choice_filter", "appearance", "relevant"];
const row = (v: Partial<Record<(typeof H)[number], string>>): Cell[] => H.map((h) => v[h] ?? null);
const ref = (name: string) => ["$", "{", name, "}"].join("");

function xlsform(): Promise<Uint8Array> {
  return xlsxOf({
    survey: [
      H,
      row({ type: "acknowledge", name: "consent", label: "I agree to take part" }),
      row({ type: "text", name: "nick", label: "What should we call you?" }),
      row({ type: "select_multiple help or_other", name: "help", label: "Help used" }),
      row({ type: "select_one region", name: "region", label: "Region" }),
      row({
        type: "select_one town",
        name: "town",
        label: "Town",
        choice_filter: `region = ${ref("region")}`,
      }),
      row({ type: "calculate", name: "greeting", calculation: ref("nick") }),
      row({ type: "note", name: "hello", label: `Thank you, ${ref("nick")}` }),
      row({ type: "hidden", name: "kept" }),
      row({
        type: "text",
        name: "story",
        label: "Story",
        appearance: "multiline",
        relevant: `${ref("region")} = 'north'`,
      }),
      row({ type: "begin_repeat", name: "kids", label: "Each child" }),
      row({ type: "text", name: "kid", label: "Child's first name" }),
      row({ type: "calculate", name: "kid_again", calculation: ref("kid") }),
      row({ type: "end_repeat" }),
    ],
    choices: [
      ["list_name", "name", "label", "region"],
      ["help", "food", "Food", null],
      ["help", "bed", "A bed", null],
      ["region", "north", "North", null],
      ["town", "leeds", "Leeds", "north"],
    ],
    settings: [
      ["form_id", "form_title"],
      ["outsiders-xlsform", "Outsiders' XLSForm"],
    ],
  });
}

let t: TestContext;
let admin: string;
let cookies: Record<string, string>;
let items: SyncItem[];
let releaseId: string;
let publicToken: string;
let xlsformId: string;

beforeAll(async () => {
  t = await createTestContext();
  admin = await t.signIn("admin");
  await publishedSurvey(t, SURVEY, ...elements);

  const expert = await editorAs(t, "expert");
  const imported = await t.request("/api/editor/xlsform", {
    method: "POST",
    cookie: expert.cookie,
    headers: { "content-type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
    body: (await xlsform()) as BodyInit,
  });
  expect(imported.status, await imported.clone().text()).toBe(201);
  const { draft } = (await imported.json()) as XlsformImportResponse;
  xlsformId = draft.surveyId;
  expect((await expert.status(xlsformId, "in_review", draft.revision)).status).toBe(200);
  expect((await (await editorAs(t, "expert")).signOff(xlsformId, draft.revision)).status).toBe(201);
  expect((await (await editorAs(t, "coordinator")).publish(xlsformId, draft.revision)).status).toBe(201);

  const researcher = await t.signIn("peer_researcher", "north");
  const southResearcher = await t.signIn("peer_researcher", "south");
  const says = [1, 2, 3, 4, 5, 5];
  const north = says.map((say) => probeInterview(SURVEY, 1, jsonAnswers(say)));
  const south = says.map((say) => ({ ...probeInterview(SURVEY, 1, jsonAnswers(say)), areaId: "south" }));
  const fromXlsform = {
    ...probeInterview(xlsformId, 1, {}),
    data: answered(draft.definition as Record<string, unknown>, {
      consent: "OK",
      nick: typed("xlsform text"),
      help: ["food", "other"],
      "help-Comment": typed("xlsform or_other"),
      region: "north",
      town: "leeds",
      kept: typed("xlsform hidden"),
      story: typed("xlsform relevant"),
      kids: [{ kid: typed("xlsform repeat") }],
    }),
  };
  await upload(t, researcher, [...north, fromXlsform]);
  await upload(t, southResearcher, south);
  items = [...north, ...south, fromXlsform];
  // The data manager reads each flagged interview and approves it, so the release counts them.
  for (const item of items) {
    const detail = (await (
      await t.request(`/api/review/responses/${item.id}`, { cookie: admin })
    ).json()) as {
      response: { reviewStatus: string; revisions: number; currentRevision: number };
    };
    const { reviewStatus, revisions, currentRevision } = detail.response;
    if (reviewStatus !== "needs_review") continue;
    const decided = await t.request(`/api/review/responses/${item.id}/decision`, {
      method: "POST",
      cookie: admin,
      json: {
        status: "approved",
        comment: "Read the participant's own words; fine to count.",
        seen: { status: reviewStatus, revisions, currentRevision },
      },
    });
    expect(decided.status, await decided.clone().text()).toBe(200);
  }

  const analyst = await t.signIn("evaluator", null);
  // The analyst looks at the dashboard first; that is what brings the approvals into the counts (the
  // release check itself does not: see the report of this probe).
  expect((await t.request("/api/outcomes/map", { cookie: analyst })).status).toBe(200);
  const release = await publishRelease(
    t,
    { analyst, expert: expert.cookie },
    composition({ surveyId: SURVEY, outcomes: [CO_PRODUCE], breakdowns: ["overall", "area"] }),
  );
  releaseId = release.id;
  publicToken = release.publicLink?.token ?? "";
  expect(publicToken).not.toBe("");

  cookies = {
    "a coordinator": await t.signIn("coordinator", "north"),
    "an evaluator of one area": await t.signIn("evaluator", "north"),
    "an evaluator of the whole study": analyst,
    "an expert": expert.cookie,
    "a peer researcher, after upload": researcher,
  };
}, 120_000);
afterAll(async () => {
  await t.close();
});

/** Every GET path `role` may call, with each kind of id this study has filled in. */
function readablePaths(role: Role | null): string[] {
  const paths = new Set<string>();
  for (const key of Object.keys(policy) as RouteKey[]) {
    const rule: "public" | readonly string[] = policy[key];
    if (!key.startsWith("GET ")) continue;
    if (rule !== "public" && (role === null || !rule.includes(role))) continue;
    const template = key.slice(4);
    for (const id of [SURVEY, xlsformId, releaseId, items[0]?.id ?? "", items.at(-1)?.id ?? ""]) {
      paths.add(
        template
          .replace(":areaId", "north")
          .replace(":userId", "00000000-0000-4000-8000-000000000000")
          .replace(":surveyId", id)
          .replace(":outcomeId", CO_PRODUCE)
          .replace(":token", publicToken)
          .replace(":file", "codebook.csv")
          .replace(":version", "1")
          .replace(":id", id),
      );
    }
  }
  return [...paths];
}

async function readsOf(role: Role | null, cookie: string | undefined): Promise<Record<string, string>> {
  const texts: Record<string, string> = {};
  for (const path of readablePaths(role)) {
    const res = await t.request(path, cookie ? { cookie } : {});
    expect(res.status, path).toBeLessThan(500);
    texts[path] = await res.text();
  }
  if (role === "evaluator" && cookie) {
    for (const id of [SURVEY, xlsformId]) {
      for (const [file, text] of Object.entries(await everyExportFile(t, id, cookie))) {
        texts[`export ${id} ${file}`] = text;
      }
    }
    for (const item of items) {
      const res = await t.request(`/api/review/responses/${item.id}`, { cookie });
      texts[`review ${item.areaId} ${item.surveyId}`] = await res.text();
    }
  }
  return texts;
}

describe("probe: what participants type in outsiders' surveys", () => {
  it.each<[string, Role | null]>([
    ["a coordinator", "coordinator"],
    ["an evaluator of one area", "evaluator"],
    ["an evaluator of the whole study", "evaluator"],
    ["an expert", "expert"],
    ["a peer researcher, after upload", "peer_researcher"],
    ["anyone with the public link", null],
  ])("is out of reach of %s", async (who, role) => {
    const texts = await readsOf(role, cookies[who]);
    const paths = Object.keys(texts);
    expect(paths.some((p) => p.includes(role === null ? publicToken : releaseId))).toBe(true);
    if (role !== null) expect(paths.length).toBeGreaterThan(10);
    for (const [where, text] of Object.entries(texts)) {
      expect(SECRET.exec(text)?.[0], `${who}: ${where}`).toBeUndefined();
    }
  });

  it("reaches the data manager, so the other audiences were really asked about it", async () => {
    const texts = Object.values(await everyExportFile(t, SURVEY, admin)).join("\n");
    for (const place of [
      "comment box",
      "other as answer",
      "panel",
      "matrix cell",
      "own tag",
      "conditional panel",
    ]) {
      expect(texts, place).toContain(typed(place));
    }
    const xlsformTexts = Object.values(await everyExportFile(t, xlsformId, admin)).join("\n");
    for (const place of ["xlsform text", "xlsform or_other", "xlsform hidden", "xlsform repeat"]) {
      expect(xlsformTexts, place).toContain(typed(place));
    }
    const release = await t.request(`/api/public/releases/${publicToken}`);
    expect(release.status).toBe(200);
  });
});
