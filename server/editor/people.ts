import type { Kysely } from "kysely";
import type { Person } from "../../shared/contract/editor.ts";
import type { Database } from "../db/schema.ts";

/** Display names for the user ids a page of editor data mentions, in one query. */
export async function peopleById(
  db: Kysely<Database>,
  ids: Iterable<string | null>,
): Promise<Map<string, Person>> {
  const wanted = [...new Set([...ids].filter((id): id is string => typeof id === "string"))];
  const people = new Map<string, Person>();
  // Chunked: PostgreSQL and SQLite both cap the number of bound parameters.
  for (let i = 0; i < wanted.length; i += 500) {
    const rows = await db
      .selectFrom("users")
      .select(["id", "display_name"])
      .where("id", "in", wanted.slice(i, i + 500))
      .execute();
    for (const row of rows) people.set(row.id, { id: row.id, name: row.display_name });
  }
  return people;
}

export function personOr(people: Map<string, Person>, id: string | null): Person | null {
  if (id === null) return null;
  return people.get(id) ?? { id, name: "Unknown person" };
}

export function person(people: Map<string, Person>, id: string): Person {
  return people.get(id) ?? { id, name: "Unknown person" };
}
