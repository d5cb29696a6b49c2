import type { Kysely } from "kysely";
import type {
  ArrivedInterview,
  DeviceManifest,
  ManifestKind,
  NotUploadedItem,
} from "../../shared/contract/lost-devices.ts";
import { tokenId } from "../auth/tokens.ts";
import type { Database } from "../db/schema.ts";

/** The device a token names, with what a lost tablet's refusal and wipe report need. */
export interface LostDeviceByToken {
  id: string;
  userId: string;
  lost: boolean;
  wipedAt: string | null;
  lostRefusedAt: string | null;
}

export async function findLostStateByToken(
  db: Kysely<Database>,
  token: string,
): Promise<LostDeviceByToken | undefined> {
  const row = await db
    .selectFrom("devices")
    .select(["id", "user_id", "lost_at", "found_at", "wiped_at", "lost_refused_at"])
    .where("token_hash", "=", tokenId(token))
    .executeTakeFirst();
  return (
    row && {
      id: row.id,
      userId: row.user_id,
      lost: row.lost_at !== null && row.found_at === null,
      wipedAt: row.wiped_at,
      lostRefusedAt: row.lost_refused_at,
    }
  );
}

export async function markLost(
  db: Kysely<Database>,
  id: string,
  change: { by: string; reason: string; at: Date },
): Promise<void> {
  await db
    .updateTable("devices")
    .set({
      lost_at: change.at.toISOString(),
      lost_by: change.by,
      lost_reason: change.reason,
      found_at: null,
      found_by: null,
      wiped_at: null,
      lost_refused_at: null,
    })
    .where("id", "=", id)
    .execute();
}

/** Found again: no longer lost, and withdrawn (if it was not already) until it is enrolled again. */
export async function markFound(db: Kysely<Database>, id: string, by: string, at: Date): Promise<void> {
  const when = at.toISOString();
  await db.updateTable("devices").set({ found_at: when, found_by: by }).where("id", "=", id).execute();
  await db
    .updateTable("devices")
    .set({ revoked_at: when, revoked_by: by })
    .where("id", "=", id)
    .where("revoked_at", "is", null)
    .execute();
}

