import { z } from "zod";
import { AreaId } from "./areas.ts";
import { MAX_CONCERN_LENGTH, safeguardingUrgencies } from "./safeguarding-constants.ts";

/**
 * Safeguarding concerns raised by a peer researcher during or after an interview. They travel on their
 * own, never inside a participant's answers, and reach the area's coordinators as soon as the tablet
 * is online. The coordinators' queue builds on `GET /api/safeguarding`.
 */
export const SafeguardingUrgency = z.enum(safeguardingUrgencies);
export type SafeguardingUrgency = z.infer<typeof SafeguardingUrgency>;

export const RaiseConcernRequest = z.strictObject({
  /** Made on the device when the concern is written, so a resend is recognised. */
  id: z.uuid(),
  areaId: AreaId,
  raisedAt: z.iso.datetime({ offset: true }),
  /** The participant it is about, if any; a concern can be about anyone or anything. */
  participantCode: z.string().trim().min(1).max(32).nullable(),
  urgency: SafeguardingUrgency,
  description: z.string().trim().min(1).max(MAX_CONCERN_LENGTH),
});
export type RaiseConcernRequest = z.infer<typeof RaiseConcernRequest>;

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

export const SafeguardingQuery = z.strictObject({
  areaId: AreaId.optional(),
  /** "open": not yet closed (the default); "all": closed ones too. */
  status: z.enum(["open", "all"]).default("open"),
});
