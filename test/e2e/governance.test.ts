import { readFile } from "node:fs/promises";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateParticipantCode } from "../../shared/contract/participant-code.ts";
import { csvObjects } from "../helpers/strict-csv.ts";
import { axeViolations, type E2E, E2E_PASSWORD, keepScreenshot, startE2E } from "./harness.ts";

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
  await e2e.addUser("peer_researcher", "northtown", "researcher@example.org");
  await e2e.addUser("coordinator", "northtown", "coordinator@example.org");
  await e2e.addUser("admin", null, "admin@example.org");
});
afterAll(async () => {
  await e2e?.close();
});

const FREE_TEXT = 'She said "not today, thanks",\nthen left.';

/** A tablet's upload of an interview with a rating off its scale: stored, and flagged for review. */
async function uploadFlaggedInterview(): Promise<{ id: string; code: string }> {
  const [first] = await uploadFlaggedInterviews(1);
  if (!first) throw new Error("nothing uploaded");
  return first;
}

/** `count` such interviews in one upload, each for its own participant. */
async function uploadFlaggedInterviews(
  count: number,
  extra: Record<string, unknown> = {},
): Promise<{ id: string; code: string }[]> {
  const login = await fetch(`${e2e.server.url}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: "researcher@example.org", password: E2E_PASSWORD }),
  });
  expect(login.status).toBe(200);
  const cookie = login.headers.get("set-cookie")?.split(";")[0] ?? "";
  const made = Array.from({ length: count }, () => ({
    id: crypto.randomUUID(),
    code: generateParticipantCode((a) => crypto.getRandomValues(a)),
  }));
  const res = await fetch(`${e2e.server.url}/api/sync`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie },
    body: JSON.stringify({
      items: made.map(({ id, code }) => ({
        id,
        surveyId: "participant-interview",
        surveyVersion: 1,
        participantCode: code,
        wave: 0,
        areaId: "northtown",
        startedAt: "2026-11-26T09:30:00.000Z",
        completedAt: "2026-11-26T09:52:00.000Z",
        administrationMode: "read_aloud",
        data: { consent: true, workers_listen: 9, anything_else: FREE_TEXT, ...extra },
      })),
    }),
  });
  const outcomes = ((await res.json()) as { results: { outcome: string }[] }).results.map((r) => r.outcome);
  expect(outcomes).toEqual(made.map(() => "needs_review"));
  return made;
}

async function signIn(page: Page, email: string): Promise<void> {
  await page.goto(`${e2e.server.url}/login`);
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Password", { exact: true }).fill(E2E_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("navigation", { name: "Main" }).waitFor();
}

async function expectNoAxeViolations(page: Page, where: string): Promise<void> {
  const violations = await axeViolations(page);
  expect(violations, `${where}: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
}

describe("reviewing and exporting", () => {
  it("the data manager approves a flagged response and downloads an export that includes it", async () => {
    const { id, code } = await uploadFlaggedInterview();
    const context = await e2e.browser.newContext({
      viewport: { width: 1280, height: 900 },
      acceptDownloads: true,
    });
    const page = await context.newPage();
    const cspViolations: string[] = [];
    page.on("console", (message) => {
      if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
    });

    // Review reads answers, so it is for trusted analysts: the data manager (admin) or an evaluator.
    await signIn(page, "admin@example.org");
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Review" }).click();
    await page.getByRole("heading", { name: "Review responses", level: 1 }).waitFor();
    await page.getByRole("heading", { name: "1 response: needs review" }).waitFor();
    await expectNoAxeViolations(page, "review queue");

    await page.getByRole("link", { name: code }).click();
    await page.getByRole("heading", { name: `Review response for ${code}` }).waitFor();
    await page.getByRole("heading", { name: "What did not pass the survey's checks" }).waitFor();
    await expectNoAxeViolations(page, "one response");

    await page.getByLabel("Approve").check();
    const comment = page.getByLabel("Comment", { exact: true }).first();
    // A paste longer than the box takes is cut by the browser; the page says so, not silently.
    await comment.fill("x".repeat(2100));
    await page.getByText("This box is full: it takes 2,000 characters at most").first().waitFor();
    await comment.fill("Checked with the researcher: they meant 5.");
    expect(await page.getByText("This box is full").count()).toBe(0);
    await page.getByRole("button", { name: "Record decision" }).click();
    await page.locator(".facts").getByText("Approved").waitFor();
    await page.getByText("Checked with the researcher: they meant 5.").waitFor();
    await expectNoAxeViolations(page, "after the decision");

    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Exports" }).click();
    await page.getByRole("heading", { name: "Exports", level: 1 }).waitFor();
    await page.getByLabel("Survey", { exact: true }).selectOption("participant-interview");
    await page.getByLabel("Approved responses only").check();
    // The interview is chosen by name, as everywhere else, not typed as a "wave" number.
    await page.getByLabel("Interview", { exact: true }).selectOption({ label: "First interview" });
    await expectNoAxeViolations(page, "exports");
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Download" }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(
      /^participant-interview-responses-wide-\d{4}-\d{2}-\d{2}\.csv$/,
    );
    const csv = await readFile((await download.path()) ?? "", "utf8");
    const rows = csvObjects(csv);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      response_id: id,
      participant_code: code,
      review_status: "approved",
      workers_listen: "9",
      anything_else: FREE_TEXT,
    });
    await page
      .getByText(/Export ready: participant-interview-responses-wide/)
      .first()
      .waitFor();
    await expectNoAxeViolations(page, "export finished");
    expect(cspViolations).toEqual([]);

    const audit = await e2e.server.handle.db
      .selectFrom("audit_log")
      .select(["action", "target"])
      .where("action", "in", ["review.decision", "export.download"])
      .orderBy("at")
      .execute();
    expect(audit).toEqual([
      { action: "review.decision", target: id },
      { action: "export.download", target: "participant-interview" },
    ]);
    await context.close();
  });

  it("a coordinator sees which interviews need attention and which questions, never the answers, and no dashboard or exports", async () => {
    const { code } = await uploadFlaggedInterview();
    // A name the tablet sent that is no question of the survey is counted, never repeated.
    const [madeUp] = await uploadFlaggedInterviews(1, { "Jo Bloggs, flat 3": "yes" });
    const context = await e2e.browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await signIn(page, "coordinator@example.org");
    const nav = page.getByRole("navigation", { name: "Main" });
    for (const name of ["Dashboard", "Exports", "Review"]) {
      expect(await nav.getByRole("link", { name, exact: true }).count(), name).toBe(0);
    }
    await nav.getByRole("link", { name: "Needs attention" }).click();
    await page.getByRole("heading", { name: "Interviews that need attention", level: 1 }).waitFor();
    const row = page.getByRole("row").filter({ hasText: code });
    await row.waitFor();
    // The question's wording is shown; the answer (9 on a 1–5 scale) and the free text are not.
    expect(await row.textContent()).toMatch(/listen/i);
    const text = (await page.locator("main").textContent()) ?? "";
    expect(text).not.toContain("not today");
    expect(text).not.toMatch(/\b9\b/);
    expect(text).not.toContain("Jo Bloggs");
    const madeUpRow = page.getByRole("row").filter({ hasText: madeUp?.code ?? "none" });
    expect(await madeUpRow.textContent()).toMatch(/1 other question, not named here/);
    await keepScreenshot(page, "needs-attention-coordinator", { fullPage: true });
    await expectNoAxeViolations(page, "needs attention");

    for (const path of ["/dashboard", "/exports", `/review`]) {
      await page.goto(`${e2e.server.url}${path}`);
      await page.getByRole("heading", { level: 1 }).first().waitFor();
      const main = (await page.locator("main").textContent()) ?? "";
      expect(main, path).not.toMatch(/Outcomes|Download|Review responses/);
    }
    await expectNoAxeViolations(page, "a page not for a coordinator");
    await context.close();
  });

  it("a coordinator records a withdrawal after a confirmation step, and the participant's data is gone", async () => {
    const { code } = await uploadFlaggedInterview();
    const context = await e2e.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await signIn(page, "coordinator@example.org");
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Withdrawals" }).click();
    await page.getByRole("heading", { name: "Participant withdrawal", level: 1 }).waitFor();
    await page.getByRole("button", { name: "Continue" }).click();
    await page.getByText("Choose what the participant wants.").waitFor();
    await expectNoAxeViolations(page, "withdrawal form with errors");

    await page.getByLabel("Participant code").fill(code.toLowerCase());
    await page.getByLabel("Delete all their answers").check();
    await page.getByRole("button", { name: "Continue" }).click();
    await page.getByRole("heading", { name: "Check before you confirm" }).waitFor();
    const confirm = page.getByRole("button", { name: "Delete 1 interview and record withdrawal" });
    expect(await confirm.isDisabled()).toBe(true);
    await expectNoAxeViolations(page, "withdrawal confirmation");
    await page.getByLabel("I have checked the code and the choice with the participant.").check();
    await confirm.click();
    await page.getByRole("heading", { name: "Withdrawal recorded" }).waitFor();
    await page.getByRole("table").getByText(code).waitFor();
    await expectNoAxeViolations(page, "withdrawal recorded");
    const left = await e2e.server.handle.db
      .selectFrom("responses")
      .select("id")
      .where("participant_code", "=", code)
      .execute();
    expect(left).toEqual([]);
    await context.close();

    const adminContext = await e2e.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const admin = await adminContext.newPage();
    await signIn(admin, "admin@example.org");
    await admin.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Retention" }).click();
    await admin.getByRole("heading", { name: "Data retention", level: 1 }).waitFor();
    await admin.getByLabel("Months after a response arrives").fill("1");
    await admin.getByRole("button", { name: "Save period" }).click();
    await admin.getByText(/received before/).waitFor();
    await expectNoAxeViolations(admin, "retention");
    await adminContext.close();
  });
  it("both review lists show 50 interviews at a time and add the next page on 'Show more'", async () => {
    await uploadFlaggedInterviews(55);
    const context = await e2e.browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    const rows = () => page.getByRole("table").locator("tbody tr").count();
    const totalIn = async (heading: RegExp) =>
      Number(
        ((await page.getByRole("heading", { name: heading, level: 2 }).textContent()) ?? "").match(
          /^\d+/,
        )?.[0],
      );

    await signIn(page, "coordinator@example.org");
    await page.goto(`${e2e.server.url}/needs-attention`);
    await page.getByRole("heading", { name: /interviews waiting to be checked/, level: 2 }).waitFor();
    const waiting = await totalIn(/interviews waiting to be checked/);
    expect(waiting).toBeGreaterThan(55);
    expect(await rows()).toBe(50);
    await page.getByRole("button", { name: "Show more" }).click();
    await expect.poll(rows).toBe(waiting);
    await page.getByText(`${waiting - 50} more interviews shown.`).waitFor({ state: "attached" });
    expect(await page.getByRole("button", { name: "Show more" }).count()).toBe(0);
    await expectNoAxeViolations(page, "needs attention, two pages");
    await page.getByRole("button", { name: "Sign out", exact: true }).click();
    await page.getByRole("heading", { name: "Sign in", level: 1 }).waitFor();

    await signIn(page, "admin@example.org");
    await page.goto(`${e2e.server.url}/review`);
    await page.getByRole("heading", { name: /responses: needs review/, level: 2 }).waitFor();
    const flagged = await totalIn(/responses: needs review/);
    expect(flagged).toBe(waiting);
    expect(await rows()).toBe(50);
    await page.getByRole("button", { name: "Show more" }).click();
    await expect.poll(rows).toBe(flagged);
    await page.getByText(`${flagged - 50} more responses shown.`).waitFor({ state: "attached" });
    // Each row still opens that response for a decision.
    const last = page.getByRole("table").locator("tbody tr").last().getByRole("link");
    await last.click();
    await expect.poll(() => page.url(), { timeout: 20_000 }).toMatch(/\/review\/[0-9a-f-]{36}$/);
    await expectNoAxeViolations(page, "a response opened from the second page");
    await context.close();
  });

  it("the audit log speaks in plain words: no action codes or data names in the filter or the entries", async () => {
    // Uploads, withdrawals, reviews and exports have all been recorded by the tests above.
    const context = await e2e.browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await signIn(page, "admin@example.org");
    await page.goto(`${e2e.server.url}/audit`);
    await page.getByRole("heading", { name: "Audit log", level: 1 }).waitFor();
    const table = page.getByRole("table", { name: "Audit entries, newest first" });
    await table.getByRole("row").filter({ hasText: "Interviews uploaded" }).first().waitFor();
    const options = await page.getByLabel("Action").locator("option").allInnerTexts();
    expect(options).toContain("Interviews uploaded");
    // What the server records ("sync.batch", "needs_review", "responsesDeleted") never reaches the page.
    const code = /\b[a-z]+\.[a-z_]+\b|\b[a-z]+_[a-z_]+\b|\b[a-z]+[A-Z][A-Za-z]+\b/;
    for (const option of options) expect(option).not.toMatch(code);
    const whatAndDetails = await table.evaluate((element) =>
      [...element.querySelectorAll("tbody tr")].flatMap((row) => {
        const cells = row.querySelectorAll("td");
        return [
          cells[1]?.textContent ?? "",
          ...[...(cells[4]?.querySelectorAll("dt") ?? [])].map((dt) => dt.textContent ?? ""),
        ];
      }),
    );
    expect(whatAndDetails).toContain("Needs review");
    for (const text of whatAndDetails) expect(text).not.toMatch(code);
    // The values too ("View released", "Area northtown", "File responses-wide.csv" before), and what
    // was affected: a reviewed interview by its participant code, its id only as secondary text.
    const valuesAndAffected = await table.evaluate((element) => {
      const primaryText = (cell: Element | undefined) => {
        const copy = cell?.cloneNode(true) as Element | undefined;
        for (const secondary of copy?.querySelectorAll(".audit-table__id") ?? []) secondary.remove();
        return copy?.textContent ?? "";
      };
      return [...element.querySelectorAll("tbody tr")].map((row) => {
        const cells = row.querySelectorAll("td");
        return {
          affected: primaryText(cells[2]),
          values: [...(cells[4]?.querySelectorAll("dd") ?? [])]
            .filter((dd) => !dd.querySelector("dl"))
            .map((dd) => primaryText(dd)),
        };
      });
    });
    const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;
    for (const { affected, values } of valuesAndAffected) {
      expect(affected).not.toMatch(uuid);
      for (const value of values)
        expect(value).not.toMatch(/\b[a-z]+_[a-z_]+\b|\b[a-z]+-[a-z-]+\.(csv|json|zip)\b/);
    }
    const allValues = valuesAndAffected.flatMap((row) => row.values);
    expect(allValues).toContain("Northtown");
    expect(allValues.some((value) => value.startsWith("CSV for"))).toBe(true);
    expect(valuesAndAffected.map((row) => row.affected)).toContainEqual(
      expect.stringMatching(/^Interview with participant [A-Z0-9]{4}-[A-Z0-9]{4}, first interview$/),
    );
    await expectNoAxeViolations(page, "audit log");
    await context.close();
  });
});
