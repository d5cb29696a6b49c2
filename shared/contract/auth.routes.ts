import type {
  ChangePasswordRequest,
  LoginRequest,
  Me,
  SetupLinkInfo,
  SetupLinkRequest,
  SetupRequest,
  SetupStatus,
} from "./auth.ts";
import { everyone, route } from "./route.ts";

/**
 * Signing in and out, and one-time links. Signing in (or setting a password from a link) starts a
 * fresh session cookie; any session the browser presented is ended first. A failed sign-in answers
 * `bad_credentials`; after five for one email in 15 minutes (or thirty from one address)
 * `too_many_attempts` (429, `Retry-After`). New passwords are checked by `passwordWeakness()` on both
 * sides (`weak_password`).
 */
export const authApi = {
  login: route("POST", "/api/auth/login", "public").takes<{ body: LoginRequest }>().answers<Me>(),
  /**
   * Sets a password from a one-time link (an invitation, the first admin's link or a reset link) and
   * signs in. A reset ends every session the account had.
   */
  setup: route("POST", "/api/auth/setup", "public").takes<{ body: SetupRequest }>().answers<Me>(),
  /**
   * What a one-time link is for, without using it up (`setup_token_invalid` when it is used or
   * expired). The token travels in the body, never in a logged address.
   */
  setupLink: route("POST", "/api/auth/setup-link", "public")
    .takes<{ body: SetupLinkRequest }>()
    .answers<SetupLinkInfo>(),
  /** Whether the installation still waits for its first administrator. */
  setupStatus: route("GET", "/api/auth/setup-status", "public").answers<SetupStatus>(),
  logout: route("POST", "/api/auth/logout", "public", { status: 204 }),
  /** Ends every session of the signed-in account, on every device. */
  logoutEverywhere: route("POST", "/api/auth/logout-all", everyone, { status: 204 }),
  me: route("GET", "/api/auth/me", everyone).answers<Me>(),
  /**
   * A signed-in person changes their own password (issue 14). The current password is asked for,
   * wrong guesses count toward the lockout, and every other session of the account ends.
   */
  changePassword: route("POST", "/api/auth/password", everyone, { status: 204 }).takes<{
    body: ChangePasswordRequest;
  }>(),
};
