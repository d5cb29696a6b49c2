import { randomUUID } from "node:crypto";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEVICE_TOKEN_KEY } from "../../shared/contract/devices.ts";
import { generateParticipantCode } from "../../shared/contract/participant-code.ts";
import { axeViolations, type E2E, E2E_PASSWORD, keepScreenshot, startE2E } from "./harness.ts";

/**
 * Coordination in real Chromium: an administrator adds an area with a target and invites its
 * coordinator; the coordinator invites a peer researcher and enrols the researcher's tablet with a QR
 * code; the researcher uploads an interview from that tablet and the coordinator sees progress move;
 * once the coordinator revokes the tablet its uploads are refused. axe-core checks every screen.
 */

let e2e: E2E;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  e2e = await startE2E();
  await e2e.addUser("admin", null, "admin@example.org");
});
afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => {});
  await e2e?.close();
});

async function newPage(viewport = { width: 1280, height: 900 }): Promise<Page> {
  const context = await e2e.browser.newContext({ viewport });
  contexts.push(context);
  return context.newPage();
}

async function expectNoAxeViolations(page: Page, where: string): Promise<void> {
  const violations = await axeViolations(page);
  expect(violations, `${where}: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
}

/** Opens a one-time setup link, chooses a password, and waits until signed in. */
async function acceptInvitation(page: Page, link: string, password: string): Promise<void> {
  await page.goto(link);
  await page.getByLabel("New password", { exact: true }).fill(password);
  await page.getByLabel("Repeat the password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Set password and sign in" }).click();
  // Hashing the password is slow on purpose; on a loaded machine it takes seconds, not one.
  await page.waitForURL((url) => !url.pathname.startsWith("/setup"), { timeout: 20_000 });
}

async function invite(
  page: Page,
  who: { email: string; name: string; role?: string; area?: string },
): Promise<string> {
  await page.goto(`${e2e.server.url}/coordination/people`);
  await page.getByRole("heading", { name: "People and invitations", level: 1 }).waitFor();
  await page.getByLabel("Email", { exact: true }).fill(who.email);
  await page.getByLabel("Name to show", { exact: true }).fill(who.name);
  if (who.role) await page.getByLabel("Role", { exact: true }).selectOption({ label: who.role });
  if (who.area) await page.getByLabel("Area", { exact: true }).selectOption({ label: who.area });
  await page.getByRole("button", { name: "Invite", exact: true }).click();
  const link = page.getByLabel("Link to give them");
  await link.waitFor();
  // The same link as a QR code, for someone beside the coordinator with a phone or tablet.
  const qr = page.getByRole("img", { name: `QR code that opens ${who.name}'s one-time link` });
  await qr.waitFor();
  expect(await qr.getAttribute("src")).toMatch(/^data:image\/svg\+xml/);
  return link.inputValue();
}

describe("coordinating fieldwork", () => {
  it("a coordinator sets a target, invites a researcher, enrols a tablet and sees progress after an upload", async () => {
    // The administrator adds the area and its baseline target, and invites its coordinator.
    const admin = await newPage();
    await admin.goto(`${e2e.server.url}/login`);
    await admin.getByLabel("Email", { exact: true }).fill("admin@example.org");
    await admin.getByLabel("Password", { exact: true }).fill(E2E_PASSWORD);
    await admin.getByRole("button", { name: "Sign in" }).click();
    await admin.getByRole("heading", { name: "Administration", level: 1 }).waitFor();
    await admin.getByLabel("Short name for links").fill("eastham");
    await admin.getByLabel("Area name").fill("Eastham");
    await admin.getByLabel("Region", { exact: true }).fill("East");
    await admin.getByRole("button", { name: "Add area" }).click();
    await admin.getByRole("cell", { name: "eastham" }).waitFor();

    await admin.goto(`${e2e.server.url}/coordination/areas`);
    await admin.getByRole("heading", { name: "Area settings", level: 1 }).waitFor();
    await admin.getByLabel("Area", { exact: true }).selectOption({ label: "Eastham" });
    await admin.getByRole("heading", { name: "Eastham", level: 2 }).waitFor();
    await admin.getByRole("button", { name: "Add a target" }).click();
    await admin.getByLabel("Survey", { exact: true }).selectOption({ label: "Participant interview" });
    await admin.getByLabel("Wave", { exact: true }).selectOption({ label: "First interview" });
    await admin.getByLabel("Interviews", { exact: true }).fill("5");
    await admin.getByRole("button", { name: "Save targets" }).click();
    await expect.poll(() => admin.getByText("Targets saved.").count()).toBeGreaterThan(0);
    await expectNoAxeViolations(admin, "area settings");

    const coordinatorLink = await invite(admin, {
      email: "coordinator@eastham.example",
      name: "Cal",
      role: "Coordinator",
      area: "Eastham",
    });
    expect(coordinatorLink).toMatch(/\/setup#token=/);

    // The coordinator takes up the invitation and invites a peer researcher.
    const coordinator = await newPage();
    await acceptInvitation(coordinator, coordinatorLink, "coordinating the eastham fieldwork");
    const researcherLink = await invite(coordinator, { email: "riya@eastham.example", name: "Riya" });
    await expectNoAxeViolations(coordinator, "people and invitations");

    // The researcher sets up their account on the tablet.
    const tablet = await newPage({ width: 800, height: 1280 });
    await acceptInvitation(tablet, researcherLink, "interviews at the day centre");
    await expect.poll(() => tablet.url(), { timeout: 20_000 }).toMatch(/\/fieldwork$/);

    // The coordinator shows an enrolment code as a QR code; the tablet opens the address it holds.
    await coordinator.goto(`${e2e.server.url}/coordination/tablets`);
    await coordinator.getByRole("heading", { name: "Tablets", level: 1 }).waitFor();
    await coordinator.getByLabel("Who will use it").selectOption({ label: "Riya" });
    await coordinator.getByLabel("Tablet name").fill("Tablet 1");
    await coordinator.getByRole("button", { name: "Show enrolment code" }).click();
    const qr = coordinator.getByRole("img", { name: /QR code that opens the enrolment link/ });
    await qr.waitFor();
    expect(await qr.getAttribute("src")).toMatch(/^data:image\/svg\+xml/);
    const code = (await coordinator.locator(".enrolment-code").textContent()) ?? "";
    expect(code).toMatch(/^[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}$/);
    await expectNoAxeViolations(coordinator, "enrolment code");

    await tablet.goto(`${e2e.server.url}/enrol#code=${code}`);
    await tablet.getByRole("heading", { name: "Enrol this tablet", level: 1 }).waitFor();
    expect(await tablet.getByLabel("Enrolment code").inputValue()).toBe(code);
    expect(tablet.url()).not.toContain(code);
    await expectNoAxeViolations(tablet, "enrol this tablet");
    await tablet.getByRole("button", { name: "Enrol this tablet" }).click();
    await tablet.getByRole("heading", { name: "Tablet enrolled", level: 1 }).waitFor();
    const token = await tablet.evaluate((key) => localStorage.getItem(key), DEVICE_TOKEN_KEY);
    expect(token).toMatch(/^[A-Za-z0-9_-]{40,}$/);

    // The researcher uploads an interview from the enrolled tablet, as fieldwork does.
    const participantCode = generateParticipantCode((a) => crypto.getRandomValues(a));
    const interviewId = randomUUID();
    const upload = () =>
      tablet.evaluate(
        async ({ key, participantCode, id }) => {
          const surveys = (await (await fetch("/api/surveys")).json()) as {
            surveys: { id: string; version: number }[];
          };
          const survey = surveys.surveys.find((s) => s.id === "participant-interview");
          const now = new Date().toISOString();
          const res = await fetch("/api/sync", {
            method: "POST",
            headers: {
              "content-type": "application/json",
              "x-alongside-device": localStorage.getItem(key) ?? "",
            },
            body: JSON.stringify({
              items: [
                {
                  id,
                  surveyId: "participant-interview",
                  surveyVersion: survey?.version ?? 1,
                  participantCode,
                  wave: 0,
                  areaId: "eastham",
                  startedAt: now,
                  completedAt: now,
                  administrationMode: "read_aloud",
                  data: { consent: true },
                },
              ],
            }),
          });
          return { status: res.status, body: (await res.json()) as Record<string, unknown> };
        },
        { key: DEVICE_TOKEN_KEY, participantCode, id: interviewId },
      );
    const first = await upload();
    expect(first.status).toBe(200);
    expect(JSON.stringify(first.body)).toMatch(/"outcome":"(accepted|needs_review)"/);

    // The coordinator sees the interview counted against the target, and the tablet as seen.
    await coordinator.goto(`${e2e.server.url}/coordination`);
    await coordinator.getByRole("heading", { name: "Coordination", level: 1 }).waitFor();
    const table = coordinator.getByRole("table", { name: /Interviews per area, survey and wave/ });
    await table.waitFor();
    const row = table
      .getByRole("row")
      .filter({ hasText: "Eastham · Participant interview · First interview" });
    await expect.poll(() => row.count()).toBe(1);
    const cells = await row.getByRole("cell").allInnerTexts();
    expect(cells.slice(0, 2)).toEqual(["5", "1"]);
    const chart = coordinator.getByRole("img", { name: /Fieldwork progress against targets/ });
    await chart.waitFor();
    // Every bar can be told apart: the chart names the area and survey once and each wave in full,
    // and no label is cut off at either end (issue 15: "Follow-up …" bars all read "F…").
    const waves = (await table.getByRole("rowheader").allInnerTexts()).map((label) =>
      label.replace("Eastham · Participant interview · ", ""),
    );
    expect(waves).toContain("Follow-up 1");
    // What is drawn on screen, not the description for screen readers.
    const chartText = await chart.evaluate((figure) =>
      [...figure.querySelectorAll("*")]
        .filter((node) => node.children.length === 0 && !["title", "desc"].includes(node.localName))
        .map((node) => node.textContent ?? "")
        .join(" | "),
    );
    expect(chartText).toContain("Eastham · Participant interview");
    for (const wave of waves) expect(chartText).toContain(wave);
    const clipped = await chart.evaluate((figure) => {
      const box = figure.getBoundingClientRect();
      return [...figure.querySelectorAll("*")]
        .filter((node) => node.children.length === 0 && (node.textContent ?? "").trim() !== "")
        .filter((node) => {
          const r = node.getBoundingClientRect();
          const overflows = node instanceof HTMLElement && node.scrollWidth > node.clientWidth + 1;
          return r.left < box.left - 1 || r.right > box.right + 1 || overflows;
        })
        .map((node) => node.textContent);
    });
    expect(clipped).toEqual([]);
    // Each bar's whole scale is drawn: a first interview's target past its bar (1 of 5) sits at the end
    // of a visible track, not as a stray mark beside the count.
    const tracks = await chart.evaluate((figure) =>
      [...figure.querySelectorAll(".progress-chart__track")].map((t) => getComputedStyle(t).backgroundColor),
    );
    expect(tracks.length).toBeGreaterThan(0);
    for (const colour of tracks) expect(colour).not.toBe("rgba(0, 0, 0, 0)");
    await expectNoAxeViolations(coordinator, "coordination overview with progress");

    // Revoked, the tablet's next upload is refused and says why.
    await coordinator.goto(`${e2e.server.url}/coordination/tablets`);
    const deviceRow = coordinator.getByRole("row").filter({ hasText: "Tablet 1" });
    await deviceRow
      .getByRole("cell", { name: /Not yet|\d/ })
      .first()
      .waitFor();
    expect(await deviceRow.textContent()).not.toContain("Not yet");
    await deviceRow.getByRole("button", { name: "Revoke Tablet 1" }).click();
    await expectNoAxeViolations(coordinator, "revoke a tablet");
    await coordinator.getByRole("button", { name: "Revoke Tablet 1" }).click();
    await expect.poll(() => deviceRow.textContent()).toMatch(/Revoked/);
    const refused = await upload();
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ code: "device_revoked" });

    // The data manager lists what the server received from the tablet: a reference, never a code.
    await admin.goto(`${e2e.server.url}/coordination/tablets`);
    await admin.getByLabel("Area", { exact: true }).selectOption({ label: "Eastham" });
    await admin.getByRole("button", { name: "What was collected on Tablet 1" }).click();
    const collected = admin.getByRole("table", {
      name: "Interviews received from Tablet 1, most recent first",
    });
    await collected.waitFor();
    expect(await collected.getByRole("row").nth(1).getByRole("cell").allInnerTexts()).toEqual([
      interviewId,
      "Participant interview",
      "First interview",
      expect.stringMatching(/\d{4}, \d{2}:\d{2}$/),
    ]);
    expect(await collected.textContent()).not.toContain(participantCode);
    await expectNoAxeViolations(admin, "what was collected on a tablet");

    // A revoked tablet can still be reported lost; its coordinator then sees who each interview was with.
    await coordinator.getByRole("button", { name: "Report lost Tablet 1" }).click();
    await coordinator.getByLabel("What happened").fill("Not handed back after the Thursday drop-in.");
    await coordinator.getByRole("button", { name: "Report Tablet 1 lost" }).click();
    const received = coordinator.getByRole("table", { name: /^1 interview received, most recent first/ });
    await received.waitFor();
    expect(await received.getByRole("row").nth(1).getByRole("cell").allInnerTexts()).toEqual([
      participantCode,
      "Participant interview",
      "First interview",
      expect.stringMatching(/\d{4}, \d{2}:\d{2}$/),
    ]);
    await expectNoAxeViolations(coordinator, "what was on a lost tablet");
    await keepScreenshot(coordinator, "e2e-lost-report", { fullPage: true });
  });

  it("has no accessibility violations on any coordination page, nor on people's own pages, with data in them", async () => {
    await e2e.addUser("coordinator", "northtown", "lead@northtown.example");
    await e2e.addUser("peer_researcher", "northtown", "sam@northtown.example");
    await e2e.addUser("expert", "northtown", "alex@northtown.example");
    const db = e2e.server.handle.db;
    const sam = await db
      .selectFrom("users")
      .select("id")
      .where("email", "=", "sam@northtown.example")
      .executeTakeFirstOrThrow();
    const at = new Date().toISOString();
    await db
      .insertInto("safeguarding_concerns")
      .values({
        id: randomUUID(),
        area_id: "northtown",
        raised_by: sam.id,
        raised_at: at,
        received_at: at,
        participant_code: null,
        urgency: "immediate",
        description: "Said they had nowhere to sleep tonight.",
        acknowledged_by: null,
        acknowledged_at: null,
        action_taken: null,
        closed_at: null,
      })
      .execute();
    await db
      .insertInto("debriefs")
      .values({
        id: randomUUID(),
        researcher_id: sam.id,
        area_id: "northtown",
        created_at: at,
        wellbeing: 2,
        notes: "A hard one.",
        wants_support: 1,
      })
      .execute();
    await db
      .updateTable("areas")
      .set({ reward_pence_per_hour: 1250 })
      .where("id", "=", "northtown")
      .execute();

    const visits: [string, string[]][] = [
      [
        "lead@northtown.example",
        [
          "/coordination",
          "/coordination/safeguarding",
          "/coordination/follow-ups",
          "/coordination/people",
          "/coordination/tablets",
          "/coordination/training",
          "/coordination/debriefs",
          "/coordination/plans",
          "/coordination/rewards",
          "/coordination/areas",
          "/my-involvement",
        ],
      ],
      ["sam@northtown.example", ["/my-involvement", "/enrol"]],
      ["alex@northtown.example", ["/my-involvement"]],
    ];
    for (const [email, paths] of visits) {
      const page = await newPage();
      await page.goto(`${e2e.server.url}/login`);
      await page.getByLabel("Email", { exact: true }).fill(email);
      await page.getByLabel("Password", { exact: true }).fill(E2E_PASSWORD);
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.waitForURL((url) => !url.pathname.startsWith("/login"), { timeout: 20_000 });
      for (const path of paths) {
        await page.goto(`${e2e.server.url}${path}`);
        await page.getByRole("heading", { level: 1 }).first().waitFor();
        await page.waitForLoadState("networkidle");
        await expectNoAxeViolations(page, `${email} on ${path}`);
      }
    }
  });

  it("a coordinator assigns a follow-up by its name, and its date reads as a date", async () => {
    const page = await newPage({ width: 1440, height: 900 });
    await page.goto(`${e2e.server.url}/login`);
    await page.getByLabel("Email", { exact: true }).fill("lead@northtown.example");
    await page.getByLabel("Password", { exact: true }).fill(E2E_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL((url) => !url.pathname.startsWith("/login"), { timeout: 20_000 });
    await page.goto(`${e2e.server.url}/coordination/follow-ups`);
    await page.getByRole("heading", { name: "Assign a follow-up" }).waitFor();
    const code = generateParticipantCode((bytes) => crypto.getRandomValues(bytes));
    await page.getByLabel("Participant code").fill(code);
    // Chosen by name like a target's round (issue 15), not typed as a "wave" number.
    await page.getByLabel("Interview", { exact: true }).selectOption({ label: "Follow-up 2" });
    await page.getByLabel("Due by (optional)").fill("2027-01-15");
    await page.getByRole("button", { name: "Assign", exact: true }).click();
    const row = page.getByRole("row", { name: new RegExp(code) });
    await row.waitFor();
    expect(await row.getByRole("cell").allInnerTexts()).toEqual(
      expect.arrayContaining([expect.stringMatching(/^Follow-up 2/), "15 January 2027"]),
    );
    expect(await row.textContent()).not.toContain("2027-01-15");
    await expectNoAxeViolations(page, "follow-up assigned");
  });

  it("keeps an enrolment code opened while signed out through signing in", async () => {
    await e2e.addUser("peer_researcher", "northtown", "kit@northtown.example");
    const tablet = await newPage({ width: 800, height: 1280 });
    await tablet.goto(`${e2e.server.url}/enrol#code=ABCDE-FGHJK`);
    await tablet.getByRole("heading", { name: "Sign in", level: 1 }).waitFor();
    expect(new URL(tablet.url()).hash).toBe("#code=ABCDE-FGHJK");
    await tablet.getByLabel("Email", { exact: true }).fill("kit@northtown.example");
    await tablet.getByLabel("Password", { exact: true }).fill(E2E_PASSWORD);
    await tablet.getByRole("button", { name: "Sign in" }).click();
    await tablet.getByRole("heading", { name: "Enrol this tablet", level: 1 }).waitFor();
    expect(await tablet.getByLabel("Enrolment code").inputValue()).toBe("ABCDE-FGHJK");
    expect(tablet.url()).not.toContain("ABCDE");
  });
});
