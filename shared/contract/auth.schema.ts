import { z } from "zod";
import {
  type ChangePasswordRequest as ChangePassword,
  type LoginRequest as Login,
  MIN_PASSWORD_LENGTH,
  type SetupRequest as Setup,
  type SetupLinkRequest as SetupLink,
} from "./auth.ts";

export const LoginRequest = z.strictObject({
  email: z.string().trim().toLowerCase().email().max(254),
  password: z.string().min(1).max(1024),
}) satisfies z.ZodType<Login>;

export const SetupRequest = z.strictObject({
  token: z.string().min(16).max(256),
  password: z.string().min(MIN_PASSWORD_LENGTH).max(1024),
}) satisfies z.ZodType<Setup>;

export const SetupLinkRequest = z.strictObject({
  token: z.string().min(16).max(256),
}) satisfies z.ZodType<SetupLink>;

export const ChangePasswordRequest = z.strictObject({
  currentPassword: z.string().min(1).max(1024),
  newPassword: z.string().min(MIN_PASSWORD_LENGTH).max(1024),
}) satisfies z.ZodType<ChangePassword>;
