import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { PaymentMethod } from "../../shared/contract/participation-plans.ts";
import type { RewardEntry } from "../../shared/contract/rewards.ts";
import type { Database } from "../db/schema.ts";

function rewardQuery(db: Kysely<Database>) {
  return db
    .selectFrom("reward_entries as r")
    .innerJoin("users as person", "person.id", "r.user_id")
    .innerJoin("users as recorder", "recorder.id", "r.recorded_by")
    .selectAll("r")
    .select(["person.display_name as user_name", "recorder.display_name as recorded_by_name"]);
}

type RewardRow = Awaited<ReturnType<ReturnType<typeof rewardQuery>["executeTakeFirstOrThrow"]>>;

function toEntry(row: RewardRow): RewardEntry {
  return {
    id: row.id,
    userId: row.user_id,
    userName: row.user_name,
    areaId: row.area_id,
    activity: row.activity,
    hours: Number(row.minutes) / 60,
    givenOn: row.given_on,
    pencePerHour: Number(row.pence_per_hour),
    rewardPence: Number(row.reward_pence),
    paymentMethod: row.payment_method as PaymentMethod,
    recordedAt: row.recorded_at,
    recordedByName: row.recorded_by_name,
  };
}

/** Most recent first; `areaId` null means every area. */
export async function listRewards(
  db: Kysely<Database>,
  filter: { areaId: string | null; userId: string | null },
): Promise<RewardEntry[]> {
  let query = rewardQuery(db)
    .orderBy("r.given_on", "desc")
    .orderBy("r.recorded_at", "desc")
    .orderBy("r.id")
    .limit(5000);
  if (filter.areaId !== null) query = query.where("r.area_id", "=", filter.areaId);
  if (filter.userId !== null) query = query.where("r.user_id", "=", filter.userId);
  return (await query.execute()).map(toEntry);
}

export async function findReward(db: Kysely<Database>, id: string): Promise<RewardEntry | undefined> {
  const row = await rewardQuery(db).where("r.id", "=", id).executeTakeFirst();
  return row && toEntry(row);
}

export interface NewReward {
  userId: string;
  areaId: string;
  activity: string;
  minutes: number;
  givenOn: string;
  pencePerHour: number;
  paymentMethod: PaymentMethod;
  recordedBy: string;
  at: Date;
}

/** The reward due for `minutes` at `pencePerHour`, to the nearest penny. */
export function rewardDue(minutes: number, pencePerHour: number): number {
  return Math.round((minutes * pencePerHour) / 60);
}

export async function insertReward(db: Kysely<Database>, reward: NewReward): Promise<string> {
  const id = randomUUID();
  await db
    .insertInto("reward_entries")
    .values({
      id,
      user_id: reward.userId,
      area_id: reward.areaId,
      activity: reward.activity,
      minutes: reward.minutes,
      given_on: reward.givenOn,
      pence_per_hour: reward.pencePerHour,
      reward_pence: rewardDue(reward.minutes, reward.pencePerHour),
      payment_method: reward.paymentMethod,
      recorded_by: reward.recordedBy,
      recorded_at: reward.at.toISOString(),
    })
    .execute();
  return id;
}
