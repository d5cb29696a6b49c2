import { Serializer } from "survey-core";

/**
 * The shape a SurveyJS definition must have before survey-core reads it (issue 14, finding 8): survey-core
 * throws on `null` or a number where it expects an element, a page, a choice or a name, and that came back
 * as a 500. This walks the JSON once, reading each property's kind from survey-core's own Serializer, and
 * names the exact place of each problem, so the API answers a 400 with paths instead. It checks shape only
 * (lists are lists, their items are what survey-core can read, text is text, numbers are numbers), never
 * meaning: `check-definition.ts` does that on a definition that passed here.
 */

export interface ShapeIssue {
  path: (string | number)[];
  message: string;
}

type Json = Record<string, unknown>;
type Path = (string | number)[];

interface PropertyInfo {
  type?: string;
  className?: string;
  baseClassName?: string;
  classNamePart?: string;
  isLocalizable?: boolean;
}

const isObject = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** Property kinds survey-core reads as text (it calls string methods on them). */
const TEXT_KINDS = new Set([
  "text",
  "html",
  "condition",
  "expression",
  "file",
  "color",
  "question_carryforward",
  "questionvalue",
]);
const NUMBER_KINDS = new Set(["number"]);
/** Answers given in the definition (defaults, values set by triggers): survey-core reads their lists' items. */
const VALUE_KINDS = new Set(["value", "triggervalue", "panelvalue", "rowvalue"]);
/** Names and kinds survey-core lower-cases or trims as soon as it reads them. */
const NAMES = new Set([
  "type",
  "name",
  "valueName",
  "cellType",
  "inputType",
  "setToName",
  "fromName",
  "gotoName",
  "choicesFromQuestion",
]);
/**
 * survey-core looks names and types up in plain objects, lower-cased: `constructor`, `toString`… would
 * find Object's own members there instead of a question or a class.
 */
const RESERVED_NAMES = new Set(
  [...Object.getOwnPropertyNames(Object.prototype), "__proto__"].map((n) => n.toLowerCase()),
);
const FLAG_KINDS = new Set(["boolean", "switch"]);

/** Lists whose items survey-core builds objects from (not values). */
const OBJECT_LISTS = new Set([
  "pages",
  "elements",
  "questions",
  "templateElements",
  "triggers",
  "calculatedValues",
  "validators",
  "completedHtmlOnCondition",
  "navigateToUrlOnCondition",
  "detailElements",
]);

/** Lists of choices, rows, columns and items: each item is a value (text, number, yes/no) or an object. */
const ITEM_LISTS = new Set(["choices", "rows", "columns", "rateValues", "items", "customLabels"]);

/** More points on a generated rating scale than anyone can answer, and than survey-core should build. */
export const MAX_RATING_POINTS = 100;

const MAX_ISSUES = 20;

export function definitionShapeIssues(definition: unknown): ShapeIssue[] {
  if (!isObject(definition)) return [{ path: [], message: "A survey must be a JSON object ({ … })." }];
  const walker = new Walker();
  walker.object(definition, "survey", []);
  return walker.issues.slice(0, MAX_ISSUES);
}

class Walker {
  readonly issues: ShapeIssue[] = [];

  private add(path: Path, message: string): void {
    if (this.issues.length < MAX_ISSUES) this.issues.push({ path, message });
  }

  object(node: Json, className: string | undefined, path: Path): void {
    if (className === "rating" || node.cellType === "rating") this.ratingScale(node, path);
    for (const [key, value] of Object.entries(node)) {
      if (this.issues.length >= MAX_ISSUES) return;
      const here = [...path, key];
      if (value === undefined || value === null) continue;
      if (NAMES.has(key)) {
        if (typeof value !== "string") this.add(here, `“${key}” must be text; here it is ${kind(value)}.`);
        else if (RESERVED_NAMES.has(value.toLowerCase()))
          this.add(here, `“${value}” cannot be used as a name or type: JavaScript reserves it.`);
        continue;
      }
      const property = className
        ? (Serializer.findProperty(className, key) as PropertyInfo | null | undefined)
        : undefined;
      if (key === "questions" && className?.endsWith("trigger")) {
        // A trigger's `questions` names the questions it shows or hides.
        if (!Array.isArray(value) || !value.every((v) => typeof v === "string"))
          this.add(here, "“questions” must be a list of question names.");
        continue;
      }
      if (OBJECT_LISTS.has(key) || ITEM_LISTS.has(key)) {
        this.list(key, value, property ?? undefined, here);
        continue;
      }
      if (!property) continue; // unknown parts are reported (and can be removed) by check-definition.ts
      this.scalar(key, value, property, here);
    }
  }

