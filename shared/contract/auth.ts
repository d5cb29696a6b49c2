import type { Role } from "./roles.ts";

export interface LoginRequest {
  email: string;
  password: string;
}

export const MIN_PASSWORD_LENGTH = 12;

export interface SetupRequest {
  token: string;
  password: string;
}

/** Asks what a one-time link is for before the person chooses a password (`POST /api/auth/setup-link`). */
export interface SetupLinkRequest {
  token: string;
}

/**
 * What a live one-time link is for: the first administrator's setup, an invitation (greeted by name,
 * with their role and area), or a password reset. A used or expired link gets `setup_token_invalid`.
 */
export interface SetupLinkInfo {
  purpose: "first_admin" | "invitation" | "reset";
  displayName: string;
  role: Role;
  /** The area's name; null for someone whose scope is every area. */
  areaName: string | null;
}

/** Whether the installation still waits for its first administrator (`GET /api/auth/setup-status`). */
export interface SetupStatus {
  setupPending: boolean;
}

/** Who is signed in. `areaId` null means the user's scope is every area. */
export interface Me {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  areaId: string | null;
}

/** A signed-in person changes their password: the current one proves it is them, not a borrowed session. */
export interface ChangePasswordRequest {
  currentPassword: string;
  newPassword: string;
}

/** How long an admin-issued password reset link works: long enough to hand over, short if it leaks. */
export const RESET_LINK_MINUTES = 60;

/** A one-time password reset link (`/reset-password#token=…`), shown once to whoever issued it. */
export interface ResetLink {
  setupPath: string;
  expiresAt: string;
}
