import type { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { DEVICE_HEADER } from "../../shared/contract/devices.ts";
import { syncApi } from "../../shared/contract/sync.routes.ts";
import { SyncRequest } from "../../shared/contract/sync.schema.ts";
import { MAX_SYNC_BODY_BYTES } from "../../shared/contract/sync.ts";
import { checkSyncDevice } from "../devices/device-check.ts";
import type { AppEnv } from "../http/app-env.ts";
import { mount } from "../http/mount.ts";
import { requireUser } from "../http/policy.ts";
import { ProblemError } from "../http/problem.ts";
import { readJson } from "../http/read-json.ts";
import { syncBatch } from "./sync.service.ts";

const syncBodyLimit = bodyLimit({
  maxSize: MAX_SYNC_BODY_BYTES,
  onError: () => {
    throw new ProblemError("body_too_large", `A sync batch may be at most ${MAX_SYNC_BODY_BYTES} bytes.`);
  },
});

/**
 * The batch is size-checked as it streams (`use`), and read in the handler after the device check:
 * a revoked tablet is told so before anything else (coordination), even with a batch it cannot send.
 */
export function syncRoutes(api: Hono<AppEnv>): void {
  mount(api, syncApi.upload, { use: [syncBodyLimit] }, async (c) => {
    const deps = c.get("deps");
    const user = requireUser(c.get("user"));
    const device = await checkSyncDevice(deps.db, c.req.header(DEVICE_HEADER), user, deps.now());
    const request = await readJson(c, SyncRequest);
    const results = await syncBatch(
      { db: deps.db, validators: deps.validators, user, now: deps.now(), device },
      request,
    );
    return { results };
  });
}
