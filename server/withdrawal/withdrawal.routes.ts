import { type Context, Hono } from "hono";
import {
  RecordWithdrawalRequest,
  WithdrawalPreviewQuery,
  type WithdrawalsResponse,
} from "../../shared/contract/withdrawals.ts";
import { requestOrigin } from "../audit/audit-origin.ts";
import type { AppEnv } from "../http/app-env.ts";
import { allow, requireUser } from "../http/policy.ts";
import { readJson } from "../http/read-json.ts";
import { readQuery } from "../http/read-query.ts";
import { previewWithdrawal, recordWithdrawal, type WithdrawalContext } from "./withdrawal.service.ts";
import { listWithdrawals } from "./withdrawals.repository.ts";

/** Participant withdrawal, recorded by a coordinator (their area) or an admin. */
export function withdrawalRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  const context = (c: Context<AppEnv>): WithdrawalContext => {
    const deps = c.get("deps");
    return { db: deps.db, user: requireUser(c.get("user")), now: deps.now(), origin: requestOrigin(c) };
  };

  app.get("/", allow("GET /api/withdrawals"), async (c) => {
    const user = requireUser(c.get("user"));
    const withdrawals = await listWithdrawals(c.get("deps").db, user.areaId);
    return c.json({ withdrawals } satisfies WithdrawalsResponse);
  });

  app.get("/preview", allow("GET /api/withdrawals/preview"), async (c) => {
    const { participantCode } = readQuery(c, WithdrawalPreviewQuery);
    return c.json(await previewWithdrawal(context(c), participantCode));
  });

  app.post("/", allow("POST /api/withdrawals"), async (c) => {
    const ctx = context(c);
    const body = await readJson(c, RecordWithdrawalRequest);
    return c.json(await recordWithdrawal(ctx, body), 201);
  });

  return app;
}
