import { z } from "zod";
import type { InviteUserRequest as InviteUser } from "./invitations.ts";
import { Role } from "./roles.schema.ts";

export const InviteUserRequest = z.strictObject({
  email: z.string().trim().toLowerCase().email().max(254),
  displayName: z.string().trim().min(1).max(120),
  role: Role,
  areaId: z.string().min(1).max(64).nullable(),
}) satisfies z.ZodType<InviteUser>;
