import { route } from "./route.ts";
import type { RecordTrainingRequest, TrainingQuery, TrainingRecord, TrainingResponse } from "./training.ts";

/** Training records of an area's people; each person reads their own at `/api/me/training` (`meApi`). */
export const trainingApi = {
  list: route("GET", "/api/training", ["admin", "coordinator"])
    .takes<{ query: TrainingQuery }>()
    .answers<TrainingResponse>(),
  /** The refresher, when given, is due after the training was completed; completed today or before. */
  record: route("POST", "/api/training", ["admin", "coordinator"], { status: 201 })
    .takes<{ body: RecordTrainingRequest }>()
    .answers<TrainingRecord>(),
};
