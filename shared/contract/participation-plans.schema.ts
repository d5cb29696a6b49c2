import { z } from "zod";
import {
  contactMethods,
  type ParticipationPlanInput as PlanInput,
  paymentMethods,
} from "./participation-plans.ts";

export const PaymentMethod = z.enum(paymentMethods);

const planText = z.string().trim().max(4000);

export const ParticipationPlanInput = z.strictObject({
  interests: planText,
  goals: planText,
  supportWanted: planText,
  contactMethods: z
    .array(z.enum(contactMethods))
    .max(contactMethods.length)
    .refine((methods) => new Set(methods).size === methods.length, "Choose each way once."),
  contactNotes: z.string().trim().max(1000),
  preferredPayment: PaymentMethod.nullable(),
}) satisfies z.ZodType<PlanInput>;
export type ParticipationPlanInput = PlanInput;

export const ParticipationPlansQuery = z.strictObject({ areaId: z.string().min(1).max(64).optional() });
