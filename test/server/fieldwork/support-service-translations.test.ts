import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../../helpers/test-app.ts";

// Decision 0050: a coordinator gives the area's support services in another language, so a person
// whose interview was in Polish is signposted in Polish. Keyed by the service's name as listed now.

let t: TestContext;
beforeEach(async () => {
  t = await createTestContext();
  await t.db
    .updateTable("areas")
    .set({ support_services: JSON.stringify(services) })
    .where("id", "=", "north")
    .execute();
});
afterEach(async () => {
  await t.close();
});

const services = [
  { name: "Northtown Crisis Line", phone: "0800 000 0000", hours: "24 hours" },
  { name: "Day centre", address: "1 High Street", notes: "Drop in, no appointment" },
];
const polish = {
  "Northtown Crisis Line": { name: "Telefon kryzysowy Northtown", hours: "całą dobę" },
  "Day centre": { notes: "Bez umawiania się" },
};

const put = async (cookie: string, locale: string, body: unknown, area = "north") =>
  t.request(`/api/areas/${area}/support-services/translations/${locale}`, {
    method: "PUT",
    cookie,
    json: body,
  });

describe("support services in other languages", () => {
  it("are given by the area's coordinator and sent to the tablet with the list", async () => {
    const coordinator = await t.signIn("coordinator", "north");
    const res = await put(coordinator, "pl", { services: polish });
    expect(res.status).toBe(200);
    const researcher = await t.signIn("peer_researcher", "north");
    const body = await (await t.request("/api/areas/north/support-services", { cookie: researcher })).json();
    expect(body).toEqual({ areaId: "north", areaName: "Northtown", services, translations: { pl: polish } });
  });

  it("are left out for a service renamed since, and removed with an empty set", async () => {
    const coordinator = await t.signIn("coordinator", "north");
    await put(coordinator, "pl", { services: polish });
    await t.db
      .updateTable("areas")
      .set({ support_services: JSON.stringify([{ ...services[0], name: "Crisis Line" }, services[1]]) })
      .where("id", "=", "north")
      .execute();
    const read = async () =>
      (await (await t.request("/api/areas/north/support-services", { cookie: coordinator })).json()) as {
        translations?: unknown;
      };
    expect((await read()).translations).toEqual({ pl: { "Day centre": polish["Day centre"] } });
    expect((await put(coordinator, "pl", { services: {} })).status).toBe(200);
    expect((await read()).translations).toBeUndefined();
  });

  it("refuse a name not on the list, a tag that is not a language, other areas and researchers", async () => {
    const coordinator = await t.signIn("coordinator", "north");
    const unknown = await put(coordinator, "pl", { services: { "No such place": { name: "Nie ma" } } });
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toMatchObject({ issues: [{ path: ["services", "No such place"] }] });
    expect((await put(coordinator, "default", { services: polish })).status).toBe(400);
    expect((await put(coordinator, "<b>", { services: polish })).status).toBe(400);
    expect((await put(coordinator, "pl", { services: polish }, "south")).status).toBe(403);
    expect((await put(await t.signIn("peer_researcher", "north"), "pl", { services: polish })).status).toBe(
      403,
    );
    expect((await put(await t.signIn("admin"), "pl", { services: polish }, "nowhere")).status).toBe(404);
  });
});
