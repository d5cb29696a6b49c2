import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiError } from "../../client/api/api-error.ts";
import { call } from "../../client/api/call.ts";
import { routeUrl } from "../../client/api/route-url.ts";
import { route } from "../../shared/contract/route.ts";

const userRole = route("PUT", "/api/users/:id/role", ["admin"])
  .takes<{ body: { role: string } }>()
  .answers<{ id: string }>();
const preview = route("GET", "/api/withdrawals/preview", ["admin"])
  .takes<{ query: { participantCode: string; page?: number } }>()
  .answers<{ responses: number }>();

describe("calling a declared route", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("fills in the path's params, encoded, and the query", () => {
    expect(routeUrl(userRole, { params: { id: "a/b c" }, body: { role: "admin" } })).toBe(
      "/api/users/a%2Fb%20c/role",
    );
    expect(routeUrl(preview, { query: { participantCode: "K7&X", page: undefined } })).toBe(
      "/api/withdrawals/preview?participantCode=K7%26X",
    );
  });

  it("sends the method and body through request() and resolves to the answer", async () => {
    const fetch = vi.fn(async () => Response.json({ id: "u1" }));
    vi.stubGlobal("fetch", fetch);
    await expect(call(userRole, { params: { id: "u1" }, body: { role: "admin" } })).resolves.toEqual({
      id: "u1",
    });
    expect(fetch).toHaveBeenCalledWith(
      "/api/users/u1/role",
      expect.objectContaining({ method: "PUT", body: JSON.stringify({ role: "admin" }) }),
    );
  });

  it("turns a problem into an ApiError, as every request does", async () => {
    const problem = { type: "about:blank", title: "No", status: 403, code: "forbidden_role" };
    vi.stubGlobal("fetch", async () =>
      Response.json(problem, { status: 403, headers: { "content-type": "application/problem+json" } }),
    );
    await expect(call(preview, { query: { participantCode: "K7" } })).rejects.toBeInstanceOf(ApiError);
  });
});
