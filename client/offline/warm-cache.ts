import type { Me } from "../../shared/contract/auth.ts";
import { listAreas } from "../api/areas.ts";
import { fetchMe } from "../api/auth.ts";
import { fetchDueList } from "../api/followups.ts";
import { fetchSupportServices } from "../api/support-services.ts";
import { fetchSurveyVersion, listPublishedSurveys } from "../api/surveys.ts";
import { whenControlled } from "./service-worker.ts";

/**
 * While online, fetches what an interview needs offline so the service worker keeps a copy: who is
 * signed in (so the app opens offline as them), the published surveys and each one's current version,
 * the areas, the area's support services and the follow-up due list. Runs after the service worker controls the page; failures are quiet (the copy
 * kept from last time stays).
 */
let last = 0;
const EVERY_MS = 10 * 60_000;

export async function warmOfflineCache(me: Me): Promise<void> {
  if (!navigator.onLine || Date.now() - last < EVERY_MS) return;
  if (!(await whenControlled())) return;
  last = Date.now();
  const quietly = (promise: Promise<unknown>) => promise.catch(() => undefined);
  const surveys = await listPublishedSurveys().catch(() => []);
  const areas = await listAreas().catch(() => []);
  const areaIds = me.areaId ? [me.areaId] : areas.map((area) => area.id);
  await Promise.all([
    ...surveys.map((survey) => quietly(fetchSurveyVersion(survey.id, survey.version))),
    ...areaIds.map((id) => quietly(fetchSupportServices(id))),
    quietly(fetchDueList()),
    quietly(fetchMe()),
  ]);
}
