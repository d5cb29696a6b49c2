import type { Kysely } from "kysely";
import { SupportServices } from "../../shared/contract/area-settings.schema.ts";
import type {
  AreaSettings,
  AreaTarget,
  SafeguardingLeadOption,
  SupportService,
} from "../../shared/contract/area-settings.ts";
import type { Database } from "../db/schema.ts";

/** `areas.support_services` as stored; anything unreadable counts as no services rather than an error. */
export function parseSupportServices(text: string): SupportService[] {
  try {
    const parsed = SupportServices.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}

/** Who may be an area's safeguarding lead: its active coordinators, and active administrators. */
export async function leadOptions(db: Kysely<Database>, areaId: string): Promise<SafeguardingLeadOption[]> {
  const rows = await db
    .selectFrom("users")
    .select(["id", "display_name"])
    .where("disabled", "=", 0)
    .where((eb) =>
      eb.or([eb.and([eb("role", "=", "coordinator"), eb("area_id", "=", areaId)]), eb("role", "=", "admin")]),
    )
    .orderBy("display_name")
    .execute();
  return rows.map((r) => ({ id: r.id, displayName: r.display_name }));
}

export async function areaTargets(db: Kysely<Database>, areaId: string): Promise<AreaTarget[]> {
  const rows = await db
    .selectFrom("area_targets")
    .select(["survey_id", "wave", "target"])
    .where("area_id", "=", areaId)
    .orderBy("survey_id")
    .orderBy("wave")
    .execute();
  return rows.map((r) => ({ surveyId: r.survey_id, wave: Number(r.wave), target: Number(r.target) }));
}

export async function findAreaSettings(
  db: Kysely<Database>,
  areaId: string,
): Promise<AreaSettings | undefined> {
  const row = await db
    .selectFrom("areas")
    .leftJoin("users as lead", "lead.id", "areas.safeguarding_lead_id")
    .select([
      "areas.id",
      "areas.name",
      "areas.region",
      "areas.support_services",
      "areas.safeguarding_lead_id",
      "lead.display_name as lead_name",
      "areas.reward_pence_per_hour",
      "areas.reward_policy_note",
    ])
    .where("areas.id", "=", areaId)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    id: row.id,
    name: row.name,
    region: row.region,
    supportServices: parseSupportServices(row.support_services),
    safeguardingLeadId: row.safeguarding_lead_id,
    safeguardingLeadName: row.lead_name ?? null,
    rewardPencePerHour: row.reward_pence_per_hour === null ? null : Number(row.reward_pence_per_hour),
    rewardPolicyNote: row.reward_policy_note,
    targets: await areaTargets(db, areaId),
    leadOptions: await leadOptions(db, areaId),
  };
}

export interface AreaSettingsChange {
  name: string;
  region: string;
  supportServices: SupportService[];
  safeguardingLeadId: string | null;
  rewardPencePerHour: number | null;
  rewardPolicyNote: string;
}

export async function updateAreaSettings(
  db: Kysely<Database>,
  areaId: string,
  change: AreaSettingsChange,
): Promise<void> {
  await db
    .updateTable("areas")
    .set({
      name: change.name,
      region: change.region,
      support_services: JSON.stringify(change.supportServices),
      safeguarding_lead_id: change.safeguardingLeadId,
      reward_pence_per_hour: change.rewardPencePerHour,
      reward_policy_note: change.rewardPolicyNote,
    })
    .where("id", "=", areaId)
    .execute();
}

/** Replaces the area's targets with `targets`. */
export async function replaceAreaTargets(
  db: Kysely<Database>,
  areaId: string,
  targets: AreaTarget[],
  by: { userId: string; at: Date },
): Promise<void> {
  await db.deleteFrom("area_targets").where("area_id", "=", areaId).execute();
  if (targets.length === 0) return;
  await db
    .insertInto("area_targets")
    .values(
      targets.map((t) => ({
        area_id: areaId,
        survey_id: t.surveyId,
        wave: t.wave,
        target: t.target,
        updated_at: by.at.toISOString(),
        updated_by: by.userId,
      })),
    )
    .execute();
}

/** The ids among `surveyIds` that name no survey. */
export async function unknownSurveys(db: Kysely<Database>, surveyIds: string[]): Promise<string[]> {
  const unique = [...new Set(surveyIds)];
  if (unique.length === 0) return [];
  const found = await db.selectFrom("surveys").select("id").where("id", "in", unique).execute();
  const known = new Set(found.map((r) => r.id));
  return unique.filter((id) => !known.has(id));
}
