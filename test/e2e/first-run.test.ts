import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { firstAdminSetupLink } from "../../server/auth/bootstrap-admin.ts";
import { axeViolations, type E2E, startE2E } from "./harness.ts";

/**
 * The first run, as the person installing Alongside meets it, then as an invited person: the sign-in
 * page says setup is pending and where the link is; the first administrator's link sets them up; a
 * used link says so and shows no form; an invitation greets the person by name, role and area.
 */

let e2e: E2E;
const contexts: BrowserContext[] = [];
const LAPTOP = { width: 1440, height: 900 };

beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => {});
  await e2e?.close();
});

async function newPage(): Promise<Page> {
  const context = await e2e.browser.newContext({ viewport: LAPTOP });
  contexts.push(context);
  return context.newPage();
}

/** Ada, the administrator added by the invitations test, on the administration page. */
async function adminPage(): Promise<Page> {
  const admin = await newPage();
  await admin.goto(`${e2e.server.url}/login`);
  await admin.getByLabel("Email", { exact: true }).fill("ada@example.org");
  await admin.getByLabel("Password", { exact: true }).fill("peer research together");
  await admin.getByRole("button", { name: "Sign in" }).click();
  await admin.getByRole("heading", { name: "Administration", level: 1 }).waitFor();
  return admin;
}

