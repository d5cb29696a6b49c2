import { Dexie, type EntityTable } from "dexie";
import type { DraftRecord, OutboxRecord } from "./records.ts";

/**
 * The tablet's own database (IndexedDB through Dexie). It survives reloads, crashes, a flat battery
 * and days offline; with persistent storage granted the browser will not clear it to make room.
 * - drafts: interviews in progress, one row each, rewritten after every answer;
 * - outbox: finished interviews, safeguarding concerns, debriefs and reschedules until the server
 *   has them, and afterwards their receipts (without the answers) for a fortnight.
 * A schema change is a new `version(n)` here, never an edit to an old one.
 */
export const DATABASE_NAME = "alongside-fieldwork";

export class FieldworkDatabase extends Dexie {
  drafts!: EntityTable<DraftRecord, "id">;
  outbox!: EntityTable<OutboxRecord, "id">;

  constructor(name = DATABASE_NAME) {
    super(name);
    this.version(1).stores({
      drafts: "id, updatedAt",
      outbox: "id, state, queuedAt",
    });
  }
}

export const db = new FieldworkDatabase();
