import { z } from "zod";

export const Area = z.object({ id: z.string(), name: z.string(), region: z.string() });
export type Area = z.infer<typeof Area>;
