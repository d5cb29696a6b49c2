import { benchInterviews, benchSurveyDefinition } from "./bench-interview.ts";
import { createSurveyModel } from "../shared/survey/model.ts";
import { validateAnswers } from "../shared/survey/validate-answers.ts";
const items = benchInterviews(2000, 1, "north");
const model = createSurveyModel(benchSurveyDefinition());
console.log("questions", model.getAllQuestions().length, "answers in first", Object.keys(items[0]!.data).length);
let issues = 0;
for (const it of items.slice(0, 300)) issues += validateAnswers(model, it.data).length ? 1 : 0;
const times: number[] = [];
for (const it of items) { const t = performance.now(); const r = validateAnswers(model, it.data); times.push(performance.now() - t); if (r.length) issues++; }
times.sort((a, b) => a - b);
console.log("median ms", times[times.length / 2]?.toFixed(3), "p90", times[Math.floor(times.length * 0.9)]?.toFixed(3), "with issues", issues);
console.log(JSON.stringify(validateAnswers(model, items[5]!.data)));
