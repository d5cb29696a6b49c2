import { z } from "zod";
import { OutcomeId } from "./outcomes.schema.ts";
import {
  type ComposeReleaseRequest as ComposeReleaseRequestType,
  type ParticipantSummaryRequest as ParticipantSummaryRequestType,
  type PublishReleaseRequest as PublishReleaseRequestType,
  RELEASE_LIMITS,
  type ReleaseAnnotationRequest as ReleaseAnnotationRequestType,
  type ReleaseSignOffRequest as ReleaseSignOffRequestType,
  releaseAudiences,
  releaseBreakdowns,
} from "./releases.ts";

/**
 * The request schemas of the release routes; the types and route list are in `releases.ts` (zod-free).
 * Each schema is checked below to produce exactly the type declared there. Only the server imports
 * this file (decision 0052).
 */

const ReleaseId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, "a release id");
const SnapshotId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, "a snapshot id");
const Wave = z.number().int().min(0).max(100);
const noControl = (s: string) =>
  ![...s].some((ch) => {
    const c = ch.charCodeAt(0);
    return (c < 32 && c !== 9 && c !== 10 && c !== 13) || c === 127;
  });
const text = (max: number) => z.string().trim().max(max).refine(noControl, "no control characters");

export const ReleaseAudienceSchema = z.enum(releaseAudiences);
export const ReleaseBreakdownSchema = z.enum(releaseBreakdowns);

export const ComposeReleaseRequest = z.strictObject({
  title: text(RELEASE_LIMITS.title).pipe(z.string().min(1, "give the release a title")),
  surveyId: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[a-z0-9][a-z0-9-]*$/, "a survey id"),
  outcomes: z
    .array(OutcomeId)
    .min(1, "choose at least one outcome")
    .max(RELEASE_LIMITS.outcomes)
    .refine((a) => new Set(a).size === a.length, "each outcome once"),
  breakdowns: z
    .array(ReleaseBreakdownSchema)
    .min(1, "choose at least one breakdown")
    .max(releaseBreakdowns.length)
    .refine((a) => new Set(a).size === a.length, "each breakdown once"),
  change: z
    .strictObject({ fromWave: Wave, toWave: Wave })
    .refine((c) => c.fromWave < c.toWave, { message: "`fromWave` must be before `toWave`", path: ["toWave"] })
    .nullable(),
  narrative: text(RELEASE_LIMITS.narrative),
  audiences: z
    .array(ReleaseAudienceSchema)
    .min(1, "choose at least one audience")
    .max(releaseAudiences.length)
    .refine((a) => new Set(a).size === a.length, "each audience once"),
  corrects: ReleaseId.nullable(),
});

export const ReleaseSignOffRequest = z.strictObject({
  snapshotId: SnapshotId,
  note: text(RELEASE_LIMITS.signOffNote),
  namedInPublic: z.boolean().optional(),
});

export const PublishReleaseRequest = z.strictObject({ snapshotId: SnapshotId });

export const CheckReleaseRequest = z.strictObject({});

export const ReleaseAnnotationRequest = z.strictObject({
  tableId: z.string().min(1).max(300),
  whatItMeans: text(RELEASE_LIMITS.annotationText),
  whatShouldChange: text(RELEASE_LIMITS.annotationText),
  namedInPublic: z.boolean().optional(),
});

export const ParticipantSummaryRequest = z.strictObject({
  text: text(RELEASE_LIMITS.participantSummary).pipe(z.string().min(1, "the summary cannot be empty")),
});

/** Path parameters. */
export const ReleaseIdParam = ReleaseId;
export const PublicTokenParam = z
  .string()
  .length(43)
  .regex(/^[A-Za-z0-9_-]+$/);

export type ComposeReleaseRequest = ComposeReleaseRequestType;
export type ReleaseSignOffRequest = ReleaseSignOffRequestType;
export type PublishReleaseRequest = PublishReleaseRequestType;
export type ReleaseAnnotationRequest = ReleaseAnnotationRequestType;
export type ParticipantSummaryRequest = ParticipantSummaryRequestType;
export type CheckReleaseRequest = z.infer<typeof CheckReleaseRequest>;

// Compile-time: each schema's output is exactly the zod-free type.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameTypes: [
  Same<z.infer<typeof ComposeReleaseRequest>, ComposeReleaseRequestType>,
  Same<z.infer<typeof ReleaseSignOffRequest>, ReleaseSignOffRequestType>,
  Same<z.infer<typeof PublishReleaseRequest>, PublishReleaseRequestType>,
  Same<z.infer<typeof ReleaseAnnotationRequest>, ReleaseAnnotationRequestType>,
  Same<z.infer<typeof ParticipantSummaryRequest>, ParticipantSummaryRequestType>,
] = [true, true, true, true, true];
void sameTypes;
