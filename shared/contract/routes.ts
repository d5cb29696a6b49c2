import { auditApi } from "./audit.routes.ts";
import { retentionApi } from "./retention.routes.ts";
import { withdrawalsApi } from "./withdrawals.routes.ts";

/**
 * Every declared route (docs/decisions/0053), for the server's policy, the route table and the
 * tests. The client imports the feature's own `*.routes.ts`, not this list.
 */
export const declaredRoutes = [
  ...Object.values(auditApi),
  ...Object.values(retentionApi),
  ...Object.values(withdrawalsApi),
];
