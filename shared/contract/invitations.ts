import type { Role } from "./roles.ts";
import type { User } from "./users.ts";

/**
 * Inviting someone makes their account without a password and a one-time link (`/setup#token=…`,
 * the same page that sets the first administrator's password) that they use to choose one. The link
 * is shown once, to the person who made it, to pass on privately.
 */
export interface InviteUserRequest {
  email: string;
  displayName: string;
  role: Role;
  areaId: string | null;
}

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
