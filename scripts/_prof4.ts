import { Base } from "survey-core";
import { benchInterviews, benchSurveyDefinition } from "./bench-interview.ts";
import { createSurveyModel } from "../shared/survey/model.ts";
import { validateAnswers } from "../shared/survey/validate-answers.ts";
const items = benchInterviews(300, 1, "north");
function strip(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(strip);
  if (v && typeof v === "object") { const out: Record<string, unknown> = {}; for (const [k, x] of Object.entries(v)) { if (k === "title" || k === "description" || k === "text") continue; out[k] = strip(x); } return out; }
  return v;
}
const keep = new Set(["consent","accommodation","months_at_address","services",...Array.from({length:7},(_, i)=>`swemwbs_${i+1}`),...Array.from({length:10},(_, i)=>`support_${i+1}`),"gp_visits", "ae_visits", "police_contacts", "drop_in_visits", "nights_rough", "keyworker_meetings"]);
function reduce(v: any): any { if (Array.isArray(v)) return v.map(reduce); if (v && typeof v === "object") { const o: any = {}; for (const [k, x] of Object.entries(v)) o[k] = k === "elements" ? (x as any[]).filter((e) => e.elements || keep.has(e.name)).map(reduce) : reduce(x); return o; } return v; }
const B = Base as any; const orig = B.prototype.getPropertyValueCore;
const patched = function (this: any, hash: any, name: string) {
  if (B.currentDependencis !== undefined && !this.isLoadingFromJson) B.collectDependency(this, name);
  return this.getPropertyValueCoreHandler ? this.getPropertyValueCoreHandler(hash, name) : hash[name];
};
function variant(def: unknown, clear: boolean, patch: boolean, full = false) {
  const m = createSurveyModel(def); const qs = m.getAllQuestions();
  return (d: Record<string, unknown>) => {
    B.prototype.getPropertyValueCore = patch ? patched : orig;
    if (full) { validateAnswers(m, d); return; }
    if (clear) for (const q of qs) if (q.errors.length) q.errors = [];
    m.data = d; m.validate(true, false);
  };
}
const variants: Record<string, (d: Record<string, unknown>) => void> = {
  "validateAnswers (current)": variant(benchSurveyDefinition(), false, false, true),
  "data+validate": variant(benchSurveyDefinition(), false, false),
  "clear": variant(benchSurveyDefinition(), true, false),
  "clear+strip": variant(strip(benchSurveyDefinition()), true, false),
  "clear+patch": variant(benchSurveyDefinition(), true, true),
  "clear+strip+reduce": variant(reduce(strip(benchSurveyDefinition())), true, false),
  "clear+strip+reduce+patch": variant(reduce(strip(benchSurveyDefinition())), true, true),
};
const best: Record<string, number> = {};
for (let round = 0; round < 6; round++) for (const [name, fn] of Object.entries(variants)) {
  const t = process.cpuUsage(); for (const it of items) fn(it.data); const u = process.cpuUsage(t);
  const ms = (u.user + u.system) / 1000 / items.length; if (round > 0) best[name] = Math.min(best[name] ?? Infinity, ms);
}
for (const [k, v] of Object.entries(best)) console.log(v.toFixed(3), "ms", k);
