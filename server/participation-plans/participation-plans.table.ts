/** An expert's or researcher's own plan for how they take part; they edit it themselves. */
export interface ParticipationPlansTable {
  user_id: string;
  interests: string;
  goals: string;
  support_wanted: string;
  /** JSON array of contact methods, in the person's order of preference. */
  contact_methods: string;
  contact_notes: string;
  /** "voucher" | "bank_transfer" | "cash", or null when not chosen yet. */
  preferred_payment: string | null;
  updated_at: string;
  updated_by: string;
}
