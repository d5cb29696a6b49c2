/**
 * Whether a version's definition uses only what the compiled validation plan models; the reason it
 * does not otherwise. The test is an allow-list of JSON properties: a property survey-core knows and
 * the plan does not (triggers, calculated values, validators, defaults, choice conditions, masks,
 * other question types, …) keeps the version on the survey-core Model, so correctness never depends
 * on the plan covering everything.
 */

/** Properties that change nothing validation sees: wording, layout, Alongside's own tags. */
const COSMETIC = [
  "name",
  "title",
  "description",
  "navigationTitle",
  "navigationDescription",
  "startWithNewLine",
  "titleLocation",
  "descriptionLocation",
  "hideNumber",
  "showNumber",
  "width",
  "minWidth",
  "maxWidth",
  "indent",
  "state",
  "outcome",
  "indicator",
  "interviewerNote",
  "sensitive",
  "locked",
  "licence",
];
const CONDITIONS = ["visibleIf", "enableIf", "visible", "readOnly"];

const SURVEY = new Set([
  "title",
  "description",
  "pages",
  "showQuestionNumbers",
  "showProgressBar",
  "progressBarType",
  "showTitle",
  "completedHtml",
  "widthMode",
  "logo",
  "logoPosition",
  // The messages the plan gives are read from survey-core in the survey's language (validation-plan.ts).
  "locale",
]);
const CONTAINER = new Set([...COSMETIC, ...CONDITIONS, "elements", "type"]);
const QUESTION = [...COSMETIC, ...CONDITIONS, "type", "isRequired", "requiredIf", "requiredErrorText"];
const CHOICES = [
  "choices",
  "showOtherItem",
  "otherText",
  "otherPlaceholder",
  "otherErrorText",
  "showNoneItem",
  "noneText",
  "showRefuseItem",
  "refuseText",
  "showDontKnowItem",
  "dontKnowText",
  "colCount",
  "placeholder",
  "separateSpecialChoices",
  // Older names survey-core still reads as showOtherItem and showNoneItem; the plan reads the Model.
  "hasOther",
  "hasNone",
];
const TYPES: Record<string, ReadonlySet<string>> = {
  boolean: new Set([
    ...QUESTION,
    "labelTrue",
    "labelFalse",
    "valueTrue",
    "valueFalse",
    "renderAs",
    "swapOrder",
  ]),
  radiogroup: new Set([...QUESTION, ...CHOICES]),
  dropdown: new Set([...QUESTION, ...CHOICES]),
  checkbox: new Set([...QUESTION, ...CHOICES]),
  rating: new Set([
    ...QUESTION,
    "rateMin",
    "rateMax",
    "rateStep",
    "rateValues",
    "minRateDescription",
    "maxRateDescription",
    "displayRateDescriptionsAsExtremeItems",
    "renderAs",
    "rateType",
    "displayMode",
  ]),
  text: new Set([
    ...QUESTION,
    "inputType",
    "min",
    "max",
    "minErrorText",
    "maxErrorText",
    "maxLength",
    "placeholder",
    "size",
  ]),
  comment: new Set([...QUESTION, "maxLength", "rows", "placeholder", "autoGrow", "allowResize"]),
  html: new Set([...COSMETIC, ...CONDITIONS, "type", "html"]),
};
const INPUT_TYPES = new Set(["text", "number", "date"]);
const ITEM = new Set(["value", "text", "score"]);
/** Names survey-core's expressions read as something other than a question. */
const RESERVED = new Set([
  "length",
  "self",
  "parent",
  "panel",
  "row",
  "matrix",
  "composite",
  "item",
  "choice",
  "column",
  "survey",
  "locale",
  "pageno",
  "pagecount",
  "correctedanswers",
  "correctanswers",
  "correctedanswercount",
  "incorrectedanswers",
  "incorrectanswers",
  "incorrectedanswercount",
  "questioncount",
]);
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);

export function definitionSupport(definition: unknown): string | undefined {
  if (!isObject(definition)) return "the definition is not an object";
  const names = new Set<string>();
  return (
    unknownKey(definition, SURVEY, "the survey") ??
    (Array.isArray(definition.pages) ? undefined : "the survey has no pages") ??
    each(definition.pages, (page) => container(page, names, "a page"))
  );
}

function each(list: unknown, check: (item: unknown) => string | undefined): string | undefined {
  if (!Array.isArray(list)) return "a list is not a list";
  for (const item of list) {
    const problem = check(item);
    if (problem) return problem;
  }
  return undefined;
}

function unknownKey(json: Json, allowed: ReadonlySet<string>, where: string): string | undefined {
  for (const key of Object.keys(json)) if (!allowed.has(key)) return `${where} sets "${key}"`;
  return undefined;
}

function container(json: unknown, names: Set<string>, where: string): string | undefined {
  if (!isObject(json)) return `${where} is not an object`;
  return (
    unknownKey(json, CONTAINER, where) ??
    conditions(json, where) ??
    (json.elements === undefined ? undefined : each(json.elements, (item) => element(item, names)))
  );
}

function element(json: unknown, names: Set<string>): string | undefined {
  if (!isObject(json) || typeof json.type !== "string") return "an element has no type";
  if (json.type === "panel") return container(json, names, `panel ${String(json.name)}`);
  const allowed = TYPES[json.type];
  const name = json.name;
  if (typeof name !== "string" || !NAME.test(name) || RESERVED.has(name.toLowerCase()))
    return `a question is named ${JSON.stringify(name)}`;
  if (names.has(name.toLowerCase())) return `two questions are named ${name}`;
  names.add(name.toLowerCase());
  if (!allowed) return `${name} is of type ${json.type}`;
  return (
    unknownKey(json, allowed, name) ??
    conditions(json, name) ??
    (json.isRequired !== undefined && json.requiredIf !== undefined
      ? `${name} sets both isRequired and requiredIf`
      : undefined) ??
    (typeof json.requiredErrorText === "string" && json.requiredErrorText.includes("{")
      ? `${name} has a message with placeholders`
      : undefined) ??
    items(json.choices, name) ??
    items(json.rateValues, name) ??
    (json.inputType === undefined || INPUT_TYPES.has(String(json.inputType))
      ? undefined
      : `${name} has input type ${String(json.inputType)}`)
  );
}

function conditions(json: Json, where: string): string | undefined {
  for (const key of ["visibleIf", "enableIf", "requiredIf"]) {
    if (json[key] !== undefined && typeof json[key] !== "string") return `${where}: ${key} is not text`;
  }
  if (json.visibleIf !== undefined && json.visible !== undefined)
    return `${where} sets visible and visibleIf`;
  if (json.enableIf !== undefined && json.readOnly !== undefined)
    return `${where} sets readOnly and enableIf`;
  return undefined;
}

function items(list: unknown, where: string): string | undefined {
  if (list === undefined) return undefined;
  return each(list, (item) => {
    if (item === null || Array.isArray(item)) return `${where} has a choice that is not a value`;
    if (typeof item !== "object") return undefined;
    return unknownKey(item as Json, ITEM, `a choice of ${where}`);
  });
}