  private list(key: string, value: unknown, property: PropertyInfo | undefined, path: Path): void {
    if (!Array.isArray(value)) {
      this.add(path, `“${key}” must be a list ([ … ]).`);
      return;
    }
    const objects = OBJECT_LISTS.has(key);
    for (let index = 0; index < value.length; index++) {
      const item: unknown = value[index];
      const at = [...path, index];
      if (objects ? !isObject(item) : item === null || item === undefined || Array.isArray(item)) {
        this.add(
          at,
          objects
            ? `Each item of “${key}” must be an object ({ … }); this one is ${kind(item)}.`
            : `Each item of “${key}” must be a value or an object; this one is ${kind(item)}.`,
        );
        continue;
      }
      if (!isObject(item)) continue;
      if (!objects && "value" in item && !isPlainValue(item.value) && item.value !== undefined)
        this.add(
          [...at, "value"],
          `A choice's value must be text, a number or yes/no; here it is ${kind(item.value)}.`,
        );
      this.object(item, itemClass(item, key, property), at);
    }
  }

  private scalar(key: string, value: unknown, property: PropertyInfo, path: Path): void {
    const type = property.type;
    if (type === undefined) {
      // No declared kind: survey-core takes numbers and text alike here (`min`, `max`, …), but not lists.
      if (Array.isArray(value)) this.add(path, `“${key}” must be a single value; here it is a list.`);
    } else if (type === "string") {
      if (typeof value === "object" && !(property.isLocalizable && isLocalised(value)))
        this.add(path, `“${key}” must be text; here it is ${kind(value)}.`);
    } else if (TEXT_KINDS.has(type)) {
      if (typeof value !== "string" && !(property.isLocalizable && isLocalised(value)))
        this.add(path, `“${key}” must be text; here it is ${kind(value)}.`);
    } else if (NUMBER_KINDS.has(type)) {
      const number = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
      if (typeof number !== "number" || !Number.isFinite(number))
        this.add(path, `“${key}” must be a number; here it is ${kind(value)}.`);
    } else if (VALUE_KINDS.has(type)) {
      if (containsNullInList(value)) this.add(path, `“${key}” holds a list with an empty (null) item.`);
    } else if (FLAG_KINDS.has(type)) {
      if (typeof value === "object")
        this.add(path, `“${key}” must be true or false; here it is ${kind(value)}.`);
    } else if (isObject(value) && property.className) {
      this.object(value, property.className, path);
    }
  }

  /** A generated scale (no rateValues) must have a sensible number of points. */
  private ratingScale(node: Json, path: Path): void {
    if (Array.isArray(node.rateValues) && node.rateValues.length > 0) return;
    const num = (v: unknown, fallback: number) => {
      const n = typeof v === "string" && v.trim() !== "" ? Number(v) : v;
      return typeof n === "number" && Number.isFinite(n) ? n : fallback;
    };
    const min = num(node.rateMin, 1);
    const max = num(node.rateMax, 5);
    const step = num(node.rateStep, 1);
    if (step <= 0) this.add([...path, "rateStep"], "“rateStep” must be more than 0.");
    else if (max < min) this.add([...path, "rateMax"], "“rateMax” must not be below “rateMin”.");
    else if ((max - min) / step + 1 > MAX_RATING_POINTS)
      this.add([...path, "rateMax"], `A rating scale may have at most ${MAX_RATING_POINTS} points.`);
  }
}

function containsNullInList(value: unknown, depth = 0): boolean {
  if (depth > 20) return false;
  if (Array.isArray(value)) return value.some((v) => v === null || containsNullInList(v, depth + 1));
  if (isObject(value)) return Object.values(value).some((v) => containsNullInList(v, depth + 1));
  return false;
}

/** `{ "default": "Hello", "pl": "Cześć" }` */
function isLocalised(value: unknown): boolean {
  return isObject(value) && Object.values(value).every((v) => typeof v === "string");
}

function isPlainValue(value: unknown): boolean {
  return typeof value === "string" || typeof value === "number" || typeof value === "boolean";
}

/** The survey-core class an item of a list is read as, when survey-core knows it. */
/**
 * Is `name` one of survey-core's classes? `Serializer.findClass` looks names up in a plain object, so
 * `constructor` or `__proto__` would find Object's own members: those are no class.
 */
function isClass(name: string): boolean {
  return !RESERVED_NAMES.has(name.toLowerCase()) && Boolean(Serializer.findClass(name));
}

function itemClass(item: Json, key: string, property: PropertyInfo | undefined): string | undefined {
  const type = typeof item.type === "string" ? item.type : undefined;
  if (key === "pages") return "page";
  if (key === "elements" || key === "questions" || key === "templateElements" || key === "detailElements")
    return type && isClass(type) ? type : undefined;
  if (property?.baseClassName) {
    if (!type) return undefined;
    const full = `${type}${property.classNamePart ?? ""}`;
    if (isClass(full)) return full;
    return isClass(type) ? type : undefined;
  }
  if (property?.className && isClass(property.className)) return property.className;
  return undefined;
}

function kind(value: unknown): string {
  if (value === null) return "null";
  if (value === undefined) return "missing";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "an object";
  return typeof value === "string" ? "text" : typeof value;
}
