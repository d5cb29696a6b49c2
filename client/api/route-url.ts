import type { AnyRoute, Params, TakesOf } from "../../shared/contract/route.ts";

/*
 * The address of a declared route. Apart from `call.ts` so that the offline transport, which
 * `call.ts`'s `request()` itself imports, can build its addresses from the declarations too without an
 * import cycle: this file imports nothing of the client.
 */

type ParamsPart<R extends AnyRoute> = keyof Params<R["path"]> extends never
  ? { params?: never }
  : { params: Params<R["path"]> };
/** Query parameters that are all optional may be left out. */
type QueryPart<R extends AnyRoute> = undefined extends TakesOf<R>["query"]
  ? { query?: never }
  : Record<never, never> extends TakesOf<R>["query"]
    ? { query?: TakesOf<R>["query"] }
    : { query: TakesOf<R>["query"] };
type BodyPart<R extends AnyRoute> = undefined extends TakesOf<R>["body"]
  ? { body?: never }
  : { body: TakesOf<R>["body"] };

/** What calling a route needs: its path params, query and body, each only where declared. */
export type CallInput<R extends AnyRoute> = ParamsPart<R> & QueryPart<R> & BodyPart<R>;

/** Routes that need no input are called with the route alone. */
export type InputArgs<R extends AnyRoute> =
  Record<never, never> extends CallInput<R> ? [input?: CallInput<R>] : [input: CallInput<R>];

/**
 * The address of a route with its params filled in (encoded) and its query, for links and calls. A
 * query parameter left empty (undefined, null or "") is not sent.
 */
export function routeUrl<R extends AnyRoute>(route: R, ...[input]: InputArgs<R>): string {
  const params: Record<string, string> = input?.params ?? {};
  const path = route.path.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`${route.path} needs :${name}.`);
    return encodeURIComponent(value);
  });
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(input?.query ?? {})) {
    if (value !== undefined && value !== null && value !== "") query.set(name, String(value));
  }
  const search = query.toString();
  return search ? `${path}?${search}` : path;
}
