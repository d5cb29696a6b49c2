import { z } from "zod";
import { type Role as RoleName, roles } from "./roles.ts";

/** A role in a request body; the list and labels are in `roles.ts`. */
export const Role = z.enum(roles) satisfies z.ZodType<RoleName>;
