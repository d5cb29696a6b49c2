import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { publishVersion } from "../../server/surveys/surveys.repository.ts";
import { setPicture } from "../../shared/editor/easy-read-pictures.ts";
import { surveyFields } from "../../shared/survey/fields.ts";
import { createSurveyModel } from "../../shared/survey/model.ts";
import { axeViolations, type E2E, startE2E } from "./harness.ts";
import {
  choosePinIfAsked,
  goOffline,
  holdToTakeBack,
  signIn,
  waitUntilReadyOffline,
} from "./offline-helpers.ts";

// Issue 18: the bilingual interview. The researcher keeps English on the interviewer view, with the
// participant's wording beneath each question; show card and hand-over are in the participant's
// language, right to left for Arabic; the language is stored with the interview.

const FIELDWORK_TABLET = { viewport: { width: 1180, height: 820 }, hasTouch: true } as const;
const definition = JSON.parse(
  readFileSync(new URL("../fixtures/surveys/three-languages.json", import.meta.url), "utf8"),
) as Record<string, unknown>;

// The same survey with Easy Read wording and a picture for the question and for two of its choices
// (decision 0038: `image` elements shown only in Easy Read, data URLs stored with the version).
const PNG_1PX =
  "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";
const easyRead = (() => {
  const withWords = JSON.parse(JSON.stringify(definition), (key, value) =>
    key === "title" && value?.default === "Where are you staying at the moment?"
      ? { ...value, "en-easy": "Where do you live now?" }
      : value,
  );
  let next = setPicture(withWords, "accommodation", undefined, { dataUrl: PNG_1PX, alt: "A house" });
  next = setPicture(next, "accommodation", "hostel", { dataUrl: PNG_1PX, alt: "A hostel with beds" });
  next = setPicture(next, "accommodation", "own_home", { dataUrl: PNG_1PX, alt: "A front door" });
  if (!next) throw new Error("no accommodation question");
  return next as unknown as Record<string, unknown>;
})();

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
  await e2e.addUser("peer_researcher", "northtown", "languages@example.org");
  await publishVersion(
    e2e.server.handle.db,
    {
      id: "how-things-are",
      title: "How things are",
      description: "Three languages",
      definition,
      fields: surveyFields(createSurveyModel(definition)),
    },
    new Date(),
  );
  await publishVersion(
    e2e.server.handle.db,
    {
      id: "how-things-are-easy",
      title: "How things are, Easy Read",
      description: "Three languages and Easy Read pictures",
      definition: easyRead,
      fields: surveyFields(createSurveyModel(easyRead)),
    },
    new Date(),
  );
  // French wording (the corpus offers it) but no catalogue of our own words in French yet.
  const french = JSON.parse(JSON.stringify(definition), (key, value) =>
    key === "title" && value?.default === "Where are you staying at the moment?"
      ? { ...value, fr: "Où logez-vous en ce moment ?" }
      : value,
  ) as Record<string, unknown>;
  await publishVersion(
    e2e.server.handle.db,
    {
      id: "how-things-are-fr",
      title: "How things are, French",
      description: "A language with no catalogue of our words",
      definition: french,
      fields: surveyFields(createSurveyModel(french)),
    },
    new Date(),
  );
});
afterAll(async () => {
  await e2e?.close();
});

async function startIn(page: Page, language: RegExp, survey = "How things are"): Promise<void> {
  await page.getByRole("button", { name: `Choose ${survey}`, exact: true }).click();
  await choosePinIfAsked(page);
  await page.getByRole("heading", { name: "Start an interview", level: 1 }).waitFor();
  await page.getByRole("button", { name: "New code" }).click();
  await page.getByRole("group", { name: "Which language does the participant want?" }).waitFor();
  await page.getByLabel(language).check();
  await page.getByRole("button", { name: "Start, read aloud by me" }).click();
  await page.getByRole("heading", { name: "Readiness check" }).waitFor();
  await page.getByRole("button", { name: "All of these are true: go to consent" }).click();
}

