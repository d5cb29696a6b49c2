import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { generateParticipantCode } from "../../shared/contract/participant-code.ts";
import type { Role } from "../../shared/contract/roles.ts";
import type { SyncItem } from "../../shared/contract/sync.ts";
import type { SurveyField } from "../../shared/survey/fields.ts";
import { hashPassword } from "../auth/password.ts";
import type { Database } from "../db/schema.ts";
import { syncBatch } from "../fieldwork/sync.service.ts";
import { ValidatorCache } from "../fieldwork/validator-cache.ts";
import { listPublishedSurveys } from "../surveys/surveys.repository.ts";
import { insertUser } from "../users/users.repository.ts";
import { seedDemoConcerns, setUpDemoArea } from "./demo-area-setup.ts";
import { seededRandom, syntheticAnswers } from "./synthetic-answers.ts";

export const DEMO_AREAS = [
  { id: "northtown", name: "Northtown", region: "North East" },
  { id: "riverside", name: "Riverside", region: "North West" },
  { id: "eastmoor", name: "Eastmoor", region: "Yorkshire and the Humber" },
  { id: "southport-bay", name: "Southport Bay", region: "South West" },
  { id: "millbrook", name: "Millbrook", region: "West Midlands" },
];

export interface DemoAccount {
  role: Role;
  email: string;
  password: string;
  areaId: string | null;
}

const DEMO_ACCOUNTS: Omit<DemoAccount, "password">[] = [
  { role: "admin", email: "admin@demo.alongside", areaId: null },
  { role: "coordinator", email: "coordinator@demo.alongside", areaId: "northtown" },
  { role: "peer_researcher", email: "researcher@demo.alongside", areaId: "northtown" },
  { role: "evaluator", email: "evaluator@demo.alongside", areaId: null },
  { role: "expert", email: "expert@demo.alongside", areaId: "northtown" },
  // Every other area has its own coordinator, who is its safeguarding lead, as a real area would.
  ...DEMO_AREAS.filter((a) => a.id !== "northtown").map((a) => ({
    role: "coordinator" as const,
    email: `coordinator-${a.id}@demo.alongside`,
    areaId: a.id,
  })),
];

/**
 * Fills a fresh database with fictional areas, one account per role, and synthetic interviews:
 * each participant has a baseline and, for most, follow-ups, so change between waves can be shown.
 * Everything goes through the real sync path, so demo data is validated like field data.
 */
export async function seedDemo(
  db: Kysely<Database>,
  options: { now: Date; password: string; participantsPerArea?: number; seed?: number },
): Promise<{ accounts: DemoAccount[]; responses: number }> {
  const random = seededRandom(options.seed ?? 20261126);
  await db
    .insertInto("areas")
    .values(DEMO_AREAS.map((a) => ({ ...a, created_at: options.now.toISOString() })))
    .execute();
  const hash = await hashPassword(options.password);
  const accounts: DemoAccount[] = [];
  let researcherId = "";
  let adminId = "";
  const coordinatorOf = new Map<string, string>();
  for (const account of DEMO_ACCOUNTS) {
    const area = DEMO_AREAS.find((a) => a.id === account.areaId);
    const row = await insertUser(
      db,
      {
        email: account.email,
        displayName:
          account.role === "coordinator" && area && area.id !== "northtown"
            ? `${area.name} Coordinator`
            : demoName(account.role),
        role: account.role,
        areaId: account.areaId,
        passwordHash: hash,
      },
      options.now,
    );
    if (account.role === "peer_researcher") researcherId = row.id;
    if (account.role === "admin") adminId = row.id;
    if (account.role === "coordinator" && account.areaId) coordinatorOf.set(account.areaId, row.id);
    accounts.push({ ...account, password: options.password });
  }

  const surveys = await listPublishedSurveys(db);
  const interview = surveys.find((s) => s.id === "participant-interview");
  for (const area of DEMO_AREAS) {
    const leadId = coordinatorOf.get(area.id) ?? adminId;
    await setUpDemoArea(
      db,
      {
        areaId: area.id,
        areaName: area.name,
        region: area.region,
        leadId,
        researcherIds: area.id === "northtown" ? [researcherId] : [],
      },
      { now: options.now, interviewSurveyId: interview?.id ?? null },
    );
  }
  await seedDemoConcerns(
    db,
    { areaId: "northtown", leadId: coordinatorOf.get("northtown") ?? adminId, researcherId },
    options.now,
  );
  if (!interview) return { accounts, responses: 0 };
  const version = await db
    .selectFrom("survey_versions")
    .select("fields")
    .where("survey_id", "=", interview.id)
    .where("version", "=", interview.version)
    .executeTakeFirstOrThrow();
  const fields = JSON.parse(version.fields) as SurveyField[];
  const bytes = (array: Uint8Array) => array.map(() => Math.floor(random() * 256));

  const items: SyncItem[] = [];
  const perArea = options.participantsPerArea ?? 24;
  for (const area of DEMO_AREAS) {
    for (let p = 0; p < perArea; p++) {
      const code = generateParticipantCode(bytes);
      const waves = random() < 0.75 ? (random() < 0.6 ? 3 : 2) : 1;
      for (let wave = 0; wave < waves; wave++) {
        const started = new Date(options.now.getTime() - (300 - wave * 90 - p) * 86_400_000);
        items.push({
          id: randomUUID(),
          surveyId: interview.id,
          surveyVersion: interview.version,
          participantCode: code,
          wave,
          areaId: area.id,
          startedAt: started.toISOString(),
          completedAt: new Date(started.getTime() + 25 * 60_000).toISOString(),
          administrationMode: random() < 0.7 ? "read_aloud" : random() < 0.5 ? "mixed" : "self_completed",
          data: syntheticAnswers(fields, random, 0.35 + wave * 0.12),
        });
      }
    }
  }
  // Two Northtown interviews whose answers fail a check, so the coordinator's "Needs attention" list
  // and the analysts' review queue have something in them (docs/decisions/0024-who-sees-what.md).
  if (fields.some((f) => f.name === "workers_listen")) {
    for (const offset of [3, 9]) {
      const started = new Date(options.now.getTime() - offset * 86_400_000);
      items.push({
        id: randomUUID(),
        surveyId: interview.id,
        surveyVersion: interview.version,
        participantCode: generateParticipantCode(bytes),
        wave: 0,
        areaId: "northtown",
        startedAt: started.toISOString(),
        completedAt: new Date(started.getTime() + 25 * 60_000).toISOString(),
        administrationMode: "read_aloud",
        data: { ...syntheticAnswers(fields, random, 0.35), workers_listen: 9 },
      });
    }
  }
  const validators = new ValidatorCache();
  for (let i = 0; i < items.length; i += 50) {
    const batch = items.slice(i, i + 50);
    const areaId = batch[0]?.areaId ?? null;
    const user = {
      id: areaId === "northtown" ? researcherId : adminId,
      email: "demo",
      displayName: "Demo",
      role: "admin" as const,
      areaId: null,
    };
    await syncBatch({ db, validators, user, now: options.now }, { items: batch });
  }
  return { accounts, responses: items.length };
}

function demoName(role: Role): string {
  const names: Record<Role, string> = {
    admin: "Alex Admin",
    coordinator: "Chris Coordinator",
    peer_researcher: "Pat Researcher",
    evaluator: "Eve Evaluator",
    expert: "Jo Expert",
  };
  return names[role];
}
