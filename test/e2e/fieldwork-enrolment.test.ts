import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEVICE_TOKEN_KEY } from "../../shared/contract/devices.ts";
import { axeViolations, type E2E, startE2E } from "./harness.ts";
import { choosePinIfAsked, signIn, typePin, waitUntilReadyOffline } from "./offline-helpers.ts";

// In an area where only enrolled tablets may upload (decision 0025), a tablet that is not enrolled
// says so on the fieldwork home and does not offer "Start": that interview could never be sent.

const FIELDWORK_TABLET = { viewport: { width: 1180, height: 820 }, hasTouch: true } as const;

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
  await e2e.addUser("peer_researcher", "northtown", "enrolment@example.org");
});
afterAll(async () => {
  await e2e?.close();
});

const setRule = (on: boolean) =>
  e2e.server.handle.db
    .updateTable("areas")
    .set({ enrolled_tablets_only: on ? 1 : 0 })
    .where("id", "=", "northtown")
    .execute();

describe("enrolment is checked before an interview starts", () => {
  it("refuses to start on a tablet that is not enrolled where enrolment is required, and says what to do", async () => {
    await setRule(true);
    const context = await e2e.browser.newContext(FIELDWORK_TABLET);
    const page = await context.newPage();
    await signIn(page, e2e.server.url, "enrolment@example.org");
    await page.getByRole("heading", { name: "Choose a survey" }).waitFor();
    await page.getByRole("heading", { name: "This tablet cannot send interviews yet" }).waitFor();
    await page.getByText("Ask your coordinator to enrol this tablet.").waitFor();
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole("button", { name: "Choose Participant interview" }).click();
    await choosePinIfAsked(page);
    await page.getByRole("heading", { name: "Start an interview", level: 1 }).waitFor();
    await page.getByRole("heading", { name: "This tablet cannot send interviews yet" }).waitFor();
    expect(await page.getByRole("button", { name: "Start, read aloud by me" }).count()).toBe(0);

    // Known offline too: the rule is remembered on the tablet.
    await waitUntilReadyOffline(page);
    await context.setOffline(true);
    await page.reload();
    await typePin(page);
    await page.getByRole("heading", { name: "This tablet cannot send interviews yet" }).waitFor();
    expect(await page.getByRole("button", { name: "Start, read aloud by me" }).count()).toBe(0);
    await context.setOffline(false);

    // Once the tablet holds an enrolment, the "not enrolled" refusal is gone; the token's worth is the
    // server's to judge, and it refuses this made-up one its key, so no interview starts (decision 0049).
    await page.evaluate((key) => localStorage.setItem(key, "enrolled-token"), DEVICE_TOKEN_KEY);
    await page.reload();
    await typePin(page);
    await page.getByRole("heading", { name: "This tablet cannot start interviews yet", level: 1 }).waitFor();
    expect(await page.getByText("This tablet cannot send interviews yet").count()).toBe(0);
    expect(await page.getByRole("button", { name: "Start, read aloud by me" }).count()).toBe(0);
    await context.close();
  });

  it("lets a tablet that is not enrolled start where the area does not require enrolment", async () => {
    await setRule(false);
    const context = await e2e.browser.newContext(FIELDWORK_TABLET);
    const page = await context.newPage();
    await signIn(page, e2e.server.url, "enrolment@example.org");
    await page.getByRole("heading", { name: "Choose a survey" }).waitFor();
    await page.getByRole("button", { name: "Choose Participant interview" }).click();
    await choosePinIfAsked(page);
    await page.getByRole("button", { name: "Start, read aloud by me" }).waitFor();
    expect(await page.getByText("This tablet cannot send interviews yet").count()).toBe(0);
    await context.close();
  });
});
