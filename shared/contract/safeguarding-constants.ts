/** Zod-free, so the concern form can offer the urgencies without loading the schemas (docs/decisions/0020). */
export const safeguardingUrgencies = ["immediate", "today", "this_week"] as const;
export type SafeguardingUrgency = (typeof safeguardingUrgencies)[number];

export const MAX_CONCERN_LENGTH = 4000;
