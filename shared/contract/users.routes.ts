import type { ResetLink } from "./auth.ts";
import { route } from "./route.ts";
import type { SetUserRoleRequest, User, UsersResponse } from "./users.ts";

/**
 * Accounts, for administrators (and a coordinator's view of their area's people). Nobody changes
 * their own account here (`cannot_change_own_account`).
 */
export const usersApi = {
  list: route("GET", "/api/users", ["admin", "coordinator"]).answers<UsersResponse>(),
  /** Disabling signs the person out everywhere at once. */
  disable: route("POST", "/api/users/:id/disable", ["admin"]).answers<User>(),
  enable: route("POST", "/api/users/:id/enable", ["admin"]).answers<User>(),
  /** A coordinator or peer researcher belongs to an area (`area_required`). */
  setRole: route("PUT", "/api/users/:id/role", ["admin"])
    .takes<{ body: SetUserRoleRequest }>()
    .answers<User>(),
  /**
   * A one-time password reset link for someone who forgot theirs, shown once (issue 14). A coordinator
   * makes one only for researchers and experts in their own area.
   */
  resetLink: route("POST", "/api/users/:id/reset-link", ["admin", "coordinator"], {
    status: 201,
  }).answers<ResetLink>(),
};
