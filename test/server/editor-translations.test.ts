import type { KyselyPlugin } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { saveDraft } from "../../server/editor/draft-save.service.ts";
import type { Me } from "../../shared/contract/auth.ts";
import type { Role } from "../../shared/contract/roles.ts";
import type { TranslationsImportReport, TranslationsView } from "../../shared/contract/translations.ts";
import { withPictureReferences } from "../../shared/editor/easy-read-pictures.ts";
import { definitionWith, type EditorClient, editorAs, sayQuestion } from "../helpers/editor.ts";
import { createTestContext, NOW, type TestContext } from "../helpers/test-app.ts";

let t: TestContext;
beforeEach(async () => {
  t = await createTestContext();
});
afterEach(async () => {
  await t.close();
});

const ID = "languages";
const name = { type: "text", name: "home", title: "Where do you live now?" };
const PNG =
  "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==";

async function setUp() {
  const expert = await editorAs(t, "expert");
  const coordinator = await editorAs(t, "coordinator");
  await expert.create(ID);
  const saved = await expert.saveOk(ID, 1, definitionWith(sayQuestion, name));
  return { expert, coordinator, revision: saved.revision };
}

async function viewOf(client: EditorClient): Promise<TranslationsView> {
  const res = await client.request("GET", `/surveys/${ID}/translations`);
  expect(res.status).toBe(200);
  return (await res.json()) as TranslationsView;
}

async function translate(
  client: EditorClient,
  locale: string,
  revision: number,
  strings: Record<string, string>,
) {
  const res = await client.request("PUT", `/surveys/${ID}/translations/${locale}`, {
    revision,
    strings: Object.entries(strings).map(([key, text]) => ({ key, text })),
  });
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as TranslationsView;
}

const POLISH = {
  "survey:title": "Mieć coś do powiedzenia",
  "q:say:title": "Jak dużo masz do powiedzenia w swoim wsparciu?",
  "q:say:choices:none": "Nic",
  "q:say:choices:some": "Trochę",
  "q:say:choices:lots": "Dużo",
  "q:home:title": "Gdzie teraz mieszkasz?",
};

