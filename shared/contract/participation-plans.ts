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
export type ContactMethod = (typeof contactMethods)[number];

export const contactMethodLabels: Record<ContactMethod, string> = {
  email: "Email",
  phone: "Phone call",
  text_message: "Text message",
  in_person: "In person",
  post: "Letter",
  through_a_worker: "Through my support worker",
};

export const paymentMethods = ["voucher", "bank_transfer", "cash"] as const;
export type PaymentMethod = (typeof paymentMethods)[number];

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

/** What the person (or a coordinator with them) writes; each way of contact at most once. */
export interface ParticipationPlanInput {
  interests: string;
  goals: string;
  supportWanted: string;
  contactMethods: ContactMethod[];
  contactNotes: string;
  preferredPayment: PaymentMethod | null;
}

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
