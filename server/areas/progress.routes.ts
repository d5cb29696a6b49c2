import type { Hono } from "hono";
import type { FollowUpState } from "../../shared/contract/assignments.ts";
import { progressApi } from "../../shared/contract/progress.routes.ts";
import { ProgressQuery } from "../../shared/contract/progress.schema.ts";
import type { ProgressRow } from "../../shared/contract/progress.ts";
import { listArea } from "../access/area-scope.ts";
import { loadFollowUps } from "../follow-ups/follow-ups.ts";
import type { AppEnv } from "../http/app-env.ts";
import { mount } from "../http/mount.ts";
import { requireUser } from "../http/policy.ts";
import { today } from "../today.ts";

/** Fieldwork progress per area, survey and wave against the area's targets. */
export function progressRoutes(api: Hono<AppEnv>): void {
  mount(api, progressApi.get, { query: ProgressQuery }, async (c, { query }) => {
    const { db, now } = c.get("deps");
    const user = requireUser(c.get("user"));
    const areaId = listArea(user, query.areaId);
    const surveyId = query.surveyId ?? null;
    const day = today(now());

    let areasQuery = db.selectFrom("areas").select(["id", "name"]);
    if (areaId !== null) areasQuery = areasQuery.where("id", "=", areaId);
    let targetsQuery = db.selectFrom("area_targets").select(["area_id", "survey_id", "wave", "target"]);
    if (areaId !== null) targetsQuery = targetsQuery.where("area_id", "=", areaId);
    if (surveyId !== null) targetsQuery = targetsQuery.where("survey_id", "=", surveyId);
    const [areas, surveys, targets, followUps] = await Promise.all([
      areasQuery.execute(),
      db.selectFrom("surveys").select(["id", "title"]).execute(),
      targetsQuery.execute(),
      loadFollowUps(db, { areaId, surveyId }, day),
    ]);
    const areaNames = new Map(areas.map((a) => [a.id, a.name]));
    const surveyTitles = new Map(surveys.map((s) => [s.id, s.title]));

    const rows = new Map<string, ProgressRow>();
    const row = (area: string, survey: string, wave: number): ProgressRow | undefined => {
      const areaName = areaNames.get(area);
      if (areaName === undefined) return undefined;
      const k = `${area}|${survey}|${wave}`;
      let r = rows.get(k);
      if (!r) {
        r = {
          areaId: area,
          areaName,
          surveyId: survey,
          surveyTitle: surveyTitles.get(survey) ?? survey,
          wave,
          target: null,
          completed: 0,
          due: 0,
          overdue: 0,
          upcoming: 0,
          declined: 0,
          withdrawn: 0,
        };
        rows.set(k, r);
      }
      return r;
    };
    for (const t of targets) {
      const r = row(t.area_id, t.survey_id, Number(t.wave));
      if (r) r.target = Number(t.target);
    }
    for (const f of followUps) {
      const r = row(f.areaId, f.surveyId, f.wave);
      if (r) r[f.state satisfies FollowUpState] += 1;
    }
    const sorted = [...rows.values()].sort(
      (a, b) =>
        a.areaName.localeCompare(b.areaName) || a.surveyTitle.localeCompare(b.surveyTitle) || a.wave - b.wave,
    );
    return { today: day, rows: sorted };
  });
}
