import type { Invitation, InviteUserRequest, PendingInvitationsResponse } from "./invitations.ts";
import { route } from "./route.ts";

/**
 * Invitations: an account without a password and a one-time link to choose one, which is how
 * coordinators add people (nobody but the invited person ever knows their password). A coordinator
 * invites peer researchers and experts into their own area; an admin any role.
 */
export const invitationsApi = {
  pending: route("GET", "/api/invitations", ["admin", "coordinator"]).answers<PendingInvitationsResponse>(),
  invite: route("POST", "/api/invitations", ["admin", "coordinator"], { status: 201 })
    .takes<{ body: InviteUserRequest }>()
    .answers<Invitation>(),
  /** A new link for an invitation not yet taken up; the old links stop working. */
  renew: route("POST", "/api/invitations/:userId/renew", ["admin", "coordinator"]).answers<Invitation>(),
};
