import {
  allElements,
  type ElementJson,
  normaliseSurvey,
  type PageJson,
  type SurveyJson,
} from "./survey-json.ts";

/**
 * Edits to a survey's structure, as pure functions from one definition to the next. The editor
 * addresses a top-level element by its page and index; panels move as one item.
 */
export interface Position {
  page: number;
  index: number;
}

export interface ListedElement extends Position {
  element: ElementJson;
}

export function listElements(survey: SurveyJson): ListedElement[] {
  return survey.pages.flatMap((page, pageIndex) =>
    page.elements.map((element, index) => ({ page: pageIndex, index, element })),
  );
}

export function elementAt(survey: SurveyJson, at: Position): ElementJson | undefined {
  return survey.pages[at.page]?.elements[at.index];
}

function withPage(survey: SurveyJson, pageIndex: number, change: (page: PageJson) => PageJson): SurveyJson {
  return { ...survey, pages: survey.pages.map((p, i) => (i === pageIndex ? change(p) : p)) };
}

/** Every name used by any element or page, so a new one can be unique. */
export function usedNames(survey: SurveyJson): Set<string> {
  const names = new Set<string>(survey.pages.map((p) => p.name));
  for (const { element } of allElements(survey)) names.add(element.name);
  return names;
}

export function uniqueName(survey: SurveyJson, base: string): string {
  const used = usedNames(survey);
  if (!used.has(base)) return base;
  let n = 2;
  while (used.has(`${base}_${n}`)) n += 1;
  return `${base}_${n}`;
}

export function insertElement(survey: SurveyJson, at: Position, element: ElementJson): SurveyJson {
  return withPage(survey, at.page, (page) => {
    const elements = [...page.elements];
    elements.splice(Math.max(0, Math.min(at.index, elements.length)), 0, element);
    return { ...page, elements };
  });
}

export function replaceElement(survey: SurveyJson, at: Position, element: ElementJson): SurveyJson {
  return withPage(survey, at.page, (page) => ({
    ...page,
    elements: page.elements.map((e, i) => (i === at.index ? element : e)),
  }));
}

export function removeElement(survey: SurveyJson, at: Position): SurveyJson {
  return withPage(survey, at.page, (page) => ({
    ...page,
    elements: page.elements.filter((_, i) => i !== at.index),
  }));
}

export function duplicateElement(survey: SurveyJson, at: Position): { survey: SurveyJson; at: Position } {
  const element = elementAt(survey, at);
  if (!element) return { survey, at };
  const copy = structuredClone(element) as ElementJson;
  copy.name = uniqueName(survey, `${element.name}_copy`);
  delete copy.valueName;
  const next = { page: at.page, index: at.index + 1 };
  return { survey: insertElement(survey, next, copy), at: next };
}

/** Moves an element to a position given as it will be after the move. */
export function moveElement(survey: SurveyJson, from: Position, to: Position): SurveyJson {
  const element = elementAt(survey, from);
  if (!element || !survey.pages[to.page]) return survey;
  return insertElement(removeElement(survey, from), to, element);
}

/**
 * One step up or down, as the keyboard buttons do: within the page, and across into the previous or
 * next page at its edge. Returns the element's new position (the same one when it cannot move).
 */
export function moveByStep(
  survey: SurveyJson,
  from: Position,
  step: -1 | 1,
): { survey: SurveyJson; at: Position } {
  const page = survey.pages[from.page];
  if (!page?.elements[from.index]) return { survey, at: from };
  const target = from.index + step;
  if (target >= 0 && target < page.elements.length) {
    const at = { page: from.page, index: target };
    return { survey: moveElement(survey, from, at), at };
  }
  const otherPage = from.page + step;
  const other = survey.pages[otherPage];
  if (!other) return { survey, at: from };
  const at = { page: otherPage, index: step === -1 ? other.elements.length : 0 };
  return { survey: moveElement(survey, from, at), at };
}

export function addPage(survey: SurveyJson, title: string): SurveyJson {
  const name = uniqueName(survey, `page${survey.pages.length + 1}`);
  const page: PageJson = title ? { name, title, elements: [] } : { name, elements: [] };
  return { ...survey, pages: [...survey.pages, page] };
}

/** Removes a page; its questions move to the page before (or after, for the first page). */
export function removePage(survey: SurveyJson, pageIndex: number): SurveyJson {
  if (survey.pages.length <= 1) return survey;
  const page = survey.pages[pageIndex];
  if (!page) return survey;
  const receiver = pageIndex === 0 ? 1 : pageIndex - 1;
  const pages = survey.pages.map((p, i) =>
    i === receiver
      ? {
          ...p,
          elements: pageIndex === 0 ? [...page.elements, ...p.elements] : [...p.elements, ...page.elements],
        }
      : p,
  );
  return { ...survey, pages: pages.filter((_, i) => i !== pageIndex) };
}

export function updatePage(survey: SurveyJson, pageIndex: number, change: Partial<PageJson>): SurveyJson {
  return withPage(survey, pageIndex, (page) => dropEmpty({ ...page, ...change }) as PageJson);
}

/** Removes properties set to undefined or "", so the JSON carries only what was chosen. */
export function dropEmpty<T extends Record<string, unknown>>(value: T): T {
  const copy: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) if (v !== undefined && v !== "") copy[key] = v;
  return copy as T;
}

export function emptySurvey(title: string): SurveyJson {
  return normaliseSurvey({ title, pages: [{ name: "page1", elements: [] }] });
}
