import { Model, ConditionsParser, Serializer, JsonObject } from "survey-core";
import { createSurveyModel } from "/work/main/shared/survey/model.ts";
const m = createSurveyModel({ pages: [{ name: "p1", elements: [
  { type: "radiogroup", name: "a", title: "A?", choices: [{value: "x", text: "X", score: 1}], foo: 1, outcome: "o" },
  { type: "bogus", name: "b" },
  { type: "text", name: "a", inputType: "number", min: 1, max: 4, validators: [{type: "numeric", minValue: 1}], visibleIf: "{a} = 'x'" },
  { type: "text", title: "no name" },
]}], weird: true });
console.log(m.jsonErrors?.map(e => ({ msg: e.message, type: e.type, name: (e as any).propertyName, cls: (e as any).className, el: (e as any).element?.name, at: (e as any).at })));
console.log(JSON.stringify(m.toJSON()));
const p = new ConditionsParser();
console.log(p.parseExpression("{a} = 'x'") != null, p.parseExpression("{a} = = ") , p.error);
console.log(m.getAllQuestions().map(q => q.name));
