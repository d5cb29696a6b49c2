/**
 * Safeguarding concerns raised by a peer researcher during or after an interview. They travel on their
 * own, never inside a participant's answers, and reach the area's coordinators as soon as the tablet
 * is online. The coordinators' queue builds on `GET /api/safeguarding`. Types and limits only; the
 * server's checks are `safeguarding.schema.ts` (decision 0052).
 */
export const safeguardingUrgencies = ["immediate", "today", "this_week"] as const;
export type SafeguardingUrgency = (typeof safeguardingUrgencies)[number];

export const MAX_CONCERN_LENGTH = 4000;

/** `POST /api/safeguarding`, made on the tablet. */
export interface RaiseConcernRequest {
  /** Made on the device when the concern is written, so a resend is recognised. */
  id: string;
  areaId: string;
  raisedAt: string;
  /** The participant it is about, if any; a concern can be about anyone or anything. */
  participantCode: string | null;
  urgency: SafeguardingUrgency;
  description: string;
}

export interface PersonRef {
  id: string;
  name: string;
}

export interface SafeguardingConcern {
  id: string;
  areaId: string;
  raisedBy: PersonRef;
  raisedAt: string;
  receivedAt: string;
  participantCode: string | null;
  urgency: SafeguardingUrgency;
  description: string;
  acknowledgedBy: PersonRef | null;
  acknowledgedAt: string | null;
  actionTaken: string | null;
  closedAt: string | null;
}

/** Unacknowledged first, then newest first. */
export interface SafeguardingConcernsResponse {
  concerns: SafeguardingConcern[];
}

/** `GET /api/safeguarding` query. */
export interface SafeguardingQuery {
  areaId?: string | undefined;
  /** "open": not yet closed (the default); "all": closed ones too. */
  status: "open" | "all";
}