describe("translation in the editor", () => {
  it("translates, marks out of date after the source changes, signs off and publishes with Arabic not offered", async () => {
    const { expert, coordinator, revision } = await setUp();
    let view = await translate(expert, "pl", revision, POLISH);
    expect(view.languages).toMatchObject([{ locale: "pl", missing: 0, outOfDate: 0, offered: true }]);
    expect(view.strings.find((s) => s.key === "q:say:choices:some")?.texts.pl).toMatchObject({
      text: "Trochę",
      state: "done",
    });

    // Arabic added, one text translated: incomplete.
    expect((await expert.request("POST", `/surveys/${ID}/languages`, { locale: "ar" })).status).toBe(201);
    view = await translate(expert, "ar", view.revision, { "q:home:title": "أين تعيش الآن؟" });
    expect(view.languages.find((l) => l.locale === "ar")).toMatchObject({ missing: 5 });

    // Signing off needs the expert to read Polish.
    let res = await expert.request("POST", `/surveys/${ID}/languages/pl/signoffs`, {});
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ code: "language_not_read" });
    expect((await expert.request("PUT", "/my-languages", { locales: ["pl"] })).status).toBe(200);
    res = await expert.request("POST", `/surveys/${ID}/languages/pl/signoffs`, { note: "Read it all" });
    expect(res.status).toBe(201);
    view = (await res.json()) as TranslationsView;
    expect(view.languages.find((l) => l.locale === "pl")?.signOff).toMatchObject({ current: true });

    // The English changes: the Polish is out of date and the sign-off no longer covers it.
    const draft = await expert.view(ID);
    const changed = structuredClone(draft.draft.definition) as {
      pages: { elements: { title: unknown }[] }[];
    };
    const home = changed.pages[0]?.elements[1];
    if (!home) throw new Error("no home question");
    home.title = { ...(home.title as Record<string, string>), default: "Where are you living now?" };
    const saved = await expert.saveOk(ID, draft.draft.revision, changed);
    view = await viewOf(expert);
    const row = view.strings.find((s) => s.key === "q:home:title");
    expect(row?.texts.pl).toMatchObject({ state: "out_of_date", madeFrom: "Where do you live now?" });
    expect(view.languages.find((l) => l.locale === "pl")).toMatchObject({
      outOfDate: 1,
      signOff: { current: false },
    });

    // Publishing refuses an unfinished, unsigned language.
    expect((await expert.status(ID, "in_review", saved.revision)).status).toBe(200);
    expect((await expert.signOff(ID, saved.revision)).status).toBe(201);
    res = await coordinator.publish(ID, saved.revision);
    expect(res.status).toBe(409);
    const refused = await res.json();
    expect(refused).toMatchObject({ code: "language_not_ready" });
    expect(JSON.stringify(refused.issues)).toContain("Polish");
    expect(JSON.stringify(refused.issues)).toContain("Arabic");

    // Re-translate the changed text (back to editing), sign off again, mark Arabic not offered, publish.
    expect((await expert.status(ID, "draft", saved.revision)).status).toBe(200);
    view = await translate(expert, "pl", saved.revision, { "q:home:title": "Gdzie teraz mieszkasz?" });
    expect(view.languages.find((l) => l.locale === "pl")).toMatchObject({ outOfDate: 0 });
    expect((await expert.request("POST", `/surveys/${ID}/languages/pl/signoffs`, {})).status).toBe(201);
    expect((await coordinator.request("PUT", `/surveys/${ID}/languages/ar`, { offered: false })).status).toBe(
      200,
    );
    expect((await expert.status(ID, "in_review", view.revision)).status).toBe(200);
    // The Polish wording was confirmed unchanged (no new revision), so the expert's sign-off of this
    // revision already stands: 200, not 201.
    expect(view.revision).toBe(saved.revision);
    expect((await expert.signOff(ID, view.revision)).status).toBe(200);
    res = await coordinator.publish(ID, view.revision);
    expect(res.status, await res.clone().text()).toBe(201);
    const { version } = (await res.json()) as { version: number };
    const published = await (
      await t.request(`/api/surveys/${ID}/versions/${version}`, { cookie: coordinator.cookie })
    ).text();
    expect(published).toContain("Gdzie teraz mieszkasz?");
    expect(published).not.toContain("أين تعيش الآن؟");
    expect(published).not.toContain('"ar"');

    const audit = await t.request("/api/audit?limit=50", { cookie: await t.signIn("admin") });
    const auditText = await audit.text();
    expect(auditText).toContain("survey.language_signoff");
    expect(auditText).toContain("survey.language_not_offered");
  });

  it("exports a CSV and imports it back, reporting what changed and refusing what it cannot use", async () => {
    const { expert, revision } = await setUp();
    const view = await translate(expert, "pl", revision, { "q:home:title": "Gdzie mieszkasz?" });
    const exported = await expert.request("GET", `/surveys/${ID}/translations.csv`);
    expect(exported.status).toBe(200);
    expect(exported.headers.get("content-type")).toContain("text/csv");
    const bytes = new Uint8Array(await exported.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = new TextDecoder().decode(bytes);
    const edited = csv.replace("Gdzie mieszkasz?", '"Gdzie, ""teraz"", mieszkasz?"');
    const post = (body: string, query = `revision=${view.revision}`) =>
      t.request(`/api/editor/surveys/${ID}/translations.csv?${query}`, {
        method: "POST",
        cookie: expert.cookie,
        headers: { "content-type": "text/csv" },
        body,
      });
    let res = await post(edited, `revision=${view.revision}&preview=1`);
    expect(res.status, await res.clone().text()).toBe(200);
    let report = (await res.json()) as TranslationsImportReport;
    expect(report).toMatchObject({
      applied: false,
      changes: [{ key: "q:home:title", after: 'Gdzie, "teraz", mieszkasz?' }],
    });
    res = await post(edited);
    report = (await res.json()) as TranslationsImportReport;
    expect(report.applied).toBe(true);
    expect(report.revision).toBe(view.revision + 1);
    expect(report.changes).toHaveLength(1);

    res = await post(`id,Polish (pl)\r\nq:nope:title,x\r\n`, `revision=${report.revision}`);
    expect(res.status).toBe(422);
    const problem = await res.json();
    expect(problem).toMatchObject({ code: "translations_csv_unusable", issues: [{ path: [2, "id"] }] });
    expect(problem.issues[0].message).toContain("Row 2");

    res = await post("x".repeat(3 * 1024 * 1024), `revision=${report.revision}`);
    expect(res.status).toBe(413);
    res = await post(csv, "revision=abc");
    expect(res.status).toBe(400);
    res = await t.request(`/api/editor/surveys/${ID}/translations.csv?revision=1`, {
      method: "POST",
      cookie: expert.cookie,
      headers: { "content-type": "application/octet-stream" },
      body: "a,b",
    });
    expect(res.status).toBe(415);
  });

  it("stores Easy Read pictures, refusing huge ones, SVG with script and pictures without a description", async () => {
    const { expert, revision } = await setUp();
    const put = (body: unknown) => expert.request("PUT", `/surveys/${ID}/pictures`, body);
    let res = await put({ revision, question: "home", picture: { dataUrl: PNG, alt: "A front door" } });
    expect(res.status, await res.clone().text()).toBe(200);
    const { revision: next, definition } = (await res.json()) as { revision: number; definition: unknown };
    expect(JSON.stringify(definition)).toContain("home__easy_read");
    const svg = `data:image/svg+xml;base64,${btoa('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')}`;
    res = await put({ revision: next, question: "home", picture: { dataUrl: svg, alt: "x" } });
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({ code: "picture_invalid" });
    res = await put({ revision: next, question: "home", picture: { dataUrl: PNG, alt: "" } });
    expect(res.status).toBe(400);
    res = await put({
      revision: next,
      question: "home",
      picture: { dataUrl: `data:image/png;base64,${"A".repeat(440_000)}`, alt: "x" },
    });
    expect(res.status).toBe(422);
    res = await put({ revision: next, question: "home", padding: "x".repeat(600 * 1024) });
    expect(res.status).toBe(413);
    res = await put({ revision: next, question: "nobody", picture: { dataUrl: PNG, alt: "x" } });
    expect(res.status).toBe(404);
    const languages = await viewOf(expert);
    expect(languages.languages.map((l) => l.locale)).toContain("en-easy");
  });

  it("refuses malformed and hostile input", async () => {
    const { expert, revision } = await setUp();
    const cases: [string, string, unknown, number][] = [
      ["PUT", `/surveys/${ID}/translations/pl`, { revision, strings: [] }, 400],
      [
        "PUT",
        `/surveys/${ID}/translations/pl`,
        { revision, strings: [{ key: "q:nope:title", text: "x" }] },
        400,
      ],
      [
        "PUT",
        `/surveys/${ID}/translations/pl`,
        { revision: revision + 5, strings: [{ key: "q:home:title", text: "x" }] },
        409,
      ],
      [
        "PUT",
        `/surveys/${ID}/translations/en`,
        { revision, strings: [{ key: "q:home:title", text: "x" }] },
        404,
      ],
      [
        "PUT",
        `/surveys/${ID}/translations/%3Cscript%3E`,
        { revision, strings: [{ key: "q:home:title", text: "x" }] },
        404,
      ],
      ["POST", `/surveys/${ID}/languages`, { locale: "default" }, 400],
      ["POST", `/surveys/${ID}/languages`, { locale: "../../etc" }, 400],
      ["PUT", `/surveys/${ID}/languages/xx`, { offered: false }, 404],
      ["PUT", "/my-languages", { locales: ["pl", 3] }, 400],
      ["POST", `/surveys/${ID}/languages/pl/signoffs`, { note: "x", extra: 1 }, 400],
    ];
    for (const [method, path, body, status] of cases) {
      const res = await expert.request(method, path, body);
      expect(res.status, `${method} ${path}`).toBe(status);
      expect(res.headers.get("content-type")).toContain("application/problem+json");
    }
    const huge = await expert.request("PUT", `/surveys/${ID}/translations/pl`, {
      revision,
      strings: [{ key: "q:home:title", text: "x".repeat(70 * 1024) }],
    });
    expect(huge.status).toBe(413);
    // A translation is text, never HTML: a script in it is stored as words and the page renders them as words.
    const view = await translate(expert, "pl", revision, { "q:home:title": "<img src=x onerror=alert(1)>" });
    expect(view.strings.find((s) => s.key === "q:home:title")?.texts.pl?.text).toBe(
      "<img src=x onerror=alert(1)>",
    );
  });

  it("lets each role do only what the policy says", async () => {
    await setUp();
    const expected: Record<Role, { read: number; signOff: number }> = {
      admin: { read: 200, signOff: 403 },
      coordinator: { read: 200, signOff: 403 },
      expert: { read: 200, signOff: 404 },
      evaluator: { read: 403, signOff: 403 },
      peer_researcher: { read: 403, signOff: 403 },
    } as Record<Role, { read: number; signOff: number }>;
    for (const [role, want] of Object.entries(expected) as [Role, { read: number; signOff: number }][]) {
      const cookie = await t.signIn(role);
      const read = await t.request(`/api/editor/surveys/${ID}/translations`, { cookie });
      expect(read.status, role).toBe(want.read);
      const csv = await t.request(`/api/editor/surveys/${ID}/translations.csv`, { cookie });
      expect(csv.status, role).toBe(want.read);
      const signOff = await t.request(`/api/editor/surveys/${ID}/languages/pl/signoffs`, {
        method: "POST",
        cookie,
        json: {},
      });
      expect(signOff.status, role).toBe(want.signOff);
    }
    const anonymous = await t.request(`/api/editor/surveys/${ID}/translations`);
    expect(anonymous.status).toBe(401);
  });

  it("refuses a picture whose bytes are not what its type says, and pictures from roles that may not edit", async () => {
    const { expert, revision } = await setUp();
    const put = (client: EditorClient, body: unknown) =>
      client.request("PUT", `/surveys/${ID}/pictures`, body);
    const asData = (type: string, bytes: string | Uint8Array) =>
      `data:${type};base64,${Buffer.from(bytes).toString("base64")}`;
    const hostile = [
      asData("image/png", "<html><script>alert(1)</script></html>"),
      asData("image/png", '<svg xmlns="http://www.w3.org/2000/svg"></svg>'),
      asData("image/png", new Uint8Array([0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 1, 0, 1, 0])),
      asData("image/gif", new Uint8Array([0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 1, 0, 1, 0])),
      asData("text/html", "<p>hello</p>"),
      asData("image/svg+xml", '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>'),
      asData(
        "image/svg+xml",
        '<svg xmlns="http://www.w3.org/2000/svg"><image href="https://x.example/a.png"/></svg>',
      ),
      "javascript:alert(1)",
      "https://tracker.example/pixel.png",
    ];
    for (const dataUrl of hostile) {
      const res = await put(expert, { revision, question: "home", picture: { dataUrl, alt: "A door" } });
      expect(res.status, dataUrl.slice(0, 40)).toBe(422);
      expect(await res.json()).toMatchObject({ code: "picture_invalid" });
    }
    expect((await expert.view(ID)).draft.revision).toBe(revision);
    for (const role of ["evaluator", "peer_researcher"] as const) {
      const cookie = await t.signIn(role);
      const read = await t.request(`/api/editor/surveys/${ID}/pictures`, { cookie });
      expect(read.status, role).toBe(403);
      const write = await t.request(`/api/editor/surveys/${ID}/pictures`, {
        method: "PUT",
        cookie,
        json: { revision, question: "home", picture: { dataUrl: PNG, alt: "A door" } },
      });
      expect(write.status, role).toBe(403);
    }
    expect((await t.request(`/api/editor/surveys/${ID}/pictures`)).status).toBe(401);
  });
});

