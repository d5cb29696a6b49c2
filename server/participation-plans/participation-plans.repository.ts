import type { Kysely } from "kysely";
import {
  type ContactMethod,
  contactMethods,
  type ParticipationPlan,
  type ParticipationPlanInput,
  type PaymentMethod,
  paymentMethods,
} from "../../shared/contract/participation-plans.ts";
import type { Role } from "../../shared/contract/roles.ts";
import type { Database } from "../db/schema.ts";

function planQuery(db: Kysely<Database>) {
  return db
    .selectFrom("users")
    .leftJoin("participation_plans as p", "p.user_id", "users.id")
    .leftJoin("users as editor", "editor.id", "p.updated_by")
    .select([
      "users.id",
      "users.display_name",
      "users.role",
      "users.area_id",
      "p.interests",
      "p.goals",
      "p.support_wanted",
      "p.contact_methods",
      "p.contact_notes",
      "p.preferred_payment",
      "p.updated_at",
      "p.updated_by",
      "editor.display_name as updated_by_name",
    ]);
}

type PlanRow = Awaited<ReturnType<ReturnType<typeof planQuery>["executeTakeFirstOrThrow"]>>;

function toPlan(row: PlanRow): ParticipationPlan {
  let methods: ContactMethod[] = [];
  try {
    const parsed: unknown = JSON.parse(row.contact_methods ?? "[]");
    if (Array.isArray(parsed)) {
      methods = parsed.filter((m): m is ContactMethod => (contactMethods as readonly unknown[]).includes(m));
    }
  } catch {
    methods = [];
  }
  const payment = (paymentMethods as readonly (string | null)[]).includes(row.preferred_payment)
    ? (row.preferred_payment as PaymentMethod)
    : null;
  return {
    userId: row.id,
    displayName: row.display_name,
    role: row.role as Role,
    areaId: row.area_id,
    interests: row.interests ?? "",
    goals: row.goals ?? "",
    supportWanted: row.support_wanted ?? "",
    contactMethods: methods,
    contactNotes: row.contact_notes ?? "",
    preferredPayment: payment,
    updatedAt: row.updated_at ?? null,
    updatedByName: row.updated_by_name ?? null,
    updatedBySelf: row.updated_by === row.id,
  };
}

export async function findPlan(db: Kysely<Database>, userId: string): Promise<ParticipationPlan | undefined> {
  const row = await planQuery(db).where("users.id", "=", userId).executeTakeFirst();
  return row && toPlan(row);
}

/** Experts and peer researchers (the people plans are for), with or without a plan yet. */
export async function listPlans(db: Kysely<Database>, areaId: string | null): Promise<ParticipationPlan[]> {
  let query = planQuery(db)
    .where("users.role", "in", ["expert", "peer_researcher"])
    .where("users.disabled", "=", 0)
    .orderBy("users.display_name")
    .limit(2000);
  if (areaId !== null) query = query.where("users.area_id", "=", areaId);
  return (await query.execute()).map(toPlan);
}

export async function savePlan(
  db: Kysely<Database>,
  userId: string,
  plan: ParticipationPlanInput,
  by: { userId: string; at: Date },
): Promise<void> {
  const values = {
    interests: plan.interests,
    goals: plan.goals,
    support_wanted: plan.supportWanted,
    contact_methods: JSON.stringify(plan.contactMethods),
    contact_notes: plan.contactNotes,
    preferred_payment: plan.preferredPayment,
    updated_at: by.at.toISOString(),
    updated_by: by.userId,
  };
  await db
    .insertInto("participation_plans")
    .values({ user_id: userId, ...values })
    .onConflict((oc) => oc.column("user_id").doUpdateSet(values))
    .execute();
}
