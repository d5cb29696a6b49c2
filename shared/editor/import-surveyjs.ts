import type { Rename } from "../contract/import.ts";
import { DATA_NAME } from "./check-definition.ts";
import { slug } from "./question-types.ts";
import {
  isObject,
  type JsonObject,
  NON_ANSWER_TYPES,
  normaliseSurvey,
  type SurveyJson,
  textOf,
} from "./survey-json.ts";

export type { Rename };

export interface PreparedImport {
  definition: SurveyJson;
  renames: Rename[];
  /** What was changed and why, in plain words, one line each. */
  changes: string[];
}

/** Questions whose answer is an object keyed by names of their own: columns or items. */
const INNER_NAMES: Record<string, string> = {
  matrixdropdown: "columns",
  matrixdynamic: "columns",
  multipletext: "items",
};
/** Questions whose rows have names of their own, the first key below the question's answer. */
const ROW_NAMES = new Set(["matrix", "matrixdropdown"]);
/** `{row.x}`, `{panel.x}`: inside a matrix or dynamic panel, a name of that question's own. */
const LOCAL_PREFIXES = new Set(["row", "panel", "prevpanel", "parentpanel", "composite"]);

/** Older property names survey-core still reads, and the names it writes today. */
const LEGACY: Record<string, string> = {
  hasOther: "showOtherItem",
  hasNone: "showNoneItem",
  hasComment: "showCommentArea",
  hasSelectAll: "showSelectAllItem",
  choicesOrder: "choicesOrder",
};

/** Properties that name another question (not inside `{…}`). */
const NAME_REFERENCES = new Set(["choicesFromQuestion", "setToName", "fromName", "gotoName", "questionName"]);

