import { z } from "zod";
import { Role } from "./role-schema.ts";
import type { User } from "./users.ts";

/**
 * Inviting someone makes their account without a password and a one-time link (`/setup#token=…`,
 * the same page that sets the first administrator's password) that they use to choose one. The link
 * is shown once, to the person who made it, to pass on privately.
 */
export const InviteUserRequest = z.strictObject({
  email: z.string().trim().toLowerCase().email().max(254),
  displayName: z.string().trim().min(1).max(120),
  role: Role,
  areaId: z.string().min(1).max(64).nullable(),
});
export type InviteUserRequest = z.infer<typeof InviteUserRequest>;

/** How long an invitation link works. */
export const INVITATION_HOURS = 72;

export interface Invitation {
  user: User;
  /** `/setup#token=…`: put the app's address in front of it. Shown once; only its hash is kept. */
  setupPath: string;
  expiresAt: string;
}

/** An account whose owner has not chosen a password yet. */
export interface PendingInvitation {
  user: User;
  invitedAt: string;
  expiresAt: string | null;
  expired: boolean;
}

export interface PendingInvitationsResponse {
  invitations: PendingInvitation[];
}
