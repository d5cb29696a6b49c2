import { z } from "zod";
import { Role } from "./roles.schema.ts";
import type { SetUserRoleRequest as SetUserRole } from "./users.ts";

export const SetUserRoleRequest = z.strictObject({
  role: Role,
  areaId: z.string().min(1).max(64).nullable(),
}) satisfies z.ZodType<SetUserRole>;
