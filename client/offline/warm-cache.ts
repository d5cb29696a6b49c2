import { areasApi } from "../../shared/contract/areas.routes.ts";
import { authApi } from "../../shared/contract/auth.routes.ts";
import type { Me } from "../../shared/contract/auth.ts";
import { followUpsApi } from "../../shared/contract/follow-ups.routes.ts";
import type { AnswerOf, AnyRoute } from "../../shared/contract/route.ts";
import { supportServicesApi } from "../../shared/contract/support-services.routes.ts";
import { surveysApi } from "../../shared/contract/surveys.routes.ts";
import { localesIn } from "../../shared/survey/locales.ts";
import { type InputArgs, routeUrl } from "../api/route-url.ts";
import { preloadSurveyCoreLocales } from "../fieldwork/survey-core-locale.ts";
import { whenControlled } from "./service-worker.ts";

/**
 * While online, fetches what an interview needs offline so the service worker keeps a copy: who is
 * signed in (so the app opens offline as them), the published surveys and each one's current version,
 * the areas, the area's support services and the follow-up due list.
 *
 * It runs in the background, perhaps while an interview is on screen, so it uses `fetch` itself rather
 * than `client/api/http.ts`: a session that ended while offline must not send the researcher to the
 * sign-in page mid-interview (the outbox says "Sign in again" instead). Failures are quiet; the copy kept
 * from last time stays. The addresses are the declared routes' (`routeUrl`), the same the pages ask for,
 * so the service worker's copy is the one they find offline.
 */
let last = 0;
const EVERY_MS = 10 * 60_000;

export async function warmOfflineCache(me: Me): Promise<void> {
  if (!navigator.onLine || Date.now() - last < EVERY_MS) return;
  if (!(await whenControlled())) return;
  last = Date.now();
  const surveys = (await getJson(surveysApi.list))?.surveys ?? [];
  const areas = (await getJson(areasApi.list))?.areas ?? [];
  const areaIds = me.areaId ? [me.areaId] : areas.map((area) => area.id);
  const [, , versions] = await Promise.all([
    getJson(authApi.me),
    getJson(followUpsApi.due),
    Promise.all(
      surveys.map((s) => getJson(surveysApi.version, { params: { id: s.id, version: String(s.version) } })),
    ),
    ...areaIds.map((id) => getJson(supportServicesApi.get, { params: { id } })),
  ]);
  // survey-core's own words in every language the surveys offer (issue 18): loading them through the
  // service worker is what keeps them for offline use.
  await preloadSurveyCoreLocales(versions.flatMap((v) => (v ? localesIn(v.definition) : [])));
}

async function getJson<R extends AnyRoute & { method: "GET" }>(
  route: R,
  ...args: InputArgs<R>
): Promise<AnswerOf<R> | undefined> {
  try {
    const response = await fetch(routeUrl(route, ...args), {
      credentials: "same-origin",
      headers: { accept: "application/json" },
    });
    return response.ok ? ((await response.json()) as AnswerOf<R>) : undefined;
  } catch {
    return undefined;
  }
}
