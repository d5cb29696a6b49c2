import { benchInterviews, benchSurveyDefinition } from "./bench-interview.ts";
import { createSurveyModel } from "../shared/survey/model.ts";
const items = benchInterviews(3000, 1, "north");
const m = createSurveyModel(benchSurveyDefinition());
const qs = m.getAllQuestions();
for (const it of items) { for (const q of qs) if (q.errors.length) q.errors = []; m.data = it.data; m.validate(true, false); }
