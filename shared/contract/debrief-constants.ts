/** Zod-free, so the debrief form can say its limit without loading the schemas (docs/decisions/0020). */
export const MAX_DEBRIEF_NOTES = 4000;
