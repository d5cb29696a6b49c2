import type { Role } from "./roles.ts";

export interface User {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  areaId: string | null;
  disabled: boolean;
  /** Invited and has not chosen a password yet, so cannot sign in: shown as "Invited", not "Active". */
  invited?: boolean | undefined;
}

export interface UsersResponse {
  users: User[];
}

/** An admin moves an account to another role or area; the change applies to its next request. */
export interface SetUserRoleRequest {
  role: Role;
  areaId: string | null;
}
