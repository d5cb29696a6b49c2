import {
  type ElementJson,
  type JsonObject,
  type PageJson,
  type SurveyJson,
  sameJson,
} from "./survey-json.ts";

/**
 * Three-way merge of two people's edits to one draft, question by question. `base` is the draft as
 * both started from, `mine` the local copy, `theirs` what the other person saved. A question changed
 * on one side only takes that side; one changed differently on both is a conflict, kept as mine until
 * the person chooses, via `choices`, which to keep. Panels move and merge as one item.
 */
export type MergeSide = "mine" | "theirs";

export interface MergeConflict {
  /** "question:<name>", "page:<name>" or "survey:<property>". */
  id: string;
  label: string;
  mine: unknown;
  theirs: unknown;
}

export interface MergeResult {
  survey: SurveyJson;
  conflicts: MergeConflict[];
  /** How many of their changes were taken in without asking. */
  takenFromTheirs: number;
}

type Decision = { value: unknown; fromTheirs: boolean; conflict: boolean };

function decide(base: unknown, mine: unknown, theirs: unknown, choice: MergeSide | undefined): Decision {
  if (sameJson(mine, theirs)) return { value: mine, fromTheirs: false, conflict: false };
  if (sameJson(mine, base)) return { value: theirs, fromTheirs: true, conflict: false };
  if (sameJson(theirs, base)) return { value: mine, fromTheirs: false, conflict: false };
  return { value: choice === "theirs" ? theirs : mine, fromTheirs: choice === "theirs", conflict: true };
}

function elementsByName(
  survey: SurveyJson,
): Map<string, { element: ElementJson; page: string; after: string | null }> {
  const map = new Map<string, { element: ElementJson; page: string; after: string | null }>();
  for (const page of survey.pages) {
    page.elements.forEach((element, index) => {
      map.set(element.name, { element, page: page.name, after: page.elements[index - 1]?.name ?? null });
    });
  }
  return map;
}

function pageProps(page: PageJson | undefined): JsonObject | undefined {
  if (!page) return undefined;
  const { elements: _elements, ...rest } = page;
  return rest;
}

export function mergeDrafts(
  base: SurveyJson,
  mine: SurveyJson,
  theirs: SurveyJson,
  choices: Readonly<Record<string, MergeSide>> = {},
): MergeResult {
  const conflicts: MergeConflict[] = [];
  let takenFromTheirs = 0;
  const record = (id: string, label: string, d: Decision, m: unknown, t: unknown) => {
    if (d.conflict) conflicts.push({ id, label, mine: m, theirs: t });
    if (d.fromTheirs) takenFromTheirs += 1;
    return d.value;
  };

  // Survey-level properties, one by one.
  const root: JsonObject = {};
  const keys = new Set([...Object.keys(base), ...Object.keys(mine), ...Object.keys(theirs)]);
  keys.delete("pages");
  for (const key of keys) {
    const d = decide(base[key], mine[key], theirs[key], choices[`survey:${key}`]);
    const value = record(`survey:${key}`, `Survey ${key}`, d, mine[key], theirs[key]);
    if (value !== undefined) root[key] = value;
  }

  // Pages: mine's order, then pages only they added.
  const basePages = new Map(base.pages.map((p) => [p.name, p]));
  const theirPages = new Map(theirs.pages.map((p) => [p.name, p]));
  const minePages = new Map(mine.pages.map((p) => [p.name, p]));
  const pages: PageJson[] = [];
  for (const page of mine.pages) {
    const id = `page:${page.name}`;
    const d = decide(
      pageProps(basePages.get(page.name)),
      pageProps(page),
      pageProps(theirPages.get(page.name)),
      choices[id],
    );
    const props = (record(
      id,
      `Page “${page.name}”`,
      d,
      pageProps(page),
      pageProps(theirPages.get(page.name)),
    ) ?? pageProps(page)) as JsonObject;
    pages.push({ ...props, name: page.name, elements: [] });
  }
  for (const page of theirs.pages) {
    if (!minePages.has(page.name) && !basePages.has(page.name)) {
      takenFromTheirs += 1;
      pages.push({ ...(pageProps(page) as JsonObject), name: page.name, elements: [] });
    }
  }
  const pageByName = new Map(pages.map((p) => [p.name, p]));

  // Questions: decide each, keep mine's placement, then place what only they have.
  const baseEls = elementsByName(base);
  const theirEls = elementsByName(theirs);
  const placed = new Set<string>();
  for (const page of mine.pages) {
    const target = pageByName.get(page.name);
    for (const element of page.elements) {
      const name = element.name;
      const id = `question:${name}`;
      const t = theirEls.get(name)?.element;
      const d = decide(baseEls.get(name)?.element, element, t, choices[id]);
      const value = record(id, `Question “${name}”`, d, element, t) as ElementJson | undefined;
      placed.add(name);
      if (value && target) target.elements.push(value);
    }
  }
  const pending: { element: ElementJson; page: string; after: string | null }[] = [];
  for (const [name, theirsAt] of theirEls) {
    if (placed.has(name)) continue;
    const id = `question:${name}`;
    const b = baseEls.get(name)?.element;
    const d = decide(b, undefined, theirsAt.element, choices[id]);
    const value = record(id, `Question “${name}”`, d, undefined, theirsAt.element) as ElementJson | undefined;
    if (value) pending.push({ ...theirsAt, element: value });
  }
  for (const item of pending) {
    const page = pageByName.get(item.page) ?? pages[pages.length - 1];
    if (!page) continue;
    const afterIndex = item.after === null ? -1 : page.elements.findIndex((e) => e.name === item.after);
    page.elements.splice(afterIndex + 1, 0, item.element);
  }
  return { survey: { ...root, pages } as SurveyJson, conflicts, takenFromTheirs };
}
