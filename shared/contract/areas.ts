import { z } from "zod";

export const AreaId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9][a-z0-9-]*$/, "lower-case letters, digits and hyphens");

export const Area = z.object({ id: z.string(), name: z.string(), region: z.string() });
export type Area = z.infer<typeof Area>;

export const CreateAreaRequest = z.strictObject({
  id: AreaId,
  name: z.string().trim().min(1).max(120),
  region: z.string().trim().min(1).max(120),
});
export type CreateAreaRequest = z.infer<typeof CreateAreaRequest>;

/** An area as listed, with the name of its safeguarding lead when one is on record (issue 18). */
export interface ListedArea extends Area {
  safeguardingLead: string | null;
}

export interface AreasResponse {
  areas: ListedArea[];
}
