import { randomUUID } from "node:crypto";
import type { Kysely, Selectable } from "kysely";
import type { Role } from "../../shared/contract/roles.ts";
import type { User } from "../../shared/contract/users.ts";
import type { Database } from "../db/schema.ts";
import type { UsersTable } from "./users.table.ts";

export type UserRow = Selectable<UsersTable>;

export function toUser(row: UserRow): User {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    role: row.role as Role,
    areaId: row.area_id,
    disabled: Number(row.disabled) === 1,
    invited: row.password_hash === null,
  };
}

export async function findUserByEmail(db: Kysely<Database>, email: string): Promise<UserRow | undefined> {
  return db.selectFrom("users").selectAll().where("email", "=", email.toLowerCase()).executeTakeFirst();
}

export async function findUserById(db: Kysely<Database>, id: string): Promise<UserRow | undefined> {
  return db.selectFrom("users").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function listUsers(db: Kysely<Database>, areaId: string | null): Promise<UserRow[]> {
  let query = db.selectFrom("users").selectAll().orderBy("display_name");
  if (areaId !== null) query = query.where("area_id", "=", areaId);
  return query.execute();
}

export interface NewUser {
  email: string;
  displayName: string;
  role: Role;
  areaId: string | null;
  passwordHash: string | null;
}

export async function insertUser(db: Kysely<Database>, user: NewUser, now: Date): Promise<UserRow> {
  const row = {
    id: randomUUID(),
    email: user.email.toLowerCase(),
    display_name: user.displayName,
    role: user.role,
    area_id: user.areaId,
    password_hash: user.passwordHash,
    disabled: 0,
    created_at: now.toISOString(),
  };
  await db.insertInto("users").values(row).execute();
  return row;
}

export async function setPasswordHash(db: Kysely<Database>, userId: string, hash: string): Promise<void> {
  await db.updateTable("users").set({ password_hash: hash }).where("id", "=", userId).execute();
}

/** Answers false when there is no such account. */
export async function setUserDisabled(
  db: Kysely<Database>,
  userId: string,
  disabled: boolean,
): Promise<boolean> {
  const result = await db
    .updateTable("users")
    .set({ disabled: disabled ? 1 : 0 })
    .where("id", "=", userId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function setUserRole(
  db: Kysely<Database>,
  userId: string,
  change: { role: Role; areaId: string | null },
): Promise<void> {
  await db
    .updateTable("users")
    .set({ role: change.role, area_id: change.areaId })
    .where("id", "=", userId)
    .execute();
}
