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

/**
 * Import of a SurveyJS survey people already use (issue 16, finding 6): instead of refusing names with
 * spaces or capitals, duplicates and legacy properties, it proposes safe data names (keeping each
 * question's wording: a question without a title gets its old name as its title, so nobody sees a
 * different question), rewrites every condition, expression and reference to the renamed questions,
 * writes legacy properties the current way, and says what it changed in plain words. What remains
 * wrong is left to `checkDefinition`, which names the exact place.
 */

export interface Rename {
  from: string;
  to: string;
  /** The question's wording, to recognise it by. */
  title: string;
}

export interface PreparedImport {
  definition: SurveyJson;
  renames: Rename[];
  /** What was changed and why, in plain words, one line each. */
  changes: string[];
}

const CONTAINERS = new Set(["panel", "paneldynamic"]);

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
    (e) => typeof e.type === "string" && !NON_ANSWER_TYPES.has(e.type) && !CONTAINERS.has(e.type),
  );
  const nameKey = (e: JsonObject) => (typeof e.valueName === "string" && e.valueName ? "valueName" : "name");
  const needsNew: JsonObject[] = [];
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
  // Panels and pages with a clashing or missing name get their own (they hold no answers).
  const containerNames = new Set<string>(taken);
  for (const holder of [...definition.pages, ...elements.filter((e) => CONTAINERS.has(String(e.type)))]) {
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
    for (const r of renames) {
      const old = r.from.toLowerCase();
      if (r.from && !kept.has(old) && !byOld.has(old)) byOld.set(old, r.to);
    }
    rewriteReferences(definition, byOld);
    changes.push(
      `${renames.length} question${renames.length === 1 ? " was" : "s were"} given a new data name, because ${
        renames.length === 1 ? "its name" : "their names"
      } had spaces, capitals or other signs, or another question used the same name. Data names label the answers in exports; the wording people see is unchanged. Conditions that mention ${
        renames.length === 1 ? "it" : "them"
      } were updated.`,
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

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** `{Old Name}`, `{Old Name.row}`, `{Old Name-Comment}` in every text; exact names in name references. */
function rewriteReferences(root: unknown, byOld: ReadonlyMap<string, string>): void {
  const names = [...byOld.keys()].sort((a, b) => b.length - a.length);
  if (names.length === 0) return;
  const pattern = new RegExp(
    `\\{(\\s*)(${names.map(escapeRegExp).join("|")})(?=\\s*[}.\\[]|-Comment\\s*\\})`,
    "gi",
  );
  const text = (value: string) =>
    value.replace(
      pattern,
      (_, space: string, name: string) => `{${space}${byOld.get(name.toLowerCase()) ?? name}`,
    );
  const visit = (node: unknown): unknown => {
    if (typeof node === "string") return text(node);
    if (Array.isArray(node)) return node.map(visit);
    if (!isObject(node)) return node;
    for (const [key, value] of Object.entries(node)) {
      if (NAME_REFERENCES.has(key) && typeof value === "string")
        node[key] = byOld.get(value.toLowerCase()) ?? value;
      else if (key === "questions" && Array.isArray(value) && value.every((v) => typeof v === "string"))
        node[key] = value.map((v: string) => byOld.get(v.toLowerCase()) ?? v);
      else if (key !== "name" && key !== "valueName") node[key] = visit(value);
    }
    return node;
  };
  visit(root);
}
