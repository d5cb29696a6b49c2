import type { Context, Hono } from "hono";
import { withdrawalsApi } from "../../shared/contract/withdrawals.routes.ts";
import { RecordWithdrawalRequest, WithdrawalPreviewQuery } from "../../shared/contract/withdrawals.schema.ts";
import { requestOrigin } from "../audit/audit-origin.ts";
import type { AppEnv } from "../http/app-env.ts";
import { mount } from "../http/mount.ts";
import { requireUser } from "../http/policy.ts";
import { previewWithdrawal, recordWithdrawal, type WithdrawalContext } from "./withdrawal.service.ts";
import { listWithdrawals } from "./withdrawals.repository.ts";

/** Participant withdrawal, recorded by a coordinator (their area) or an admin. */
export function withdrawalRoutes(api: Hono<AppEnv>): void {
  const context = (c: Context<AppEnv>): WithdrawalContext => {
    const deps = c.get("deps");
    return { db: deps.db, user: requireUser(c.get("user")), now: deps.now(), origin: requestOrigin(c) };
  };

  mount(api, withdrawalsApi.list, {}, async (c) => {
    const user = requireUser(c.get("user"));
    return { withdrawals: await listWithdrawals(c.get("deps").db, user.areaId) };
  });

  mount(api, withdrawalsApi.preview, { query: WithdrawalPreviewQuery }, (c, { query }) =>
    previewWithdrawal(context(c), query.participantCode),
  );

  mount(api, withdrawalsApi.record, { body: RecordWithdrawalRequest }, (c, { body }) =>
    recordWithdrawal(context(c), body),
  );
}