async function expectNoAxeViolations(page: Page, where: string): Promise<void> {
  const violations = await axeViolations(page);
  expect(violations, `${where}: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
}

describe("first run and one-time links", () => {
  it("says setup is pending on the sign-in page, sets up the first administrator, then refuses the used link", async () => {
    const link = await firstAdminSetupLink(e2e.server.handle.db, e2e.server.url, new Date());
    expect(link).toMatch(/\/setup#token=/);

    const visitor = await newPage();
    await visitor.goto(`${e2e.server.url}/login`);
    await visitor.getByText("Alongside is not set up yet").waitFor();
    expect(await visitor.getByText(/The link to do that is in the server’s output/).count()).toBe(1);
    expect(await visitor.getByRole("heading", { name: "Forgotten your password?" }).count()).toBe(1);
    expect(await visitor.getByText(/Ask your coordinator or an administrator/).count()).toBe(1);
    await expectNoAxeViolations(visitor, "sign-in before setup");

    const admin = await newPage();
    await admin.goto(link ?? "");
    await admin.getByRole("heading", { name: "Set up Alongside", level: 1 }).waitFor();
    await admin.getByText("You are the first administrator.", { exact: false }).waitFor();
    await expectNoAxeViolations(admin, "first administrator setup");
    await admin.getByLabel("New password", { exact: true }).fill("the first administrator's passphrase");
    await admin
      .getByLabel("Repeat the password", { exact: true })
      .fill("the first administrator's passphrase");
    await admin.getByRole("button", { name: "Set password and sign in" }).click();
    await admin.waitForURL((url) => !url.pathname.startsWith("/setup"), { timeout: 20_000 });

    // Setup is done: the notice goes.
    await visitor.reload();
    await visitor.getByRole("heading", { name: "Sign in", level: 1 }).waitFor();
    await visitor.getByRole("button", { name: "Sign in" }).waitFor();
    expect(await visitor.getByText("Alongside is not set up yet").count()).toBe(0);

    // The same link again: said plainly, and no form to fill in for nothing.
    const again = await newPage();
    await again.goto(link ?? "");
    await again.getByText("This link has already been used or has expired").waitFor();
    expect(await again.getByLabel("New password").count()).toBe(0);
    expect(await again.getByRole("button", { name: /Set password/ }).count()).toBe(0);
    await expectNoAxeViolations(again, "used setup link");
  });

  it("greets an invited person by name, with their role and area", async () => {
    await e2e.addUser("coordinator", "northtown", "cora@example.org");
    const coordinator = await newPage();
    await coordinator.goto(`${e2e.server.url}/login`);
    await coordinator.getByLabel("Email", { exact: true }).fill("cora@example.org");
    await coordinator.getByLabel("Password", { exact: true }).fill("peer research together");
    await coordinator.getByRole("button", { name: "Sign in" }).click();
    // A coordinator lands on Coordination, not on Administration.
    await coordinator.waitForURL((url) => url.pathname === "/coordination", { timeout: 20_000 });
    const setupPath = await coordinator.evaluate(async () => {
      const res = await fetch("/api/invitations", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          email: "sam@example.org",
          displayName: "Sam Okafor",
          role: "peer_researcher",
          areaId: "northtown",
        }),
      });
      return ((await res.json()) as { setupPath: string }).setupPath;
    });

    const sam = await newPage();
    await sam.goto(`${e2e.server.url}${setupPath}`);
    await sam.getByRole("heading", { name: "Welcome to Alongside, Sam Okafor", level: 1 }).waitFor();
    const intro = (await sam.locator("main").textContent()) ?? "";
    expect(intro).toContain("You have been invited as a peer researcher in Northtown.");
    expect(intro).not.toContain("Set up Alongside");
    await expectNoAxeViolations(sam, "invitation welcome");
    await sam.getByLabel("New password", { exact: true }).fill("interviews at the day centre");
    await sam.getByLabel("Repeat the password", { exact: true }).fill("interviews at the day centre");
    await sam.getByRole("button", { name: "Set password and sign in" }).click();
    await sam.waitForURL((url) => !url.pathname.startsWith("/setup"), { timeout: 20_000 });
  });

  it("shows people who never chose a password as Invited, and adds people only by invitation", async () => {
    await e2e.addUser("admin", null, "ada@example.org");
    const before = await e2e.server.handle.db.selectFrom("users").select("id").execute();
    const admin = await adminPage();
    const row = (name: string) =>
      admin.getByRole("row").filter({ has: admin.getByRole("rowheader", { name }) });
    await row("cora").waitFor();
    // The invited researcher from the previous test set a password; a new invitation has not.
    await admin.evaluate(async () => {
      await fetch("/api/invitations", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          email: "noor@example.org",
          displayName: "Noor",
          role: "peer_researcher",
          areaId: "northtown",
        }),
      });
    });
    await admin.reload();
    await row("Noor").waitFor();
    expect(await row("Noor").textContent()).toContain("Invited");
    expect(await row("Noor").textContent()).not.toContain("Active");
    expect(await row("cora").textContent()).toContain("Active");
    // No form to give someone a password the administrator chose: only the way to invite.
    expect(await admin.getByRole("heading", { name: /Add a user/ }).count()).toBe(0);
    expect(await admin.getByLabel("Password", { exact: true }).count()).toBe(0);
    await admin.getByRole("link", { name: "invite them from People and invitations" }).click();
    await admin.getByRole("heading", { name: "People and invitations", level: 1 }).waitFor();
    expect((await e2e.server.handle.db.selectFrom("users").select("id").execute()).length).toBe(
      before.length + 1,
    );
    await admin.goto(`${e2e.server.url}/admin`);
    await row("Noor").waitFor();
    await expectNoAxeViolations(admin, "administration users");
  });

  it("adding an area says what is wrong in words at the field, and keeps focus in the form after a refusal", async () => {
    const admin = await adminPage();
    const form = admin.getByRole("form", { name: "Add an area" });
    const shortName = form.getByLabel("Short name for links");
    // Over the server's limit: said before sending, not as "Too big: expected string to have <=120".
    await shortName.fill("leeds");
    await form.getByLabel("Area name").fill("L".repeat(130));
    await form.getByLabel("Region").fill("Yorkshire");
    await form.getByRole("button", { name: "Add area" }).click();
    await form.getByText("Use 120 characters or fewer (this has 130).").waitFor();
    const nameId = await form.getByLabel("Area name").getAttribute("id");
    await expect.poll(() => admin.evaluate(() => document.activeElement?.id)).toBe(nameId);
    // A short name already taken: named as the field names it, and focus lands on that field.
    await shortName.fill("northtown");
    await form.getByLabel("Area name").fill("Northtown again");
    await form.getByRole("button", { name: "Add area" }).click();
    await form.getByText("Another area already has this short name. Choose a different one.").waitFor();
    await expect
      .poll(() => admin.evaluate(() => document.activeElement?.id))
      .toBe(await shortName.getAttribute("id"));
    expect(await form.textContent()).not.toMatch(/\bid\b|expected shape|`issues`/);
    await expectNoAxeViolations(admin, "an area refused");
    // Once added, focus is back on the button that added it, not at the top of the page.
    await shortName.fill("leeds");
    await form.getByLabel("Area name").fill("Leeds");
    await form.getByRole("button", { name: "Add area" }).click();
    await admin.getByRole("table", { name: "Areas" }).getByText("Leeds", { exact: true }).waitFor();
    await expect.poll(() => admin.evaluate(() => document.activeElement?.textContent)).toBe("Add area");
  });

  it("the small-number setting says what it governs (releases, not the exact live figures) and checks its number", async () => {
    const admin = await adminPage();
    await admin.goto(`${e2e.server.url}/dashboard`);
    const field = admin.getByLabel("Smallest group a released figure may be about");
    await field.waitFor();
    const hint = await admin.evaluate(
      (id) => document.getElementById(id ?? "")?.textContent,
      (await field.getAttribute("aria-describedby"))?.split(" ")[0],
    );
    expect(hint).toContain("The live figures you see here stay exact");
    expect(hint).not.toContain("every dashboard");
    for (const wrong of ["", "abc", "2.5", "100000"]) {
      await field.fill(wrong);
      await admin.getByRole("button", { name: "Save threshold" }).click();
      await admin.getByText(/Enter a whole number from \d+ to \d+\./).waitFor();
      await expect
        .poll(() => admin.evaluate(() => document.activeElement?.id))
        .toBe(await field.getAttribute("id"));
    }
    await expectNoAxeViolations(admin, "the small-number setting refused");
  });

  it("an invitation with a name over the limit is stopped at the field before it is sent, in words", async () => {
    const admin = await adminPage();
    await admin.goto(`${e2e.server.url}/coordination/people`);
    const form = admin.getByRole("form", { name: "Invite someone" });
    await form.getByLabel("Email").fill("long.name@example.org");
    await form.getByLabel("Name to show").fill("N".repeat(130));
    await form.getByRole("button", { name: "Invite" }).click();
    await form.getByText("Use 120 characters or fewer (this has 130).").waitFor();
    const nameId = await form.getByLabel("Name to show").getAttribute("id");
    await expect.poll(() => admin.evaluate(() => document.activeElement?.id)).toBe(nameId);
    expect(await form.textContent()).not.toMatch(/Too big|expected string|Display name/);
  });
});
