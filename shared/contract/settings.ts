/**
 * The small-number threshold k (DESIGN §4.7): no figure about fewer than k participants is sent. An
 * administrator may raise it, or lower it to 3 but no further: below 3 a published figure can describe
 * one or two people.
 */
export const MIN_SUPPRESSION_K = 3;
export const MAX_SUPPRESSION_K = 100;

export interface SuppressionSettingRequest {
  k: number;
}

export interface SuppressionSettingResponse {
  k: number;
  /** Null while the default is in force. */
  updatedAt: string | null;
}
