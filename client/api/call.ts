import type { AnswerOf, AnyRoute } from "../../shared/contract/route.ts";
import { request } from "./http.ts";
import { type InputArgs, routeUrl } from "./route-url.ts";

/**
 * Calls a route declared in `shared/contract/*.routes.ts` and resolves to its declared answer, through
 * `request()` (the device token, problems as `ApiError`, the lost-tablet wipe, `NetworkError`). Its
 * address is built by `routeUrl()` (route-url.ts).
 */
export function call<R extends AnyRoute>(route: R, ...args: InputArgs<R>): Promise<AnswerOf<R>> {
  return request<AnswerOf<R>>(route.method, routeUrl(route, ...args), args[0]?.body);
}
