import { type Role, roles } from "./roles.ts";

/**
 * A route declared once (issue 20 item 1, docs/decisions/0053): its method, path, who may call it and,
 * as types only, what it takes and what it answers. The server mounts and polices it from this
 * (`server/http/mount.ts`), the client calls it through this (`client/api/call.ts`), and the route
 * table in `shared/contract/README.md` is printed from it (`npm run routes`). Types and role constants
 * only: nothing here runs zod or imports domain code.
 */
export type Method = "GET" | "POST" | "PUT" | "DELETE";

/** Who may call a route: signed-in people in these roles, or anyone ("public"). */
export type Who = "public" | readonly Role[];

export const everyone: readonly Role[] = roles;
export const fieldworkers: readonly Role[] = ["admin", "coordinator", "peer_researcher"];
/**
 * Trusted analysts (docs/decisions/0024-who-sees-what.md): the data manager (admin) and independent
 * evaluators, under a data-sharing agreement. Only they see participants' answers, row by row or as
 * live, exact figures; everyone else sees releases.
 */
export const trustedAnalysts: readonly Role[] = ["admin", "evaluator"];

/** What a route takes besides its path parameters: query parameters and a JSON body. */
export interface Takes {
  query?: object;
  body?: unknown;
}

/** The names of a path's `:params`: `"/api/users/:id/role"` → `"id"`. */
type ParamNames<P extends string> = P extends `${string}:${infer Name}/${infer Rest}`
  ? Name | ParamNames<`/${Rest}`>
  : P extends `${string}:${infer Name}`
    ? Name
    : never;

export type Params<P extends string> = { [Name in ParamNames<P>]: string };

/** The status of a successful answer; 204 answers have no body. */
export type SuccessStatus = 200 | 201 | 204;

export interface Route<
  M extends Method = Method,
  P extends string = string,
  I extends Takes = Takes,
  O = unknown,
> {
  readonly method: M;
  readonly path: P;
  readonly who: Who;
  readonly status: SuccessStatus;
  /** Phantom: never set, carries the input and output types to both sides. */
  readonly types?: { takes: I; answers: O };
  /** The same route, declared to take `T` (query parameters and/or a JSON body). */
  takes<T extends Takes>(): Route<M, P, T, O>;
  /** The same route, declared to answer `T` as JSON. */
  answers<T>(): Route<M, P, I, T>;
}

/** A route in any shape (for lists of routes and generic code). */
// biome-ignore lint/suspicious/noExplicitAny: the widest route, whatever it takes and answers.
export type AnyRoute = Route<Method, string, any, any>;

export type TakesOf<R extends AnyRoute> = NonNullable<R["types"]>["takes"];
export type AnswerOf<R extends AnyRoute> = NonNullable<R["types"]>["answers"];

/** `"GET /api/withdrawals"`: the key a route is known by in the policy and the route table. */
export type RouteKey<R extends AnyRoute> = R extends Route<infer M, infer P> ? `${M} ${P}` : never;

export const routeKey = <R extends AnyRoute>(route: R) => `${route.method} ${route.path}` as RouteKey<R>;

/**
 * Declares a route: `route("GET", "/api/withdrawals", ["admin", "coordinator"]).answers<Withdrawals>()`.
 * Routes that answer nothing say `{ status: 204 }`; routes that create say `{ status: 201 }`.
 */
export function route<M extends Method, P extends `/api/${string}`>(
  method: M,
  path: P,
  who: Who,
  options: { status?: SuccessStatus } = {},
): Route<M, P, Record<never, never>, void> {
  const declared = {
    method,
    path,
    who,
    status: options.status ?? 200,
    takes: () => declared,
    answers: () => declared,
  };
  return declared as Route<M, P, Record<never, never>, void>;
}
