import { z } from "zod";
import { Role } from "./role-schema.ts";

export const LoginRequest = z.strictObject({
  email: z.string().trim().toLowerCase().email().max(254),
  password: z.string().min(1).max(1024),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

export const MIN_PASSWORD_LENGTH = 12;

export const SetupRequest = z.strictObject({
  token: z.string().min(16).max(256),
  password: z.string().min(MIN_PASSWORD_LENGTH).max(1024),
});
export type SetupRequest = z.infer<typeof SetupRequest>;

/** Asks what a one-time link is for before the person chooses a password (`POST /api/auth/setup-link`). */
export const SetupLinkRequest = z.strictObject({ token: z.string().min(16).max(256) });
export type SetupLinkRequest = z.infer<typeof SetupLinkRequest>;

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
export const Me = z.object({
  id: z.string(),
  email: z.string(),
  displayName: z.string(),
  role: Role,
  areaId: z.string().nullable(),
});
export type Me = z.infer<typeof Me>;

/** A signed-in person changes their password: the current one proves it is them, not a borrowed session. */
export const ChangePasswordRequest = z.strictObject({
  currentPassword: z.string().min(1).max(1024),
  newPassword: z.string().min(MIN_PASSWORD_LENGTH).max(1024),
});
export type ChangePasswordRequest = z.infer<typeof ChangePasswordRequest>;

/** How long an admin-issued password reset link works: long enough to hand over, short if it leaks. */
export const RESET_LINK_MINUTES = 60;

/** A one-time password reset link (`/reset-password#token=…`), shown once to whoever issued it. */
export interface ResetLink {
  setupPath: string;
  expiresAt: string;
}