describe("an interview in the participant's language", () => {
  it("runs in Polish with the interviewer view in English, and stores the language", async () => {
    const context = await e2e.browser.newContext(FIELDWORK_TABLET);
    const page = await context.newPage();
    await signIn(page, e2e.server.url, "languages@example.org");
    await page.getByRole("heading", { name: "Choose a survey" }).waitFor();
    await startIn(page, /^polski/);

    // Interviewer view: English, with the Polish wording beneath to point at.
    await page.getByRole("heading", { name: "Are you happy to answer some questions?" }).waitFor();
    const wording = page.locator(".participant-wording", {
      hasText: "Czy zgadzasz się odpowiedzieć na kilka pytań?",
    });
    await wording.waitFor();
    expect(await wording.getAttribute("lang")).toBe("pl");
    expect(await page.locator(".interview__survey").getAttribute("lang")).toBe("en");

    // Show card: the participant's language.
    await page.getByText("Yes", { exact: true }).click();
    await page.getByText("On the council list", { exact: true }).waitFor();
    // Watches for the hidden choice's Polish wording appearing at any moment, even briefly.
    await page.evaluate(() => {
      const seen = { polishCouncilList: false };
      (window as unknown as { seen: typeof seen }).seen = seen;
      new MutationObserver(() => {
        if (document.body.textContent?.includes("Na liście w urzędzie")) seen.polishCouncilList = true;
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    await page.getByRole("button", { name: "Show card" }).click();
    await page.getByRole("heading", { name: "Gdzie teraz mieszkasz?" }).waitFor();
    expect(await page.locator(".interview__survey").getAttribute("lang")).toBe("pl");
    expect(await page.getByText("Własne mieszkanie").isVisible()).toBe(true);
    // A choice shown only outside Polish (`visibleIf: "{$survey.locale} <> 'pl'"`) hides on the switch.
    expect(await page.getByText("Na liście w urzędzie").count()).toBe(0);
    expect(
      await page.evaluate(() => (window as unknown as { seen: { polishCouncilList: boolean } }).seen),
    ).toEqual({ polishCouncilList: false });
    // survey-core's own words are Polish too (a lazy chunk per language, decision 0043).
    await page.getByRole("button", { name: "Gotowe" }).waitFor();
    expect(await page.locator(".participant-wording:visible").count()).toBe(0);
    // The app's own words on the show card are Polish too (decision 0050); the card says so in Polish.
    expect(await page.locator(".interview-bar--hand-over").getAttribute("lang")).toBe("pl");
    await page.getByText("To są odpowiedzi, spośród których możesz wybrać.").waitFor();
    await page.getByRole("button", { name: "Chcę zrobić przerwę" }).waitFor();
    expect(await page.getByRole("button", { name: "Give the tablet back" }).count()).toBe(0);
    await page.getByText("Hostel", { exact: true }).click();
    await page.getByRole("button", { name: "Oddaj tablet" }).click();
    // The hand-back screen: the participant's part in Polish, the interviewer's way past in English.
    await page.getByRole("heading", { name: "Dziękujemy. Oddaj tablet" }).waitFor();
    await page.getByText("Dalej poprowadzi osoba prowadząca wywiad.").waitFor();
    await holdToTakeBack(page);
    // Back on the interviewer view, the researcher's own words are English.
    await page.getByRole("button", { name: "Pause" }).waitFor();
    await page.getByRole("heading", { name: "Where are you staying at the moment?" }).waitFor();
    // Back on the interviewer view, in English, the choice hidden in Polish shows again.
    await page.getByText("On the council list", { exact: true }).waitFor();

    await page.getByRole("button", { name: "Complete" }).click();
    await page.getByRole("heading", { name: /Interview finished/, level: 1 }).waitFor();
    await expect
      .poll(
        async () =>
          (await e2e.server.handle.db.selectFrom("responses").select(["language", "data"]).execute()).length,
        {
          timeout: 20_000,
        },
      )
      .toBe(1);
    const [stored] = await e2e.server.handle.db
      .selectFrom("responses")
      .select(["language", "data"])
      .execute();
    expect(stored?.language).toBe("pl");
    expect(JSON.parse(stored?.data ?? "{}")).toMatchObject({ consent: true, accommodation: "hostel" });
    await context.close();
  });

  it("hands over in Arabic right to left, and the screen is axe-clean", async () => {
    const context = await e2e.browser.newContext(FIELDWORK_TABLET);
    const page = await context.newPage();
    await signIn(page, e2e.server.url, "languages@example.org");
    await page.getByRole("heading", { name: "Choose a survey" }).waitFor();
    await startIn(page, /^العربية/);
    await page.getByRole("heading", { name: "Are you happy to answer some questions?" }).waitFor();
    await page.getByText("Yes", { exact: true }).click();
    await page.getByRole("button", { name: "Hand over" }).click();
    await page.getByRole("heading", { name: "أين تقيم حاليا؟" }).waitFor();
    const survey = page.locator(".interview__survey");
    expect(await survey.getAttribute("dir")).toBe("rtl");
    expect(await survey.getAttribute("lang")).toBe("ar");
    expect(await page.getByText("على قائمة المجلس").isVisible()).toBe(true);
    // The hand-over bar, our own words, is Arabic and right to left as well (decision 0050).
    const bar = page.locator(".interview-bar--hand-over");
    expect(await bar.getAttribute("dir")).toBe("rtl");
    expect(await bar.getAttribute("lang")).toBe("ar");
    await page.getByText("أنت تجيب بنفسك.").waitFor();
    await page.getByRole("button", { name: "أريد استراحة" }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: "/tmp/languages-arabic-hand-over.png" });
    // Asking for a break: the hand-back screen speaks Arabic, right to left; it is axe-clean too.
    await page.getByRole("button", { name: "أريد استراحة" }).click();
    const heading = page.getByRole("heading", {
      name: "يرجى إعادة الجهاز اللوحي إلى الشخص الذي يجري المقابلة",
    });
    await heading.waitFor();
    expect(await heading.getAttribute("dir")).toBe("rtl");
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: "/tmp/languages-arabic-hand-back.png" });
    // The interviewer stops: the support services are offered in Arabic, the researcher's part in English.
    await holdToTakeBack(page);
    await page.getByRole("heading", { name: "Interview paused" }).waitFor();
    await page.getByRole("button", { name: "Stop the interview" }).click();
    await page.getByRole("button", { name: "Yes, stop now" }).click();
    await page.getByRole("heading", { name: "Interview stopped", level: 1 }).waitFor();
    await page.getByRole("heading", { name: "Support to offer now" }).waitFor();
    const support = page.locator(".distress__for-participant");
    await page.getByRole("heading", { name: "في أي مكان في إنجلترا" }).waitFor();
    expect(await support.getAttribute("dir")).toBe("rtl");
    expect(await support.getAttribute("lang")).toBe("ar");
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: "/tmp/languages-arabic-support.png", fullPage: true });
    // Uploaded before the server closes, so no upload is cut off mid-way.
    await page.getByRole("heading", { name: "Saved on the server" }).waitFor({ timeout: 20_000 });
    await context.close();
  });
});

