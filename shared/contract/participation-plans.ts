import { z } from "zod";
import type { Role } from "./roles.ts";

/**
 * An individual participation plan, as the theory of change asks ("experts' bespoke participation is
 * agreed in an individual plan if desired"): what the person is interested in, their goals, the
 * support they want, how they want to be contacted and how they want to be paid. It is theirs: they
 * edit it themselves; a coordinator may write it with them, and the plan shows who changed it last.
 */
export const contactMethods = [
  "email",
  "phone",
  "text_message",
  "in_person",
  "post",
  "through_a_worker",
] as const;
export const ContactMethod = z.enum(contactMethods);
export type ContactMethod = z.infer<typeof ContactMethod>;

export const contactMethodLabels: Record<ContactMethod, string> = {
  email: "Email",
  phone: "Phone call",
  text_message: "Text message",
  in_person: "In person",
  post: "Letter",
  through_a_worker: "Through my support worker",
};

export const paymentMethods = ["voucher", "bank_transfer", "cash"] as const;
export const PaymentMethod = z.enum(paymentMethods);
export type PaymentMethod = z.infer<typeof PaymentMethod>;

export const paymentMethodLabels: Record<PaymentMethod, string> = {
  voucher: "Voucher",
  bank_transfer: "Bank transfer",
  cash: "Cash",
};

/**
 * Shown wherever a payment method is chosen, so the choice is an informed one. Deliberately hedged:
 * the rules depend on the benefit and the person's circumstances.
 */
export const BENEFITS_NOTE =
  "Cash and bank transfers may count as earnings and could affect benefits such as Universal Credit. " +
  "Vouchers may not count in the same way. If you receive benefits, you can talk this through with " +
  "your coordinator or a benefits adviser before you choose.";

const planText = z.string().trim().max(4000);

export const ParticipationPlanInput = z.strictObject({
  interests: planText,
  goals: planText,
  supportWanted: planText,
  contactMethods: z
    .array(ContactMethod)
    .max(contactMethods.length)
    .refine((methods) => new Set(methods).size === methods.length, "Choose each way once."),
  contactNotes: z.string().trim().max(1000),
  preferredPayment: PaymentMethod.nullable(),
});
export type ParticipationPlanInput = z.infer<typeof ParticipationPlanInput>;

export interface ParticipationPlan extends ParticipationPlanInput {
  userId: string;
  displayName: string;
  role: Role;
  areaId: string | null;
  /** Null when the person has no plan yet (the fields are then empty). */
  updatedAt: string | null;
  updatedByName: string | null;
  updatedBySelf: boolean;
}

export interface ParticipationPlansResponse {
  plans: ParticipationPlan[];
}

export const ParticipationPlansQuery = z.strictObject({ areaId: z.string().min(1).max(64).optional() });
