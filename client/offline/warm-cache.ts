import type { Me } from "../../shared/contract/auth.ts";
import type { AreasResponse, PublishedSurveySummary, SurveyVersion } from "../../shared/contract/index.ts";
import { localesIn } from "../../shared/survey/locales.ts";
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
 * from last time stays.
 */
let last = 0;
const EVERY_MS = 10 * 60_000;

export async function warmOfflineCache(me: Me): Promise<void> {
  if (!navigator.onLine || Date.now() - last < EVERY_MS) return;
  if (!(await whenControlled())) return;
  last = Date.now();
  const surveys = (await getJson<{ surveys: PublishedSurveySummary[] }>("/api/surveys"))?.surveys ?? [];
  const areas = (await getJson<AreasResponse>("/api/areas"))?.areas ?? [];
  const areaIds = me.areaId ? [me.areaId] : areas.map((area) => area.id);
  const [, , versions] = await Promise.all([
    getJson("/api/auth/me"),
    getJson("/api/followups/due"),
    Promise.all(
      surveys.map((s) =>
        getJson<SurveyVersion>(`/api/surveys/${encodeURIComponent(s.id)}/versions/${s.version}`),
      ),
    ),
    ...areaIds.map((id) => getJson(`/api/areas/${encodeURIComponent(id)}/support-services`)),
  ]);
  // survey-core's own words in every language the surveys offer (issue 18): loading them through the
  // service worker is what keeps them for offline use.
  await preloadSurveyCoreLocales(versions.flatMap((v) => (v ? localesIn(v.definition) : [])));
}

async function getJson<T>(path: string): Promise<T | undefined> {
  try {
    const response = await fetch(path, {
      credentials: "same-origin",
      headers: { accept: "application/json" },
    });
    return response.ok ? ((await response.json()) as T) : undefined;
  } catch {
    return undefined;
  }
}
