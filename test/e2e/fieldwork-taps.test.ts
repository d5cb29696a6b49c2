import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateParticipantCode } from "../../shared/contract/participant-code.ts";
import { type E2E, startE2E } from "./harness.ts";
import { choosePinIfAsked, signIn } from "./offline-helpers.ts";

// Taps from the fieldwork home (or the follow-up list) to the first real question (issue 15: 11, then
// 7; now at most 6 for a new participant and 4 for a follow-up), with the readiness check and consent
// kept. Every tap goes through `tap`, which counts it. The wave is worked out, never typed.

const TABLETS = [
  { name: "landscape", viewport: { width: 1180, height: 820 }, hasTouch: true },
  { name: "portrait", viewport: { width: 820, height: 1180 }, hasTouch: true },
] as const;

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
  await e2e.addUser("peer_researcher", "northtown", "taps@example.org");
  await e2e.addUser("admin", null, "taps-admin@example.org");
  // Quarterly follow-ups, open two weeks either side, as an administrator sets them.
  const context = await e2e.browser.newContext();
  const page = await context.newPage();
  await signIn(page, e2e.server.url, "taps-admin@example.org");
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
  const status = await page.evaluate(async () => {
    const response = await fetch("/api/followups/schedules/participant-interview", {
      method: "PUT",
      credentials: "same-origin",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify({ offsetsDays: [91, 182, 274, 365], graceDays: 14 }),
    });
    return response.status;
  });
  expect(status).toBeLessThan(300);
  await context.close();
});
afterAll(async () => {
  await e2e?.close();
});

function counter() {
  const state = { taps: 0 };
  const tap = async (target: Locator) => {
    await target.tap();
    state.taps++;
  };
  return { state, tap };
}

/** A baseline done `daysAgo` days ago, uploaded as a tablet would, so the server's due list has the person. */
async function uploadBaseline(page: Page, code: string, daysAgo: number): Promise<void> {
  const status = await page.evaluate(
    async ({ code, daysAgo }) => {
      const at = new Date(Date.now() - daysAgo * 86_400_000);
      const response = await fetch("/api/sync", {
        method: "POST",
        credentials: "same-origin",
        headers: { "content-type": "application/json", accept: "application/json" },
        body: JSON.stringify({
          deviceId: "taps-test-tablet",
          items: [
            {
              id: crypto.randomUUID(),
              surveyId: "participant-interview",
              surveyVersion: 1,
              participantCode: code,
              wave: 0,
              areaId: "northtown",
              startedAt: at.toISOString(),
              completedAt: new Date(at.getTime() + 20 * 60_000).toISOString(),
              administrationMode: "read_aloud",
              data: { consent: true },
            },
          ],
        }),
      });
      const body = (await response.json()) as { results?: { outcome: string }[] };
      return `${response.status} ${body.results?.[0]?.outcome}`;
    },
    { code, daysAgo },
  );
  expect(status).toBe("200 accepted");
}

describe("taps to the first question", () => {
  for (const tablet of TABLETS) {
    it(`takes at most 6 taps for a new participant, readiness and consent included (${tablet.name})`, async () => {
      const context = await e2e.browser.newContext(tablet);
      const page = await context.newPage();
      await signIn(page, e2e.server.url, "taps@example.org");
      await page.getByRole("heading", { name: "Choose a survey" }).waitFor();
      const { state, tap } = counter();

      await tap(page.getByRole("button", { name: "Choose Participant interview" }));
      // Choosing a PIN happens once, before a researcher's first interview on a browser (decision 0049):
      // set-up, not a tap of this interview.
      await choosePinIfAsked(page);
      await tap(page.getByRole("button", { name: "New code" }));
      // The wave is worked out for a new code, shown and already chosen: no tap, nothing typed.
      const baseline = page.getByRole("radio", { name: /First interview \(baseline\)/ });
      expect(await baseline.isChecked()).toBe(true);
      expect(await page.getByRole("spinbutton").count()).toBe(0);
      await tap(page.getByRole("button", { name: "Start, read aloud by me" }));
      await page.getByRole("heading", { name: "Readiness check" }).waitFor();
      await tap(page.getByRole("button", { name: "All of these are true: go to consent" }));
      // Before an answer the consent page's only button does not say "Complete".
      await page.getByText("Are you happy to take part today?").waitFor();
      expect(await page.getByRole("button", { name: "Complete" }).count()).toBe(0);
      await tap(page.getByText("Yes, I am happy to take part"));
      await page.getByRole("heading", { name: "Having a say" }).waitFor();

      expect(state.taps).toBeLessThanOrEqual(6);
      expect(state.taps).toBe(5);
      await context.close();
    });

    it(`takes at most 4 taps for a follow-up from the due list, with the wave worked out (${tablet.name})`, async () => {
      const context = await e2e.browser.newContext(tablet);
      const page = await context.newPage();
      await signIn(page, e2e.server.url, "taps@example.org");
      await page.getByRole("heading", { name: "Choose a survey" }).waitFor();
      const code = generateParticipantCode(crypto.getRandomValues.bind(crypto));
      // Baseline 95 days ago: follow-up 1 (due at 91 days) is open now.
      await uploadBaseline(page, code, 95);
      await page.goto(`${e2e.server.url}/fieldwork/due`);
      await page.getByRole("heading", { name: "Follow-ups due", level: 1 }).waitFor();
      const { state, tap } = counter();

      await tap(page.getByRole("link", { name: `Start follow-up 1 with ${code}` }));
      await choosePinIfAsked(page);
      await page.getByRole("heading", { name: "Start an interview", level: 1 }).waitFor();
      const followUp = page.getByRole("radio", { name: /Follow-up 1/ });
      await followUp.waitFor();
      await expect.poll(() => followUp.isChecked()).toBe(true);
      await page.getByText("From the follow-up list: follow-up 1 is the one to do now.").waitFor();
      // The code came with the link, not in the address (the browser's history keeps addresses).
      expect(page.url()).not.toContain(code);
      expect(await page.getByLabel(/Participant code/).inputValue()).toBe(code);
      await tap(page.getByRole("button", { name: "Start, read aloud by me" }));
      await tap(page.getByRole("button", { name: "All of these are true: go to consent" }));
      await page.getByText(/^Consent for this interview: Follow-up 1/).waitFor();
      await tap(page.getByText("Yes, I am happy to take part"));
      await page.getByRole("heading", { name: "Having a say" }).waitFor();

      expect(state.taps).toBeLessThanOrEqual(4);
      await context.close();
    });
  }
});
