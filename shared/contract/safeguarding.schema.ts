import { z } from "zod";
import { AreaId } from "./areas.schema.ts";
import {
  type SafeguardingQuery as ConcernFilter,
  MAX_CONCERN_LENGTH,
  type RaiseConcernRequest as RaiseConcern,
  safeguardingUrgencies,
} from "./safeguarding.ts";

/** What the server checks a concern and the queue's query against; only the server imports this file. */
export const SafeguardingUrgency = z.enum(safeguardingUrgencies);

export const RaiseConcernRequest = z.strictObject({
  id: z.uuid(),
  areaId: AreaId,
  raisedAt: z.iso.datetime({ offset: true }),
  participantCode: z.string().trim().min(1).max(32).nullable(),
  urgency: SafeguardingUrgency,
  description: z.string().trim().min(1).max(MAX_CONCERN_LENGTH),
}) satisfies z.ZodType<RaiseConcern>;

export const SafeguardingQuery = z.strictObject({
  areaId: AreaId.optional(),
  status: z.enum(["open", "all"]).default("open"),
}) satisfies z.ZodType<ConcernFilter>;
