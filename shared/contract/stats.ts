/** How many responses each survey has, per area and wave, within the caller's area scope. */
export interface ResponseCount {
  surveyId: string;
  surveyTitle: string;
  areaId: string;
  areaName: string;
  wave: number;
  responses: number;
  needsReview: number;
}

export interface ResponseCountsResponse {
  counts: ResponseCount[];
}