describe("a language with no catalogue of our words", () => {
  it("tells the researcher at the start, and shows our words in English, marked as English", async () => {
    const context = await e2e.browser.newContext(FIELDWORK_TABLET);
    const page = await context.newPage();
    await signIn(page, e2e.server.url, "languages@example.org");
    await page.getByRole("heading", { name: "Choose a survey" }).waitFor();
    await page.getByRole("button", { name: "Choose How things are, French", exact: true }).click();
    await choosePinIfAsked(page);
    await page.getByRole("button", { name: "New code" }).click();
    await page.getByLabel(/^français/).check();
    await page
      .getByText(/not translated into French yet: the participant will see those in English/)
      .waitFor();
    await page.getByRole("button", { name: "Start, read aloud by me" }).click();
    await page.getByRole("button", { name: "All of these are true: go to consent" }).click();
    await page.getByText("Yes", { exact: true }).click();
    await page.getByRole("button", { name: "Show card" }).click();
    await page.getByRole("heading", { name: "Où logez-vous en ce moment ?" }).waitFor();
    expect(await page.locator(".interview-bar--hand-over").getAttribute("lang")).toBe("en");
    await page.getByRole("button", { name: "Give the tablet back" }).waitFor();
    await context.close();
  });
});

describe("three languages offline", () => {
  it("starts an interview in Arabic after an offline reload, from what the tablet keeps", async () => {
    const context = await e2e.browser.newContext(FIELDWORK_TABLET);
    const page = await context.newPage();
    await signIn(page, e2e.server.url, "languages@example.org");
    await page.getByRole("heading", { name: "Choose a survey" }).waitFor();
    await waitUntilReadyOffline(page);
    await expect
      .poll(() =>
        page.evaluate(
          async () =>
            (await (
              await caches.open("alongside-survey-versions")
            ).match("/api/surveys/how-things-are/versions/1")) !== undefined &&
            (await (await caches.open("alongside-survey-locales")).keys()).some((r) =>
              r.url.includes("arabic"),
            ),
        ),
      )
      .toBe(true);
    await goOffline(context, page);
    await page.reload();
    await page.getByRole("heading", { name: "Choose a survey" }).waitFor();
    await startIn(page, /^العربية/);
    await page.getByRole("heading", { name: "Are you happy to answer some questions?" }).waitFor();
    await page.locator(".participant-wording", { hasText: "هل توافق على الإجابة عن بعض الأسئلة؟" }).waitFor();
    await page.getByRole("button", { name: "Show card" }).click();
    await page.getByRole("heading", { name: "أين تقيم حاليا؟" }).waitFor();
    expect(await page.locator(".interview__survey").getAttribute("dir")).toBe("rtl");
    // survey-core's words in Arabic, from the chunk the service worker kept for this survey's languages:
    // consent is not given yet, so the button says "Next".
    await page.getByRole("button", { name: "التالي" }).waitFor();
    await context.close();
  });

  it("shows Easy Read pictures with their descriptions after an offline reload", async () => {
    const context = await e2e.browser.newContext(FIELDWORK_TABLET);
    const page = await context.newPage();
    await signIn(page, e2e.server.url, "languages@example.org");
    await page.getByRole("heading", { name: "Choose a survey" }).waitFor();
    await waitUntilReadyOffline(page);
    await expect
      .poll(() =>
        page.evaluate(async () => {
          const versions = await caches.open("alongside-survey-versions");
          const locales = await caches.open("alongside-survey-locales");
          const kept = (await locales.keys()).map((r) => new URL(r.url).pathname);
          return (
            (await versions.match("/api/surveys/how-things-are-easy/versions/1")) !== undefined &&
            kept.some((p) => p.includes("polish")) &&
            kept.some((p) => p.includes("arabic")) &&
            kept.some((p) => p.includes("french"))
          );
        }),
      )
      .toBe(true);
    // Only the languages the tablet's surveys offer (Polish, Arabic, French) are kept, not all 55.
    const kept = await page.evaluate(
      async () => (await (await caches.open("alongside-survey-locales")).keys()).length,
    );
    expect(kept).toBe(3);
    await goOffline(context, page);
    await page.reload();
    await page.getByRole("heading", { name: "Choose a survey" }).waitFor();
    await startIn(page, /^Easy Read/, "How things are, Easy Read");
    await page.getByRole("heading", { name: "Are you happy to answer some questions?" }).waitFor();
    // The interviewer view is in English: no pictures there.
    expect(await page.getByRole("img", { name: "A house" }).count()).toBe(0);
    await page.getByText("Yes", { exact: true }).click();
    await page.getByRole("button", { name: "Show card" }).click();
    await page.getByRole("heading", { name: "Where do you live now?" }).waitFor();
    for (const alt of ["A house", "A hostel with beds", "A front door"]) {
      const picture = page.getByRole("img", { name: alt });
      await picture.waitFor();
      // Drawn from the data the version carries, with no connection.
      expect(await picture.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(
        true,
      );
    }
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: "/tmp/languages-easy-read-offline.png" });
    await context.close();
  });
});
