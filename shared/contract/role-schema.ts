import { z } from "zod";
import { roles } from "./roles.ts";

export { roleLabels, roles } from "./roles.ts";

/** A role in a request body; the list and labels are in the zod-free `roles.ts`. */
export const Role = z.enum(roles);
export type Role = z.infer<typeof Role>;
