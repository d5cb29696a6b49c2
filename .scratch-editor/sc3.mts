import { Serializer } from "survey-core";
import { registerAlongsideProperties } from "/work/main/shared/survey/properties.ts";
registerAlongsideProperties();
for (const [c, p] of [["radiogroup","choices"],["radiogroup","validators"],["matrix","rows"],["matrix","columns"],["rating","rateValues"],["page","elements"],["survey","pages"],["panel","elements"],["matrixdropdown","columns"],["radiogroup","outcome"],["choiceitem","score"],["itemvalue","score"],["ranking","choices"], ["survey", "questions"], ["survey","elements"]]) {
  const prop: any = Serializer.findProperty(c!, p!);
  console.log(c, p, !!prop, prop?.className, prop?.baseClassName, prop?.classNamePart, prop?.type);
}
console.log(!!Serializer.findClass("regexvalidator"), Serializer.findClass("ratingitem")?.name);
