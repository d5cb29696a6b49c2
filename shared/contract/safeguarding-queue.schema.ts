import { z } from "zod";
import type { SafeguardingActionRequest as Action } from "./safeguarding-queue.ts";

export const SafeguardingQueueQuery = z.strictObject({
  areaId: z.string().min(1).max(64).optional(),
  state: z.enum(["open", "closed", "all"]).optional(),
});

export const SafeguardingActionRequest = z.strictObject({
  text: z.string().trim().min(1, "Say what was done.").max(4000),
}) satisfies z.ZodType<Action>;
