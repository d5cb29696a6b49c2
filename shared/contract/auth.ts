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

/** Who is signed in. `areaId` null means the user's scope is every area. */
export const Me = z.object({
  id: z.string(),
  email: z.string(),
  displayName: z.string(),
  role: Role,
  areaId: z.string().nullable(),
});
export type Me = z.infer<typeof Me>;
