import { Serializer, ConditionsParser } from "survey-core";
import { createSurveyModel } from "/work/main/shared/survey/model.ts";
console.log(!!Serializer.findClass("radiogroup"), !!Serializer.findClass("bogus"));
console.log(!!Serializer.findProperty("radiogroup", "outcome"), !!Serializer.findProperty("itemvalue", "score"), !!Serializer.findProperty("itemvalue", "foo"));
const m = createSurveyModel({ pages: [{ name: "p1", elements: [
  { type: "radiogroup", name: "a", choices: [{value: "x", text: "X", bad: 1}, "y"] , validators: [{type: "regex", regex: "a", bogus: 2}]},
  { type: "panel", name: "pn", elements: [{ type: "text", name: "c", zz: 1 }] },
  { type: "matrix", name: "m", rows: [{value: "r", text: "R", q: 1}], columns: ["a"] },
]}]});
console.log(m.jsonErrors?.map(e => e.message));
const p = new ConditionsParser();
for (const e of ["{a} = 'x' and {b} notempty", "{a} contains 'x'", "{a} >= 3", "{a} = true", "{a} == 'x'", "{a} anyof ['x','y']", "{a} = 'it''s'", "{a} = \"it's\""]) {
  const r = p.parseExpression(e); console.log(e, !!r, r?.toString());
}
