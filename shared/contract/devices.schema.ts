import { z } from "zod";
import type * as Contract from "./devices.ts";

/** What the server checks the tablet routes' requests against; only the server imports this file. */
export const CreateEnrolmentCodeRequest = z.strictObject({
  userId: z.string().min(1).max(64),
  label: z.string().trim().min(1).max(80),
}) satisfies z.ZodType<Contract.CreateEnrolmentCodeRequest>;

export const EnrolDeviceRequest = z.strictObject({
  code: z.string().min(1).max(40),
}) satisfies z.ZodType<Contract.EnrolDeviceRequest>;

export const DevicesQuery = z.strictObject({
  areaId: z.string().min(1).max(64).optional(),
}) satisfies z.ZodType<Contract.DevicesQuery>;

export const RevokeDeviceRequest = z.strictObject({
  endSessions: z.boolean(),
}) satisfies z.ZodType<Contract.RevokeDeviceRequest>;

export const SetUploadRuleRequest = z.strictObject({
  enrolledTabletsOnly: z.boolean(),
}) satisfies z.ZodType<Contract.SetUploadRuleRequest>;
