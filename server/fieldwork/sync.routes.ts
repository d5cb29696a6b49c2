import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { DEVICE_HEADER } from "../../shared/contract/devices.ts";
import { MAX_SYNC_BODY_BYTES, SyncRequest, type SyncResponse } from "../../shared/contract/sync.ts";
import { checkSyncDevice } from "../devices/device-check.ts";
import type { AppEnv } from "../http/app-env.ts";
import { allow, requireUser } from "../http/policy.ts";
import { ProblemError } from "../http/problem.ts";
import { readJson } from "../http/read-json.ts";
import { syncBatch } from "./sync.service.ts";

export function syncRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.post(
    "/",
    allow("POST /api/sync"),
    bodyLimit({
      maxSize: MAX_SYNC_BODY_BYTES,
      onError: () => {
        throw new ProblemError("body_too_large", `A sync batch may be at most ${MAX_SYNC_BODY_BYTES} bytes.`);
      },
    }),
    async (c) => {
      const deps = c.get("deps");
      const user = requireUser(c.get("user"));
      // An enrolled tablet that was revoked is told so before anything else (coordination).
      const device = await checkSyncDevice(deps.db, c.req.header(DEVICE_HEADER), user, deps.now());
      const request = await readJson(c, SyncRequest);
      const results = await syncBatch(
        { db: deps.db, validators: deps.validators, user, now: deps.now(), device },
        request,
      );
      return c.json({ results } satisfies SyncResponse);
    },
  );
  return app;
}
