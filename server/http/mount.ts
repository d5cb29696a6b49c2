import type { Context, Hono, MiddlewareHandler } from "hono";
import type { z } from "zod";
import type { AnswerOf, AnyRoute, Params, TakesOf } from "../../shared/contract/route.ts";
import type { AppEnv } from "./app-env.ts";
import { allowRoute } from "./policy.ts";
import { readJson } from "./read-json.ts";
import { readQuery } from "./read-query.ts";

type Declared<R extends AnyRoute> = TakesOf<R>;

/** `S` when the schema takes exactly what the route declares (both ways), else `never`. */
type Fits<S, T> = S extends z.ZodType
  ? [T] extends [z.input<S>]
    ? [z.input<S>] extends [T]
      ? S
      : never
    : never
  : never;

/**
 * How the input is checked: zod schemas that take exactly what the declaration says the client sends
 * (a schema that drifts from the contract's type does not compile), or `readBody` for a body read its
 * own way (sync streams and size-checks its batch before parsing). The handler gets what the schema
 * gives (defaults filled in, cursors parsed).
 */
interface Checks<R extends AnyRoute, Q, B> {
  /** Middleware run after the policy and before the input is read: a route's own body limit. */
  use?: MiddlewareHandler<AppEnv>[];
  query?: Q & Fits<Q, Declared<R>["query"]>;
  body?: B & Fits<B, Declared<R>["body"]>;
  readBody?: (c: Context<AppEnv>) => Promise<B extends z.ZodType ? z.output<B> : Declared<R>["body"]>;
}

/** What a handler is given: the path's params and, checked, the query and body. */
export interface Input<R extends AnyRoute, Q, B> {
  params: Params<R["path"]>;
  query: Q extends z.ZodType ? z.output<Q> : undefined;
  body: B extends z.ZodType ? z.output<B> : Declared<R>["body"];
}

/**
 * The query of a route that reads it in its handler, after a check that must come first (an upload's
 * media type and size): the same check `mount`'s `query` makes, with a schema that takes exactly what
 * the declaration says, so it drifts from the contract no more than a mounted query does.
 */
export function readDeclaredQuery<R extends AnyRoute, Q>(
  c: Context<AppEnv>,
  _route: R,
  schema: Q & Fits<Q, Declared<R>["query"]>,
): Q extends z.ZodType ? z.output<Q> : never {
  return readQuery(c, schema as z.ZodType) as Q extends z.ZodType ? z.output<Q> : never;
}

declare const answering: unique symbol;
/** The declared answer sent with another success status (`answerWith`). */
type Answered<T> = Response & { readonly [answering]: T };

/**
 * The declared answer with a status other than the declared one: a resend that changed nothing is
 * answered 200 where the first send was 201. The body is still checked against the declaration.
 */
export function answerWith<T>(c: Context<AppEnv>, body: T, status: 200 | 201): Answered<T> {
  return c.json(body as object, status) as unknown as Answered<T>;
}

/**
 * A handler answers the declared type, sent as JSON with the declared status (headers and cookies set
 * on `c` go with it), or that type with another status through `answerWith`. Only a route declared to
 * answer `Response` (a file) builds its own answer.
 */
type Answer<R extends AnyRoute> =
  AnswerOf<R> extends Response ? Response : AnswerOf<R> | Answered<AnswerOf<R>>;
type Handler<R extends AnyRoute, Q, B> = (
  c: Context<AppEnv>,
  input: Input<R, Q, B>,
) => Promise<Answer<R>> | Answer<R>;

/**
 * Mounts a declared route on the API app (which is itself mounted at `/api`): the method and path
 * from the declaration, who may call it from its `who` (refused before the input is read), then the
 * input checks, then the handler.
 */
export function mount<R extends AnyRoute, Q = undefined, B = undefined>(
  api: Hono<AppEnv>,
  route: R,
  checks: Checks<R, Q, B>,
  handler: Handler<R, Q, B>,
): void {
  const {
    use = [],
    query,
    body,
    readBody,
  } = checks as {
    use?: MiddlewareHandler<AppEnv>[];
    query?: z.ZodType;
    body?: z.ZodType;
    readBody?: (c: Context<AppEnv>) => Promise<unknown>;
  };
  api.on(route.method, route.path.slice("/api".length), allowRoute(route), ...use, async (c) => {
    const input = {
      params: c.req.param() as Params<R["path"]>,
      query: query ? readQuery(c, query) : undefined,
      body: body ? await readJson(c, body) : readBody ? await readBody(c) : undefined,
    } as Input<R, Q, B>;
    const answer = await handler(c, input);
    if (answer instanceof Response) return answer;
    if (route.status === 204) return c.body(null, 204);
    return c.json(answer as object, route.status);
  });
}