/** Answers true only the first time (a second report of the same wipe changes nothing). */
export async function markWiped(db: Kysely<Database>, id: string, at: Date): Promise<boolean> {
  const result = await db
    .updateTable("devices")
    .set({ wiped_at: at.toISOString() })
    .where("id", "=", id)
    .where("wiped_at", "is", null)
    .where("lost_at", "is not", null)
    .where("found_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Records that a lost tablet's token was refused, at most once a minute per tablet: answers true when
 * this refusal should be audited (a tablet retrying in a loop is not allowed to flood the log).
 */
export async function noteRefusal(db: Kysely<Database>, id: string, at: Date): Promise<boolean> {
  const cutoff = new Date(at.getTime() - 60_000).toISOString();
  const result = await db
    .updateTable("devices")
    .set({ lost_refused_at: at.toISOString() })
    .where("id", "=", id)
    .where((eb) => eb.or([eb("lost_refused_at", "is", null), eb("lost_refused_at", "<=", cutoff)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Stores a tablet's manifest: every line is kept (first and last time reported), so a line the tablet
 * no longer lists stays on record, with `on_tablet` 0. Run it in a transaction.
 */
export async function storeManifest(
  db: Kysely<Database>,
  deviceId: string,
  manifest: DeviceManifest,
  at: Date,
): Promise<void> {
  const when = at.toISOString();
  // One line per id: a repeated id keeps its last line.
  const lines = [...new Map(manifest.lines.map((line) => [line.id, line])).values()];
  await db
    .updateTable("device_manifest_items")
    .set({ on_tablet: 0 })
    .where("device_id", "=", deviceId)
    .execute();
  for (let start = 0; start < lines.length; start += 100) {
    const chunk = lines.slice(start, start + 100);
    await db
      .insertInto("device_manifest_items")
      .values(
        chunk.map((line) => ({
          device_id: deviceId,
          item_id: line.id,
          kind: line.kind,
          participant_code: line.participantCode,
          survey_id: line.surveyId,
          wave: line.wave,
          collected_at: line.at,
          first_reported_at: when,
          last_reported_at: when,
          on_tablet: 1,
        })),
      )
      .onConflict((oc) =>
        oc.columns(["device_id", "item_id"]).doUpdateSet((eb) => ({
          kind: eb.ref("excluded.kind"),
          participant_code: eb.ref("excluded.participant_code"),
          survey_id: eb.ref("excluded.survey_id"),
          wave: eb.ref("excluded.wave"),
          collected_at: eb.ref("excluded.collected_at"),
          last_reported_at: eb.ref("excluded.last_reported_at"),
          on_tablet: 1,
        })),
      )
      .execute();
  }
  await db
    .updateTable("devices")
    .set({ manifest_at: when, manifest_omitted: manifest.omitted })
    .where("id", "=", deviceId)
    .execute();
}

/**
 * What the tablet listed at its last report that the server never received. Interviews and drafts are
 * matched to stored responses by their id, concerns, debriefs and reschedules to their own tables.
 */
export async function notUploaded(db: Kysely<Database>, deviceId: string): Promise<NotUploadedItem[]> {
  const device = await db
    .selectFrom("devices")
    .select("manifest_at")
    .where("id", "=", deviceId)
    .executeTakeFirst();
  if (!device?.manifest_at) return [];
  const rows = await db
    .selectFrom("device_manifest_items as m")
    .select(["m.item_id", "m.kind", "m.participant_code", "m.survey_id", "m.wave", "m.collected_at"])
    .where("m.device_id", "=", deviceId)
    .where("m.on_tablet", "=", 1)
    .where((eb) =>
      eb.not(
        eb.or([
          eb.exists(eb.selectFrom("responses as r").select("r.id").whereRef("r.id", "=", "m.item_id")),
          eb.exists(
            eb.selectFrom("safeguarding_concerns as s").select("s.id").whereRef("s.id", "=", "m.item_id"),
          ),
          eb.exists(eb.selectFrom("debriefs as d").select("d.id").whereRef("d.id", "=", "m.item_id")),
          eb.exists(
            eb.selectFrom("interview_reschedules as i").select("i.id").whereRef("i.id", "=", "m.item_id"),
          ),
        ]),
      ),
    )
    .orderBy("m.collected_at")
    .orderBy("m.item_id")
    .execute();
  return rows.map((r) => ({
    id: r.item_id,
    kind: r.kind as ManifestKind,
    participantCode: r.participant_code,
    surveyId: r.survey_id,
    wave: r.wave === null ? null : Number(r.wave),
    at: r.collected_at,
  }));
}

export async function manifestState(
  db: Kysely<Database>,
  deviceId: string,
): Promise<{ reportedAt: string | null; omitted: number }> {
  const row = await db
    .selectFrom("devices")
    .select(["manifest_at", "manifest_omitted"])
    .where("id", "=", deviceId)
    .executeTakeFirst();
  return { reportedAt: row?.manifest_at ?? null, omitted: Number(row?.manifest_omitted ?? 0) };
}

/**
 * Interviews the server received from the tablet (carrying its token) or that the tablet listed and
 * that arrived another way (in its area), newest first.
 */
export async function arrivedFrom(
  db: Kysely<Database>,
  device: { id: string; areaId: string },
  limit: number,
): Promise<{ arrived: ArrivedInterview[]; truncated: boolean }> {
  const rows = await db
    .selectFrom("responses as r")
    .select(["r.id", "r.participant_code", "r.survey_id", "r.wave", "r.received_at"])
    .where((eb) =>
      eb.or([
        eb("r.device_id", "=", device.id),
        // A listed id counts only in the tablet's own area: a tablet cannot name another area's
        // interview and have its code shown here.
        eb.and([
          eb("r.area_id", "=", device.areaId),
          eb(
            "r.id",
            "in",
            eb
              .selectFrom("device_manifest_items as m")
              .select("m.item_id")
              .where("m.device_id", "=", device.id),
          ),
        ]),
      ]),
    )
    .orderBy("r.received_at", "desc")
    .orderBy("r.id")
    .limit(limit + 1)
    .execute();
  return {
    arrived: rows.slice(0, limit).map((r) => ({
      id: r.id,
      participantCode: r.participant_code,
      surveyId: r.survey_id,
      wave: Number(r.wave),
      receivedAt: r.received_at,
    })),
    truncated: rows.length > limit,
  };
}