describe("a draft with many Easy Read pictures", () => {
  // A picture the checks accept: PNG's signature, then ~60 KB of bytes (about 80 KB as a data URL).
  const bigPicture = (seed: number) => {
    const bytes = new Uint8Array(60 * 1024);
    bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    for (let i = 8; i < bytes.length; i += 1) bytes[i] = (i * 31 + seed * 17) % 251;
    return `data:image/png;base64,${Buffer.from(bytes).toString("base64")}`;
  };

  /** Five pictures on the draft through the pictures route; the revision after them. */
  async function withPictures(expert: EditorClient, revision: number, pictures: string[]) {
    let at = revision;
    const targets: [string, string | undefined][] = [
      ["home", undefined],
      ["say", undefined],
      ["say", "none"],
      ["say", "some"],
      ["say", "lots"],
    ];
    for (const [i, [question, choice]] of targets.entries()) {
      const res = await expert.request("PUT", `/surveys/${ID}/pictures`, {
        revision: at,
        question,
        choice,
        picture: { dataUrl: pictures[i], alt: `Picture ${i}` },
      });
      expect(res.status, await res.clone().text()).toBe(200);
      at = ((await res.json()) as { revision: number }).revision;
    }
    return at;
  }

  const storedText = async () =>
    (
      await t.db
        .selectFrom("survey_drafts")
        .select("definition")
        .where("survey_id", "=", ID)
        .executeTakeFirstOrThrow()
    ).definition;
  const storedPictureCount = async () =>
    (
      await t.db
        .selectFrom("survey_draft_pictures")
        .select("picture_key")
        .where("survey_id", "=", ID)
        .execute()
    ).length;

  it("saves from the editor within the ordinary body limit, the pictures kept from the stored draft", async () => {
    const { expert, revision } = await setUp();
    const pictures = [0, 1, 2, 3, 4].map(bigPicture);
    const at = await withPictures(expert, revision, pictures);
    const stored = (await expert.view(ID)).draft.definition;
    expect(JSON.stringify(stored).length).toBeGreaterThan(5 * 80_000);
    // The whole definition no longer fits an ordinary save: the problem this answers.
    expect((await expert.save(ID, at, stored)).status).toBe(413);

    // What the editor sends: references, with an edit to the wording.
    const edited = JSON.parse(JSON.stringify(stored).replace("Where do you live now?", "Where do you live?"));
    const sent = withPictureReferences(edited);
    expect(JSON.stringify(sent).length).toBeLessThan(64 * 1024);
    const saved = await expert.saveOk(ID, at, sent);
    const after = JSON.stringify((await expert.view(ID)).draft.definition);
    expect(after).toContain("Where do you live?");
    for (const picture of pictures.slice(0, 5)) expect(after).toContain(picture);
    expect(after).not.toContain("alongside-picture:");

    // The pictures view lists each question with its picture and words.
    const view = await expert.request("GET", `/surveys/${ID}/pictures`);
    expect(view.status).toBe(200);
    const body = (await view.json()) as {
      revision: number;
      questions: { question: string; picture: { alt: string } | null; choices: { picture: unknown }[] }[];
    };
    expect(body.revision).toBe(saved.revision);
    expect(body.questions.find((q) => q.question === "home")?.picture?.alt).toBe("Picture 0");
    expect(body.questions.find((q) => q.question === "say")?.choices.filter((c) => c.picture)).toHaveLength(
      3,
    );

    // A reference to a picture the draft does not hold is refused, and nothing is saved.
    const unknown = JSON.parse(
      JSON.stringify(sent).replace(/alongside-picture:[0-9a-f]+/, "alongside-picture:00000000000000"),
    );
    const refused = await expert.save(ID, saved.revision, unknown);
    expect(refused.status).toBe(422);
    expect(await refused.json()).toMatchObject({ code: "picture_invalid" });
    expect((await expert.view(ID)).draft.revision).toBe(saved.revision);
  });
  it("stores each picture once, apart from the draft's text, so saving a wording change writes only the text (issue 18)", async () => {
    const { expert, revision } = await setUp();
    const pictures = [0, 1, 2, 3, 4].map(bigPicture);
    const at = await withPictures(expert, revision, pictures);
    // About 400 KB of pictures; the draft's own text stays small and holds none of them.
    expect(await storedText()).not.toContain("data:image");
    expect((await storedText()).length).toBeLessThan(20_000);
    expect(await storedPictureCount()).toBe(5);

    // A wording change, saved as the route saves it (references already put back), every statement
    // sent to the database recorded.
    const statements: string[] = [];
    const recorder: KyselyPlugin = {
      transformQuery: ({ node }) => {
        if (node.kind !== "SelectQueryNode") statements.push(JSON.stringify(node));
        return node;
      },
      transformResult: async ({ result }) => result,
    };
    const me = (await (await t.request("/api/auth/me", { cookie: expert.cookie })).json()) as Me;
    const stored = (await expert.view(ID)).draft.definition;
    const edited = JSON.parse(JSON.stringify(stored).replace("Where do you live now?", "Where do you live?"));
    await saveDraft({ db: t.db.withPlugin(recorder), user: me, now: NOW }, ID, {
      revision: at,
      title: "Having a say",
      description: "",
      definition: edited,
      confirmDataNameChanges: [],
    });
    const written = statements.reduce((sum, s) => sum + s.length, 0);
    expect(written).toBeGreaterThan(0);
    expect(written).toBeLessThan(40_000);

    // Read back, the draft is standard SurveyJS JSON with every picture inside.
    const after = JSON.stringify((await expert.view(ID)).draft.definition);
    expect(after).toContain("Where do you live?");
    for (const picture of pictures) expect(after).toContain(picture);
    expect(after).not.toContain("alongside-stored-picture:");

    // A picture taken off the draft is no longer stored.
    const res = await expert.request("PUT", `/surveys/${ID}/pictures`, {
      revision: at + 1,
      question: "home",
      picture: null,
    });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await storedPictureCount()).toBe(4);
    expect(JSON.stringify((await expert.view(ID)).draft.definition)).not.toContain(pictures[0]);
  });

  it("reads a draft stored with its pictures inside its text, and moves them apart on its next save", async () => {
    const { expert, revision } = await setUp();
    const pictures = [0, 1, 2, 3, 4].map(bigPicture);
    const at = await withPictures(expert, revision, pictures);
    // As a draft was stored before pictures had their own table.
    const inside = JSON.stringify((await expert.view(ID)).draft.definition);
    await t.db.updateTable("survey_drafts").set({ definition: inside }).where("survey_id", "=", ID).execute();
    await t.db.deleteFrom("survey_draft_pictures").where("survey_id", "=", ID).execute();
    expect(JSON.stringify((await expert.view(ID)).draft.definition)).toBe(inside);

    await expert.saveOk(ID, at, withPictureReferences(JSON.parse(inside.replace("now?", "today?"))));
    expect(await storedText()).not.toContain("data:image");
    expect(await storedPictureCount()).toBe(5);
    const after = JSON.stringify((await expert.view(ID)).draft.definition);
    for (const picture of pictures) expect(after).toContain(picture);
  });
});
