import { isOnServer } from "../../shared/fieldwork/outbox-state.ts";
import { database, write } from "./db.ts";
import { storeRewrapped } from "./outbox.ts";
import type { DraftRecord, OutboxRecord } from "./records.ts";
import {
  resealForOutbox,
  type SealedDraft,
  type SealedOutboxRecord,
  type Space,
  sealDraft,
  sealOutboxRecord,
} from "./space.ts";

/**
 * A tablet that ran the version before spaces holds drafts and an outbox in plain JSON (issue 17,
 * docs/decisions/0035). On a researcher's first unlock, everything plain that is theirs is sealed in
 * place: same store, same id. Outbox items with no owner (from the localStorage outbox of the very
 * first version) are taken into the care of the first researcher who unlocks, who uploads them.
 *
 * Nothing can be lost: each record is sealed first (WebCrypto cannot run inside an IndexedDB
 * transaction), then one transaction per store replaces each plain record by its sealed copy only
 * if the plain record is still exactly as it was read (a draft saved again meanwhile is left plain and
 * sealed on the next unlock). A crash before the commit leaves everything plain; after it, sealed.
 */
export interface MigrationResult {
  drafts: number;
  outbox: number;
  /** The researcher's sealed items newly wrapped for the tablet's outbox key pair (decision 0049). */
  rewrapped: number;
}

export function isPlainDraft(value: unknown): value is DraftRecord {
  return typeof value === "object" && value !== null && !("sealed" in value) && "data" in value;
}

export function isPlainOutboxRecord(value: unknown): value is OutboxRecord {
  return typeof value === "object" && value !== null && !("sealed" in value) && "kind" in value;
}

export async function sealPlaintextFor(
  space: Space,
  what: { outbox: boolean } = { outbox: true },
): Promise<MigrationResult> {
  const db = await database();
  const drafts = (await db.getAll("drafts")).filter(
    (d): d is DraftRecord => isPlainDraft(d) && d.ownerId === space.ownerId,
  );
  // The outbox only once the uploader opens sealed items (decision 0035, "Wired so far").
  const outbox = what.outbox
    ? (await db.getAll("outbox")).filter(
        (r): r is OutboxRecord => isPlainOutboxRecord(r) && (r.ownerId === space.ownerId || r.ownerId === ""),
      )
    : [];
  const sealedDrafts = await Promise.all(drafts.map(async (d) => [d, await sealDraft(space, d)] as const));
  const sealedOutbox = await Promise.all(
    outbox.map(async (r) => {
      const owned = r.ownerId === "" ? { ...r, ownerId: space.ownerId, ownerName: space.ownerName } : r;
      return [r, await sealOutboxRecord(space, owned)] as const;
    }),
  );
  let movedDrafts = 0;
  let movedOutbox = 0;
  if (sealedDrafts.length > 0) {
    await write(["drafts"], async (tx) => {
      const store = tx.objectStore("drafts");
      for (const [plain, sealed] of sealedDrafts) {
        const now = await store.get(plain.id);
        if (isPlainDraft(now) && now.updatedAt === plain.updatedAt) {
          await store.put(sealed as SealedDraft as unknown as DraftRecord);
          movedDrafts += 1;
        }
      }
    });
  }
  if (sealedOutbox.length > 0) {
    await write(["outbox"], async (tx) => {
      const store = tx.objectStore("outbox");
      for (const [plain, sealed] of sealedOutbox) {
        const now = await store.get(plain.id);
        if (isPlainOutboxRecord(now) && now.state === plain.state && now.attempts === plain.attempts) {
          await store.put(sealed as SealedOutboxRecord as unknown as OutboxRecord);
          movedOutbox += 1;
        }
      }
    });
  }
  return { drafts: movedDrafts, outbox: movedOutbox, rewrapped: await rewrapForOutbox(space) };
}

/**
 * At every unlock, offline too: the researcher's own sealed items that are not yet wrapped for the
 * tablet's current outbox key pair (sealed before the tablet had one, or before it was enrolled again)
 * are wrapped for it now. Only the public half is needed, so no connection: from then on anyone signed
 * in online can upload them without this researcher's PIN (decision 0049).
 */
async function rewrapForOutbox(space: Space): Promise<number> {
  const own = ((await (await database()).getAll("outbox")) as (OutboxRecord | SealedOutboxRecord)[]).filter(
    (r): r is SealedOutboxRecord => "sealed" in r && r.ownerId === space.ownerId && !isOnServer(r.state),
  );
  const changed = await resealForOutbox(space, own);
  await storeRewrapped(changed);
  return changed.length;
}
