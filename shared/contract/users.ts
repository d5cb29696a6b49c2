import { z } from "zod";
import { Role } from "./role-schema.ts";

export const User = z.object({
  id: z.string(),
  email: z.string(),
  displayName: z.string(),
  role: Role,
  areaId: z.string().nullable(),
  disabled: z.boolean(),
  /** Invited and has not chosen a password yet, so cannot sign in: shown as "Invited", not "Active". */
  invited: z.boolean().optional(),
});
export type User = z.infer<typeof User>;

export interface UsersResponse {
  users: User[];
}

/** An admin moves an account to another role or area; the change applies to its next request. */
export const SetUserRoleRequest = z.strictObject({
  role: Role,
  areaId: z.string().min(1).max(64).nullable(),
});
export type SetUserRoleRequest = z.infer<typeof SetUserRoleRequest>;