export function prepareImport(input: unknown): PreparedImport {
  const definition = structuredClone(normaliseSurvey(input)) as SurveyJson;
  const changes: string[] = [];
  const renames: Rename[] = [];
  const taken = new Set<string>();
  const elements: JsonObject[] = [];
  const walk = (list: unknown) => {
    if (!Array.isArray(list)) return;
    for (const element of list) {
      if (!isObject(element)) continue;
      elements.push(element);
      walk(element.elements);
      walk(element.templateElements);
    }
  };
  for (const page of definition.pages) walk(page.elements);

  // Legacy properties, written the current way (survey-core reads both; the editor knows the new ones).
  let legacy = 0;
  for (const element of elements) {
    for (const [old, current] of Object.entries(LEGACY)) {
      if (old === current || !(old in element)) continue;
      if (!(current in element)) element[current] = element[old];
      delete element[old];
      legacy += 1;
    }
  }
  if (legacy > 0)
    changes.push(
      `${legacy} older setting${legacy === 1 ? "" : "s"} ${legacy === 1 ? "was" : "were"} written the current way; the survey works the same.`,
    );

  // Data names: keep every good, unique one; propose a safe one for the rest.
  const answerable = elements.filter(
    (e) => typeof e.type === "string" && !NON_ANSWER_TYPES.has(e.type) && e.type !== "panel",
  );
  const nameKey = (e: JsonObject) => (typeof e.valueName === "string" && e.valueName ? "valueName" : "name");
  const needsNew: JsonObject[] = [];
  const ownerOf = new Map<JsonObject, JsonObject>();
  for (const element of elements)
    if (element.type === "paneldynamic" && Array.isArray(element.templateElements))
      for (const inner of element.templateElements) if (isObject(inner)) ownerOf.set(inner, element);
  for (const element of answerable) {
    const name = element[nameKey(element)];
    const good = typeof name === "string" && DATA_NAME.test(name) && !taken.has(name.toLowerCase());
    if (good) taken.add(name.toLowerCase());
    else needsNew.push(element);
  }
  const kept = new Set(taken);
  for (const element of needsNew) {
    const key = nameKey(element);
    const old = typeof element[key] === "string" ? (element[key] as string) : "";
    const proposed = unique(slug(old || textOf(element.title) || "question"), taken);
    taken.add(proposed.toLowerCase());
    const title = textOf(element.title) || old;
    if (element.title === undefined && old) element.title = old;
    element[key] = proposed;
    renames.push({ from: old, to: proposed, title });
  }
  // Inside a dynamic panel, a question keeps its data name under the panel's: say which.
  for (const rename of renames) {
    const element = answerable.find((e) => e[nameKey(e)] === rename.to);
    const owner = element ? ownerOf.get(element) : undefined;
    if (owner && typeof owner.name === "string") rename.within = owner.name;
  }
  // Matrix columns and multiple-text items: names of their own, unique within their question.
  const inner = new Map<string, Map<string, string>>();
  const columnRenames = new Set<Rename>();
  for (const element of answerable) {
    const key = INNER_NAMES[String(element.type)];
    const list = key ? element[key] : undefined;
    if (!key || !Array.isArray(list)) continue;
    const local = new Set<string>();
    const pending: number[] = [];
    list.forEach((item, i) => {
      const name = isObject(item) ? item.name : item;
      const good = typeof name === "string" && DATA_NAME.test(name) && !local.has(name.toLowerCase());
      if (good) local.add(name.toLowerCase());
      else pending.push(i);
    });
    const owner = String(element[nameKey(element)]);
    const map = new Map<string, string>();
    const kept = new Set(local);
    for (const i of pending) {
      const item = list[i];
      const raw = isObject(item) ? item.name : item;
      const old = typeof raw === "string" || typeof raw === "number" ? String(raw) : "";
      const proposed = unique(slug(old || textOf(isObject(item) ? item.title : "") || "item"), local);
      local.add(proposed.toLowerCase());
      const title = textOf(isObject(item) ? item.title : undefined) || old;
      const next: JsonObject = isObject(item) ? item : {};
      if (next.title === undefined && old) next.title = old;
      next.name = proposed;
      list[i] = next;
      const rename: Rename = { from: old, to: proposed, title, within: owner };
      renames.push(rename);
      columnRenames.add(rename);
      if (old && !kept.has(old.toLowerCase()) && !map.has(old.toLowerCase()))
        map.set(old.toLowerCase(), proposed);
    }
    if (map.size > 0) inner.set(owner.toLowerCase(), map);
  }
  // Matrix rows: their names are the keys of each row's answers, so an unsafe one is renamed like a
  // column (unique within its matrix). A row written as plain text becomes { value, text }.
  const rowsOf = new Map<string, Map<string, string>>();
  const rowRenames = new Set<Rename>();
  for (const element of answerable) {
    const list = element.rows;
    if (!ROW_NAMES.has(String(element.type)) || !Array.isArray(list)) continue;
    const rowValue = (item: unknown) => (isObject(item) ? item.value : item);
    const local = new Set<string>();
    const pending: number[] = [];
    list.forEach((item, i) => {
      const value = rowValue(item);
      // A number is a safe key as it is; text must be a data name, unique within the matrix.
      if (typeof value === "number" && Number.isFinite(value) && !local.has(String(value))) {
        local.add(String(value));
        return;
      }
      const good = typeof value === "string" && DATA_NAME.test(value) && !local.has(value.toLowerCase());
      if (good) local.add(value.toLowerCase());
      else pending.push(i);
    });
    const owner = String(element[nameKey(element)]);
    const map = new Map<string, string>();
    const exact = new Map<string, string>();
    const keptRows = new Set(local);
    for (const i of pending) {
      const item = list[i];
      const raw = rowValue(item);
      const old = typeof raw === "string" || typeof raw === "number" ? String(raw) : "";
      const wording = textOf(isObject(item) ? item.text : undefined);
      const proposed = unique(slug(old || wording || "row"), local);
      local.add(proposed.toLowerCase());
      const next: JsonObject = isObject(item) ? item : {};
      if (next.text === undefined && old) next.text = old;
      next.value = proposed;
      list[i] = next;
      const rename: Rename = { from: old, to: proposed, title: wording || old, within: owner, row: true };
      renames.push(rename);
      rowRenames.add(rename);
      if (old && !keptRows.has(old.toLowerCase()) && !map.has(old.toLowerCase()))
        map.set(old.toLowerCase(), proposed);
      if (old && !exact.has(old)) exact.set(old, proposed);
    }
    if (map.size > 0) rowsOf.set(owner.toLowerCase(), map);
    if (exact.size > 0) renameRowKeys(element, exact);
  }
  // A dynamic panel's questions are read as `{panel.name}` inside it and `{list[0].name}` outside.
  for (const rename of renames) {
    if (!rename.within || !rename.from) continue;
    const owner = answerable.find((e) => e[nameKey(e)] === rename.within);
    if (owner?.type !== "paneldynamic") continue;
    const map = inner.get(rename.within.toLowerCase()) ?? new Map<string, string>();
    if (!map.has(rename.from.toLowerCase())) map.set(rename.from.toLowerCase(), rename.to);
    inner.set(rename.within.toLowerCase(), map);
  }
  // Panels and pages with a clashing or missing name get their own (they hold no answers).
  const containerNames = new Set<string>(taken);
  for (const holder of [...definition.pages, ...elements.filter((e) => e.type === "panel")]) {
    const name = typeof holder.name === "string" ? holder.name : "";
    if (name && !containerNames.has(name.toLowerCase())) {
      containerNames.add(name.toLowerCase());
      continue;
    }
    const proposed = unique(slug(name || "section"), containerNames);
    containerNames.add(proposed.toLowerCase());
    holder.name = proposed;
    if (name)
      changes.push(
        `The section “${name}” shares its name with another part; it is now called “${proposed}”.`,
      );
  }

  if (renames.length > 0) {
    const byOld = new Map<string, string>();
    // The first question with an old name is the one conditions mean (survey-core finds the first).
    // A duplicate's old name still belongs to the question that kept it: references stay with that one.
    // (A question inside a dynamic panel is found by its plain name too: survey-core looks everywhere.)
    for (const r of renames) {
      const old = r.from.toLowerCase();
      if (r.from && !columnRenames.has(r) && !rowRenames.has(r) && !kept.has(old) && !byOld.has(old))
        byOld.set(old, r.to);
    }
    const withRows = new Set(
      answerable.filter((e) => ROW_NAMES.has(String(e.type))).map((e) => String(e[nameKey(e)]).toLowerCase()),
    );
    rewriteReferences(definition, byOld, inner, rowsOf, withRows);
    const parts = columnRenames.size;
    const rows = rowRenames.size;
    const top = renames.length - parts - rows;
    if (top > 0)
      changes.push(
        `${top} question${top === 1 ? " was" : "s were"} given a new data name, because ${
          top === 1 ? "its name" : "their names"
        } had spaces, capitals or other signs, or another question used the same name. Data names label the answers in exports; the wording people see is unchanged. Conditions that mention ${
          top === 1 ? "it" : "them"
        } were updated.`,
      );
    if (parts > 0)
      changes.push(
        `${parts} column${parts === 1 ? " or item was" : "s or items were"} given a new data name inside ${parts === 1 ? "its" : "their"} table or list of boxes, for the same reasons. The wording people see is unchanged.`,
      );
    if (rows > 0)
      changes.push(
        `${rows} row${rows === 1 ? " of a table was" : "s of tables were"} given a new data name, for the same reasons. The wording people see is unchanged; conditions that mention ${rows === 1 ? "it" : "them"} were updated.`,
      );
  }
  return { definition, renames, changes };
}

