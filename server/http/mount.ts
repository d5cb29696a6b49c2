import type { Context, Hono } from "hono";
import type { z } from "zod";
import type { AnswerOf, AnyRoute, Params, TakesOf } from "../../shared/contract/route.ts";
import type { AppEnv } from "./app-env.ts";
import { allowRoute } from "./policy.ts";
import { readJson } from "./read-json.ts";
import { readQuery } from "./read-query.ts";

/** What a handler is given: the path's params and, checked, the declared query and body. */
export type Input<R extends AnyRoute> = {
  params: Params<R["path"]>;
  query: TakesOf<R>["query"];
  body: TakesOf<R>["body"];
};

/**
 * How the input is checked: zod schemas typed by the declaration (a schema that drifts from the
 * contract's type does not compile), or `readBody` for a body read its own way (sync streams and
 * size-checks its batch before parsing). A declared query or body must be checked.
 */
type Checks<R extends AnyRoute> = (undefined extends TakesOf<R>["query"]
  ? { query?: never }
  : { query: z.ZodType<TakesOf<R>["query"]> }) &
  (undefined extends TakesOf<R>["body"]
    ? { body?: never; readBody?: never }
    :
        | { body: z.ZodType<TakesOf<R>["body"]>; readBody?: never }
        | { readBody: (c: Context<AppEnv>) => Promise<TakesOf<R>["body"]>; body?: never });

/**
 * A handler answers the declared type, sent as JSON with the declared status (headers and cookies set
 * on `c` go with it). Only a route declared to answer `Response` (a file) builds its own answer.
 */
type Answer<R extends AnyRoute> = AnswerOf<R> extends Response ? Response : AnswerOf<R>;
type Handler<R extends AnyRoute> = (c: Context<AppEnv>, input: Input<R>) => Promise<Answer<R>> | Answer<R>;

/**
 * Mounts a declared route on the API app (which is itself mounted at `/api`): the method and path
 * from the declaration, who may call it from its `who` (refused before the input is read), then the
 * input checks, then the handler.
 */
export function mount<R extends AnyRoute>(
  api: Hono<AppEnv>,
  route: R,
  checks: Checks<R>,
  handler: Handler<R>,
): void {
  const { query, body, readBody } = checks as {
    query?: z.ZodType;
    body?: z.ZodType;
    readBody?: (c: Context<AppEnv>) => Promise<unknown>;
  };
  api.on(route.method, route.path.slice("/api".length), allowRoute(route), async (c) => {
    const input = {
      params: c.req.param() as Params<R["path"]>,
      query: query ? readQuery(c, query) : undefined,
      body: body ? await readJson(c, body) : readBody ? await readBody(c) : undefined,
    } as Input<R>;
    const answer = await handler(c, input);
    if (answer instanceof Response) return answer;
    if (route.status === 204) return c.body(null, 204);
    return c.json(answer as object, route.status);
  });
}
