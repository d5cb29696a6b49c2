import { fieldworkers, route } from "./route.ts";
import type { SyncRequest, SyncResponse } from "./sync.ts";

/**
 * The tablet's outbox, uploaded in batches (at most `MAX_SYNC_BODY_BYTES`). Each item is answered on
 * its own (stored, a duplicate, or refused and why); a revoked tablet is told so before the batch is
 * read.
 */
export const syncApi = {
  upload: route("POST", "/api/sync", fieldworkers).takes<{ body: SyncRequest }>().answers<SyncResponse>(),
};