function unique(base: string, taken: ReadonlySet<string>): string {
  const safe = base.slice(0, 60);
  if (!taken.has(safe.toLowerCase())) return safe;
  for (let n = 2; ; n++) {
    const candidate = `${safe}_${n}`;
    if (!taken.has(candidate.toLowerCase())) return candidate;
  }
}

/**
 * Every `{…}` reference in every text, segment by segment: the first names a question (`{Old Name}`,
 * `{Old Name-Comment}`, `{Old Name.length}`, `{list[0].x}`); later segments name that question's columns,
 * items or panel questions (`{matrix.row.Old column}`, `{list[0].Old inner}`); inside a matrix or dynamic
 * panel, `{row.…}` and `{panel.…}` name its own. Exact names in name references (`choicesFromQuestion`,
 * trigger targets). Anything not renamed is left byte for byte.
 */
function rewriteReferences(
  root: unknown,
  byOld: ReadonlyMap<string, string>,
  inner: ReadonlyMap<string, ReadonlyMap<string, string>>,
  rowsOf: ReadonlyMap<string, ReadonlyMap<string, string>> = new Map(),
  withRows: ReadonlySet<string> = new Set(),
): void {
  if (byOld.size === 0 && inner.size === 0 && rowsOf.size === 0) return;
  const reference = (path: string, local: ReadonlyMap<string, string> | undefined): string => {
    const tokens = path.match(/\[[^\]]*\]|\.|[^.[]+/g) ?? [];
    let owner: ReadonlyMap<string, string> | undefined;
    // For a matrix with named rows (`{matrix.row.column}`), the segment after the question is a row.
    let rows: ReadonlyMap<string, string> | undefined;
    let rowNext = false;
    let first = true;
    return tokens
      .map((token) => {
        if (token === "." || token.startsWith("[")) return token;
        const lower = token.toLowerCase();
        if (first) {
          first = false;
          if (LOCAL_PREFIXES.has(lower)) {
            owner = local;
            return token;
          }
          const comment = /^(.*?)(-comment)$/i.exec(token);
          const name = comment ? (comment[1] ?? "") : token;
          const renamed = byOld.get(name.toLowerCase());
          const question = (renamed ?? name).toLowerCase();
          owner = inner.get(question);
          rowNext = !comment && withRows.has(question);
          rows = rowsOf.get(question);
          return renamed ? `${renamed}${comment ? comment[2] : ""}` : token;
        }
        if (rowNext) {
          rowNext = false;
          return rows?.get(lower) ?? token;
        }
        return owner?.get(lower) ?? token;
      })
      .join("");
  };
  const text = (value: string, local: ReadonlyMap<string, string> | undefined) =>
    value.replace(
      /\{(\s*)([^{}]*?)(\s*)\}/g,
      (_, before: string, path: string, after: string) => `{${before}${reference(path, local)}${after}}`,
    );
  const visit = (node: unknown, local: ReadonlyMap<string, string> | undefined): unknown => {
    if (typeof node === "string") return text(node, local);
    if (Array.isArray(node)) return node.map((v) => visit(v, local));
    if (!isObject(node)) return node;
    const own = typeof node.name === "string" ? inner.get(node.name.toLowerCase()) : undefined;
    const scope = own && typeof node.type === "string" ? own : local;
    for (const [key, value] of Object.entries(node)) {
      if (NAME_REFERENCES.has(key) && typeof value === "string")
        node[key] = byOld.get(value.toLowerCase()) ?? value;
      else if (key === "questions" && Array.isArray(value) && value.every((v) => typeof v === "string"))
        node[key] = value.map((v: string) => byOld.get(v.toLowerCase()) ?? v);
      else if (key !== "name" && key !== "valueName") node[key] = visit(value, scope);
    }
    return node;
  };
  visit(root, undefined);
}

/**
 * Where a matrix's own settings name its rows by value, they follow a row's new name: the keys of
 * `defaultValue` and `correctAnswer` (one answer per row), and the row values `rowsVisibleIf` compares
 * `{item}` with (`{item} != 'Not sure'`). Without this an imported table would lose its default
 * answers or hide rows it showed before.
 */
function renameRowKeys(element: JsonObject, exact: ReadonlyMap<string, string>): void {
  for (const key of ["defaultValue", "correctAnswer"] as const) {
    const value = element[key];
    if (!isObject(value)) continue;
    // fromEntries defines each key as data, so a hostile "__proto__" row stays a plain key.
    element[key] = Object.fromEntries(
      Object.entries(value).map(([row, answer]) => [exact.get(row) ?? row, answer]),
    );
  }
  const condition = element.rowsVisibleIf;
  if (typeof condition === "string" && /\{item\}/i.test(condition)) {
    element.rowsVisibleIf = condition.replace(
      /(['"])((?:(?!\1).)*)\1/g,
      (literal, quote: string, text: string) => {
        const renamed = exact.get(text);
        return renamed === undefined ? literal : `${quote}${renamed}${quote}`;
      },
    );
  }
}
