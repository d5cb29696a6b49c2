import { benchInterviews, benchSurveyDefinition } from "./bench-interview.ts";
import { createSurveyModel } from "../shared/survey/model.ts";
import { validateAnswers } from "../shared/survey/validate-answers.ts";
const items = benchInterviews(1500, 1, "north");
function bench(name: string, fn: (d: Record<string, unknown>) => void) {
  for (const it of items.slice(0, 200)) fn(it.data);
  const t = process.cpuUsage();
  for (const it of items) fn(it.data);
  const u = process.cpuUsage(t);
  console.log(name, ((u.user + u.system) / 1000 / items.length).toFixed(3), "ms cpu");
}
const m1 = createSurveyModel(benchSurveyDefinition());
bench("validateAnswers", (d) => validateAnswers(m1, d));
const m2 = createSurveyModel(benchSurveyDefinition());
bench("data+validate", (d) => { m2.data = d; m2.validate(true, false); });
const m3 = createSurveyModel(benchSurveyDefinition());
bench("data only", (d) => { m3.data = d; });
const m4 = createSurveyModel(benchSurveyDefinition());
const qs4 = m4.getAllQuestions();
bench("clear errors+data+validate", (d) => { for (const q of qs4) if (q.errors.length) q.errors = []; m4.data = d; m4.validate(true, false); });
const m5 = createSurveyModel(benchSurveyDefinition());
bench("validate only (same data)", (d) => { m5.validate(true, false); });
bench("new Model", () => { createSurveyModel(benchSurveyDefinition()); });
function strip(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(strip);
  if (v && typeof v === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) { if (k === "title" || k === "description" || k === "text") continue; out[k] = strip(x); }
    return out;
  }
  return v;
}
const m6 = createSurveyModel(strip(benchSurveyDefinition()));
const qs6 = m6.getAllQuestions();
bench("stripped: clear errors+data+validate", (d) => { for (const q of qs6) if (q.errors.length) q.errors = []; m6.data = d; m6.validate(true, false); });
const m7 = createSurveyModel(benchSurveyDefinition());
const qs7 = m7.getAllQuestions();
(m7 as any).locStrsChanged = () => {};
bench("no locStrsChanged: clear errors+data+validate", (d) => { for (const q of qs7) if (q.errors.length) q.errors = []; m7.data = d; m7.validate(true, false); });
const m8 = createSurveyModel(strip(benchSurveyDefinition()));
const keep = new Set(["consent","accommodation","months_at_address","services",...Array.from({length:7},(_, i)=>`swemwbs_${i+1}`),...Array.from({length:10},(_, i)=>`support_${i+1}`),"gp_visits", "ae_visits", "police_contacts", "drop_in_visits", "nights_rough", "keyworker_meetings"]);
function reduce(v: any): any { if (Array.isArray(v)) return v.map(reduce); if (v && typeof v === "object") { const o: any = {}; for (const [k, x] of Object.entries(v)) o[k] = k === "elements" ? (x as any[]).filter((e) => e.elements || keep.has(e.name)).map(reduce) : reduce(x); return o; } return v; }
const m9 = createSurveyModel(reduce(strip(benchSurveyDefinition())));
console.log("reduced questions", m9.getAllQuestions().length);
const qs9 = m9.getAllQuestions();
bench("reduced: clear errors+data+validate", (d) => { for (const q of qs9) if (q.errors.length) q.errors = []; m9.data = d; m9.validate(true, false); });
const qs8 = m8.getAllQuestions();
const Base = (await import("survey-core")).Base as any;
const orig = Base.prototype.getPropertyValueCore;
Base.prototype.getPropertyValueCore = function (hash: any, name: string) {
  if (Base.currentDependencis !== undefined && !this.isLoadingFromJson) Base.collectDependency(this, name);
  return this.getPropertyValueCoreHandler ? this.getPropertyValueCoreHandler(hash, name) : hash[name];
};
bench("patched+stripped: clear errors+data+validate", (d) => { for (const q of qs8) if (q.errors.length) q.errors = []; m8.data = d; m8.validate(true, false); });
bench("patched+reduced: clear errors+data+validate", (d) => { for (const q of qs9) if (q.errors.length) q.errors = []; m9.data = d; m9.validate(true, false); });
Base.prototype.getPropertyValueCore = orig;
