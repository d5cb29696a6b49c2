/**
 * The editor works on SurveyJS JSON as plain data, without building a Model for every keystroke.
 * These are the few shapes it relies on; everything else in a definition is carried along untouched.
 */
export type JsonObject = Record<string, unknown>;

export interface ElementJson extends JsonObject {
  type: string;
  name: string;
}

export interface PageJson extends JsonObject {
  name: string;
  elements: ElementJson[];
}

export interface SurveyJson extends JsonObject {
  pages: PageJson[];
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Elements that take no answer and so have no data name in exports. */
export const NON_ANSWER_TYPES: ReadonlySet<string> = new Set(["html", "image", "expression"]);

/** Text of a possibly localised string (`"Hello"` or `{ "default": "Hello", "pl": "Cześć" }`). */
export function textOf(value: unknown): string {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (isObject(value)) {
    const preferred = value.default ?? value.en ?? Object.values(value)[0];
    return typeof preferred === "string" ? preferred : "";
  }
  return "";
}

/** Writes a string into a possibly localised property, keeping any translations beside it. */
export function withText(current: unknown, text: string): unknown {
  if (isObject(current)) return { ...current, default: text };
  return text;
}

function toElement(value: unknown): ElementJson | null {
  if (!isObject(value)) return null;
  return {
    ...value,
    type: typeof value.type === "string" ? value.type : "",
    name: typeof value.name === "string" ? value.name : "",
  };
}

function toElements(value: unknown): ElementJson[] {
  return Array.isArray(value) ? value.flatMap((v) => toElement(v) ?? []) : [];
}

/**
 * Brings any definition SurveyJS accepts into one shape: a `pages` array whose pages have names and
 * `elements`. Questions at the root (`elements` or the older `questions`) move into a first page.
 */
export function normaliseSurvey(definition: unknown): SurveyJson {
  const root: JsonObject = isObject(definition) ? { ...definition } : {};
  let pages: PageJson[] = [];
  if (Array.isArray(root.pages)) {
    pages = root.pages.filter(isObject).map((page, index) => ({
      ...page,
      name: typeof page.name === "string" && page.name ? page.name : `page${index + 1}`,
      elements: toElements(page.elements ?? page.questions),
    }));
    for (const page of pages) delete page.questions;
  }
  const rootElements = toElements(root.elements ?? root.questions);
  delete root.elements;
  delete root.questions;
  if (rootElements.length > 0) {
    pages = [{ name: uniquePageName(pages), elements: rootElements }, ...pages];
  }
  if (pages.length === 0) pages = [{ name: "page1", elements: [] }];
  return { ...root, pages };
}

function uniquePageName(pages: PageJson[]): string {
  const names = new Set(pages.map((p) => p.name));
  let n = 1;
  while (names.has(`page${n}`)) n += 1;
  return `page${n}`;
}

/** Where an element sits: its page, and the chain of indexes through any panels. */
export interface ElementVisit {
  element: ElementJson;
  pageIndex: number;
  /** Names of the panels that contain it, outermost first. */
  panels: string[];
}

/** Every element of the survey, depth first, including those inside panels. */
export function allElements(survey: SurveyJson): ElementVisit[] {
  const visits: ElementVisit[] = [];
  const walk = (elements: ElementJson[], pageIndex: number, panels: string[]) => {
    for (const element of elements) {
      visits.push({ element, pageIndex, panels });
      const children = element.elements ?? element.templateElements;
      if (Array.isArray(children)) walk(toElements(children), pageIndex, [...panels, element.name]);
    }
  };
  survey.pages.forEach((page, index) => {
    walk(page.elements, index, []);
  });
  return visits;
}

const CONTAINER_TYPES: ReadonlySet<string> = new Set(["panel", "paneldynamic"]);

/** The name a question's answer is stored under: `valueName` when set, else `name`. */
export function dataName(element: ElementJson): string {
  return typeof element.valueName === "string" && element.valueName ? element.valueName : element.name;
}

export function isAnswerable(element: ElementJson): boolean {
  return !NON_ANSWER_TYPES.has(element.type) && !CONTAINER_TYPES.has(element.type);
}

export function isContainer(element: ElementJson): boolean {
  return CONTAINER_TYPES.has(element.type);
}

/** A choice, row or column as `{ value, text }`, whether the JSON gave a bare value or an object. */
export interface ItemJson {
  value: unknown;
  text: string;
  score?: number;
  raw: unknown;
}

export function itemsOf(value: unknown): ItemJson[] {
  if (!Array.isArray(value)) return [];
  return value.map((item) => {
    if (isObject(item)) {
      const text = textOf(item.text) || String(item.value ?? "");
      return typeof item.score === "number"
        ? { value: item.value, text, score: item.score, raw: item }
        : { value: item.value, text, raw: item };
    }
    return { value: item, text: String(item), raw: item };
  });
}

/** The same value deeply, for comparing two bits of JSON; key order does not matter. */
export function sameJson(a: unknown, b: unknown): boolean {
  return stableStringify(a) === stableStringify(b);
}

export function stableStringify(value: unknown): string {
  return JSON.stringify(sortKeys(value)) ?? "undefined";
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (isObject(value)) {
    const sorted: JsonObject = {};
    for (const key of Object.keys(value).sort()) sorted[key] = sortKeys(value[key]);
    return sorted;
  }
  return value;
}
