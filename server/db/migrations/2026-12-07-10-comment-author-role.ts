import { type Kysely, PostgresAdapter, sql } from "kysely";

// Frozen: this migration must keep producing the same schema forever. It takes Kysely<any> and
// imports nothing from the application. Decision 0065 §2.
//
// `review_events.actor_role`: the role of the person who wrote a review decision or comment, as it
// was when they wrote it. Who may read a comment follows it (an evaluator reads only comments written
// by evaluators: anyone else could quote the participant's own words), so an account that changes
// role later changes nothing about what it wrote.
//
// Stored rows are filled in with the role their author had when writing, as far as it is known: every
// role change made in the product has been written to the audit log since the first release, in the
// same transaction as the change, with the role before it (`user.role_change`, detail.from.role). So
// an event's role is the "from" role of its author's first role change after it, or, with none after
// it, the author's present role. A change made outside the product (in the database directly) is not
// known: such an author's events get the role found this way. The column stays nullable so that an
// instance of the previous release can still insert during a rolling restart; a trigger fills such a
// row in from its author's role at that moment (which is then the role when it was written), on both
// databases. No row keeps a null.

/** The role before a `user.role_change` audit entry, from its detail; null if unreadable. */
function roleBefore(detail: string): string | null {
  try {
    const role = (JSON.parse(detail) as { from?: { role?: unknown } } | null)?.from?.role;
    return typeof role === "string" && role !== "" ? role : null;
  } catch {
    return null;
  }
}

const isPostgres = (db: Kysely<any>) => db.getExecutor().adapter instanceof PostgresAdapter;

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("review_events").addColumn("actor_role", "text").execute();

  // Each author's role changes, oldest first: when, and the role before.
  const changes = new Map<string, { at: string; from: string }[]>();
  const logged = await db
    .selectFrom("audit_log")
    .select(["target", "at", "detail"])
    .where("action", "=", "user.role_change")
    .orderBy("at")
    .execute();
  for (const entry of logged) {
    const from = roleBefore(String(entry.detail));
    if (entry.target === null || from === null) continue;
    const list = changes.get(entry.target) ?? [];
    list.push({ at: String(entry.at), from });
    changes.set(entry.target, list);
  }
  if (changes.size > 0) {
    const events = await db
      .selectFrom("review_events")
      .select(["id", "actor_id", "at"])
      .where("actor_id", "in", [...changes.keys()])
      .execute();
    for (const event of events) {
      const later = changes.get(event.actor_id)?.find((c) => c.at > String(event.at));
      if (later) {
        await db
          .updateTable("review_events")
          .set({ actor_role: later.from })
          .where("id", "=", event.id)
          .execute();
      }
    }
  }
  // No role change since: the role is the present one.
  await sql`update review_events set actor_role = (select u.role from users u where u.id = review_events.actor_id)
    where actor_role is null`.execute(db);

  if (isPostgres(db)) {
    await sql
      .raw(`CREATE FUNCTION review_events_actor_role() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF NEW.actor_role IS NULL THEN
            SELECT u.role INTO NEW.actor_role FROM users u WHERE u.id = NEW.actor_id;
          END IF;
          RETURN NEW;
        END $$`)
      .execute(db);
    await sql
      .raw(`CREATE TRIGGER review_events_actor_role BEFORE INSERT ON review_events FOR EACH ROW
        WHEN (NEW.actor_role IS NULL) EXECUTE FUNCTION review_events_actor_role()`)
      .execute(db);
  } else {
    await sql
      .raw(`CREATE TRIGGER review_events_actor_role AFTER INSERT ON review_events WHEN NEW.actor_role IS NULL
        BEGIN
          UPDATE review_events SET actor_role = (SELECT u.role FROM users u WHERE u.id = NEW.actor_id)
            WHERE id = NEW.id;
        END`)
      .execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) {
    await sql.raw("DROP TRIGGER IF EXISTS review_events_actor_role ON review_events").execute(db);
    await sql.raw("DROP FUNCTION IF EXISTS review_events_actor_role()").execute(db);
  } else {
    await sql.raw("DROP TRIGGER IF EXISTS review_events_actor_role").execute(db);
  }
  await db.schema.alterTable("review_events").dropColumn("actor_role").execute();
}
