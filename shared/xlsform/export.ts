import { ConditionsParser, type Operand } from "survey-core";
import { INTEGER_PATTERN } from "./import.ts";
import type { Cell } from "./sheets.ts";
import { SURVEY_COLUMNS } from "./survey-columns.ts";

/**
 * SurveyJS JSON → XLSForm sheets (plain rows; writing the .xlsx is the caller's). Every element or
 * property with no XLSForm equivalent is listed in the report (`lost`) instead of being dropped
 * silently. Expressions are read with survey-core's own parser and written back as XPath.
 */

type Json = Record<string, unknown>;

export interface ExportNote {
  /** The question, page or panel the note is about ("" for the survey itself). */
  name: string;
  message: string;
}

export interface XlsformExport {
  sheets: { survey: Cell[][]; choices: Cell[][]; settings: Cell[][] };
  lost: ExportNote[];
}

class NoXPath extends Error {}

function isObject(v: unknown): v is Json {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

const OPS: Record<string, string> = {
  and: "and",
  or: "or",
  equal: "=",
  notequal: "!=",
  less: "<",
  lessorequal: "<=",
  greater: ">",
  greaterorequal: ">=",
  plus: "+",
  minus: "-",
  mul: "*",
  div: "div",
  mod: "mod",
};

interface Op {
  getType(): string;
}

/** A SurveyJS expression as XPath, for the question `self` (its own value becomes `.`). */
export function toXPath(expression: string, self: string | null, types: Map<string, string>): string {
  const parser = new ConditionsParser();
  const tree = parser.parseExpression(expression) as Operand | null;
  if (!tree) throw new NoXPath("survey-core cannot read it");
  return write(tree as unknown as Op, self, types, false);
}

function variableName(op: Op): string {
  const name = String((op as unknown as { variableName: string }).variableName);
  return name.replace(/^(panel|parentpanel)\./, "");
}

function ref(op: Op, self: string | null): string {
  const name = variableName(op);
  if (name.endsWith(".length")) throw new NoXPath("length");
  return name === self ? "." : `\${${name}}`;
}

function write(op: Op, self: string | null, types: Map<string, string>, nested: boolean): string {
  const type = op.getType();
  const o = op as unknown as Json;
  const wrap = (text: string) => (nested ? `(${text})` : text);
  if (type === "const") {
    const value = o.value;
    if (typeof value === "number") return String(value);
    if (typeof value === "boolean") return value ? "true()" : "false()";
    const text = String(value);
    const stripped = /^'.*'$|^".*"$/s.test(text) ? text.slice(1, -1) : text;
    if (/^-?\d+(\.\d+)?$/.test(stripped) && !/^'|^"/.test(text)) return stripped;
    return `'${stripped}'`;
  }
  if (type === "variable") {
    const name = variableName(op);
    if (name.endsWith(".length")) {
      const base = name.slice(0, -".length".length);
      return `string-length(${base === self ? "." : `\${${base}}`})`;
    }
    return ref(op, self);
  }
  if (type === "unary") {
    const inner = o.expressionValue as Op;
    const name = String(o.operatorName);
    if (name === "negate") return `not(${write(inner, self, types, false)})`;
    if (name === "notempty") return wrap(`${write(inner, self, types, true)} != ''`);
    if (name === "empty") return wrap(`${write(inner, self, types, true)} = ''`);
    throw new NoXPath(name);
  }
  if (type === "binary") {
    const name = String(o.operatorName);
    const left = o.left as Op;
    const right = o.right as Op;
    if (name === "contains" && left.getType() === "variable") {
      return `selected(${ref(left, self)}, ${write(right, self, types, false)})`;
    }
    if (name === "equal" && left.getType() === "variable" && types.get(variableName(left)) === "select_one") {
      return wrap(`${write(left, self, types, true)} = ${write(right, self, types, true)}`);
    }
    const xop = OPS[name];
    if (!xop) throw new NoXPath(name);
    return wrap(`${write(left, self, types, true)} ${xop} ${write(right, self, types, true)}`);
  }
  if (type === "function") {
    const name = String(o.originalValue);
    const args = ((o.parameters as { values?: Op[] } | Op[]) ?? []) as unknown;
    const list: Op[] = Array.isArray(args) ? (args as Op[]) : ((args as { values?: Op[] }).values ?? []);
    if (name === "iif" && list.length === 3) {
      const [c, a, b] = list as [Op, Op, Op];
      if (
        c.getType() === "unary" &&
        (c as unknown as Json).operatorName === "notempty" &&
        a.getType() === "variable"
      ) {
        const v = (c as unknown as Json).expressionValue as Op;
        if (v.getType() === "variable" && variableName(v) === variableName(a)) {
          return `coalesce(${ref(a, self)}, ${write(b, self, types, false)})`;
        }
      }
      return `if(${list.map((x) => write(x, self, types, false)).join(", ")})`;
    }
    if (name === "today" && list.length === 0) return "today()";
    if (name === "count" && list.length === 1 && (list[0] as Op).getType() === "variable") {
      return `count-selected(${ref(list[0] as Op, self)})`;
    }
    if (name === "displayValue" && list.length === 1 && (list[0] as Op).getType() === "const") {
      const target = String(((list[0] as unknown as Json).value as string) ?? "").replace(/^'|'$/g, "");
      return `jr:choice-name(\${${target}}, '\${${target}}')`;
    }
    throw new NoXPath(`${name}()`);
  }
  throw new NoXPath(type);
}

const SURVEY_HEADERS = SURVEY_COLUMNS;

export function toXlsform(definition: unknown, info: { formId: string; version: string }): XlsformExport {
  const json = isObject(definition) ? definition : {};
  return new Exporter(json).run(info);
}

class Exporter {
  private readonly rows: Partial<Record<string, string>>[] = [];
  private readonly choices: { list: string; value: string; texts: Partial<Record<string, string>> }[] = [];
  private readonly lost: ExportNote[] = [];
  private readonly languages = new Set<string>();
  private readonly types = new Map<string, string>();

  constructor(private readonly json: Json) {}

  run(info: { formId: string; version: string }): XlsformExport {
    const pages = Array.isArray(this.json.pages)
      ? (this.json.pages as unknown[]).filter(isObject)
      : [{ name: "page1", elements: this.json.elements ?? this.json.questions ?? [] }];
    this.collectTypes(pages);
    for (const page of pages) {
      const loose = /^page\d+$/.test(String(page.name ?? "")) && !page.title && !page.visibleIf;
      if (loose) this.elements(page.elements, null);
      else {
        this.container("begin_group", page, null, "field-list");
        this.elements(page.elements, null);
        this.rows.push({ type: "end_group" });
      }
    }
    for (const calc of Array.isArray(this.json.calculatedValues) ? this.json.calculatedValues : []) {
      if (!isObject(calc) || typeof calc.expression !== "string") continue;
      const name = String(calc.name ?? "");
      const calculation = this.xpath(calc.expression, null, name, "calculation");
      if (calculation !== undefined) this.rows.push({ type: "calculate", name, calculation });
    }
    for (const key of Object.keys(this.json)) {
      if (!["title", "pages", "elements", "questions", "calculatedValues", "description"].includes(key)) {
        this.lost.push({
          name: "",
          message: `${SETTING_WORDS[key] ?? `The survey setting “${key}”`} has no place in XLSForm and is left out.`,
        });
      }
    }
    for (const [key, names] of this.settingsLost) {
      const shown =
        names.length > 6 ? `${names.slice(0, 6).join(", ")} and ${names.length - 6} more` : names.join(", ");
      const what = SETTING_WORDS[key] ?? `The setting “${key}”`;
      this.lost.push({ name: "", message: `${what} (${shown}) has no place in XLSForm and is left out.` });
    }
    const languages = [...this.languages].sort();
    const headers: string[] = [];
    for (const h of SURVEY_HEADERS) {
      headers.push(h);
      if (["label", "hint", "required_message", "constraint_message"].includes(h)) {
        for (const l of languages) headers.push(`${h}::${l} (${l})`);
      }
    }
    const used = headers.filter((h) => h === "type" || h === "name" || this.rows.some((r) => r[h]));
    const survey: Cell[][] = [used, ...this.rows.map((r) => used.map((h) => r[h] ?? null))];
    const choiceHeaders = ["list_name", "name", "label", ...languages.map((l) => `label::${l} (${l})`)];
    const choices: Cell[][] = [
      choiceHeaders,
      ...this.choices.map((c) => [c.list, c.value, ...choiceHeaders.slice(2).map((h) => c.texts[h] ?? null)]),
    ];
    const title = textOf(this.json.title) || info.formId;
    const settings: Cell[][] = [
      ["form_title", "form_id", "version"],
      [title, info.formId, info.version],
    ];
    return { sheets: { survey, choices, settings }, lost: this.lost };
  }

  private collectTypes(elements: unknown): void {
    for (const e of Array.isArray(elements) ? elements : []) {
      if (!isObject(e)) continue;
      const kind = String(e.type ?? "");
      if (typeof e.name === "string") {
        this.types.set(e.name, kind === "radiogroup" || kind === "dropdown" ? "select_one" : kind);
      }
      this.collectTypes(e.elements);
      this.collectTypes(e.templateElements);
    }
  }

  private text(row: Partial<Record<string, string>>, column: string, value: unknown): void {
    if (typeof value === "string") {
      if (value) row[column] = fromPiping(value);
      return;
    }
    if (!isObject(value)) return;
    for (const [key, text] of Object.entries(value)) {
      if (typeof text !== "string" || !text) continue;
      if (key === "default") row[column] = fromPiping(text);
      else {
        this.languages.add(key);
        row[`${column}::${key} (${key})`] = fromPiping(text);
      }
    }
  }

  private xpath(expression: string, self: string | null, name: string, column: string): string | undefined {
    try {
      return toXPath(expression, self, this.types);
    } catch {
      this.lost.push({ name, message: `The ${column} “${expression}” cannot be written in XLSForm.` });
      return undefined;
    }
  }

  private container(type: string, element: Json, parentRepeat: string | null, appearance?: string): void {
    const name = String(element.name ?? "");
    const row: Partial<Record<string, string>> = { type, name };
    this.text(row, "label", element.title);
    this.text(row, "hint", element.description);
    if (typeof element.visibleIf === "string") {
      const relevant = this.xpath(element.visibleIf, null, name, "condition");
      if (relevant) row.relevant = relevant;
    }
    if (appearance) row.appearance = appearance;
    void parentRepeat;
    this.rows.push(row);
  }

  private elements(list: unknown, repeat: string | null): void {
    for (const element of Array.isArray(list) ? list : []) {
      if (isObject(element)) this.element(element, repeat);
    }
  }

  private element(e: Json, repeat: string | null): void {
    const type = String(e.type ?? "");
    const name = String(e.name ?? "");
    if (type === "panel") {
      this.container("begin_group", e, repeat);
      this.elements(e.elements, repeat);
      this.rows.push({ type: "end_group" });
      return;
    }
    if (type === "paneldynamic") {
      this.container("begin_repeat", e, repeat);
      const row = this.rows.at(-1) as Partial<Record<string, string>>;
      const bound = isObject(e.bindings) ? e.bindings.panelCount : undefined;
      if (typeof bound === "string") row.repeat_count = `\${${bound}}`;
      else if (
        typeof e.panelCount === "number" &&
        e.minPanelCount === e.panelCount &&
        e.maxPanelCount === e.panelCount
      ) {
        row.repeat_count = String(e.panelCount);
      } else if (
        e.panelCount !== undefined ||
        e.minPanelCount !== undefined ||
        e.maxPanelCount !== undefined
      ) {
        this.lost.push({ name, message: "A number of entries that is not fixed has no XLSForm equivalent." });
      }
      this.elements(e.templateElements, name);
      this.rows.push({ type: "end_repeat" });
      return;
    }
    const row: Partial<Record<string, string>> = { name };
    const handled = new Set(["type", "name", "title", "description"]);
    const take = (...keys: string[]) => {
      for (const k of keys) handled.add(k);
    };
    switch (type) {
      case "text": {
        const input = String(e.inputType ?? "text");
        take("inputType");
        const validators = Array.isArray(e.validators) ? e.validators : [];
        const integer = validators.some(
          (v) => isObject(v) && v.type === "regex" && v.regex === INTEGER_PATTERN,
        );
        if (e.visible === false) {
          row.type = "hidden";
          take("visible");
        } else if (input === "number") row.type = integer ? "integer" : "decimal";
        else if (input === "date") row.type = "date";
        else if (input === "time") row.type = "time";
        else if (input === "datetime-local") row.type = "dateTime";
        else {
          row.type = "text";
          if (input !== "text")
            this.lost.push({ name, message: `The answer format “${input}” is exported as plain text.` });
        }
        break;
      }
      case "comment":
        row.type = "text";
        row.appearance = "multiline";
        break;
      case "radiogroup":
      case "dropdown":
      case "checkbox":
      case "tagbox":
      case "ranking": {
        const base =
          type === "checkbox" || type === "tagbox"
            ? "select_multiple"
            : type === "ranking"
              ? "rank"
              : "select_one";
        row.type = `${base} ${name}${e.showOtherItem ? " or_other" : ""}`;
        take("choices", "showOtherItem", "colCount");
        if (type === "dropdown" || type === "tagbox") row.appearance = "minimal";
        if (e.colCount === 0) row.appearance = "likert";
        else if (typeof e.colCount === "number" && e.colCount > 1) row.appearance = `columns-${e.colCount}`;
        this.writeChoices(name, e.choices, row);
        break;
      }
      case "rating":
        take("rateMin", "rateMax", "rateStep");
        if (Array.isArray(e.rateValues)) {
          this.lost.push({
            name,
            message: "A rating with its own labelled points is exported as a range without the labels.",
          });
          handled.add("rateValues");
        }
        row.type = "range";
        row.parameters = `start=${e.rateMin ?? 1} end=${e.rateMax ?? 5} step=${e.rateStep ?? 1}`;
        break;
      case "boolean":
        if (e.renderAs === "checkbox" && e.valueTrue === "OK") {
          row.type = "acknowledge";
          take("renderAs", "valueTrue");
        } else {
          row.type = "acknowledge";
          this.lost.push({
            name,
            message: "A yes/no question is exported as an acknowledgement (a tick box).",
          });
          take("renderAs", "valueTrue", "valueFalse", "labelTrue", "labelFalse");
        }
        break;
      case "html":
        row.type = "note";
        take("html");
        this.text(
          row,
          "label",
          isObject(e.html) ? mapValues(e.html, unescapeHtml) : unescapeHtml(String(e.html ?? "")),
        );
        break;
      case "expression":
        row.type = "calculate";
        take("expression", "visible");
        if (typeof e.expression === "string") {
          const calculation = this.xpath(e.expression, null, name, "calculation");
          if (calculation === undefined) return;
          row.calculation = calculation;
        }
        break;
      default:
        this.lost.push({ name, message: `“${type}” questions have no XLSForm equivalent and are left out.` });
        return;
    }
    if (type !== "html") this.text(row, "label", e.title);
    this.text(row, "hint", e.description);
    take(
      "isRequired",
      "requiredErrorText",
      "requiredIf",
      "visibleIf",
      "readOnly",
      "defaultValue",
      "defaultValueExpression",
      "validators",
      "interviewerNote",
      "min",
      "max",
    );
    if (typeof e.interviewerNote === "string" && e.interviewerNote) row.guidance_hint = e.interviewerNote;
    if (e.isRequired) row.required = "yes";
    if (typeof e.requiredIf === "string") {
      const r = this.xpath(e.requiredIf, name, name, "condition for requiring it");
      if (r) row.required = r;
    }
    this.text(row, "required_message", e.requiredErrorText);
    if (typeof e.visibleIf === "string") {
      const r = this.xpath(e.visibleIf, null, name, "condition");
      if (r) row.relevant = r;
    }
    if (e.readOnly === true) row.read_only = "yes";
    if (e.defaultValue !== undefined) {
      row.default = Array.isArray(e.defaultValue) ? e.defaultValue.join(" ") : String(e.defaultValue);
    }
    if (typeof e.defaultValueExpression === "string") {
      const r = this.xpath(e.defaultValueExpression, null, name, "default");
      if (r) row.default = r;
    }
    this.validators(e, row, name);
    for (const key of Object.keys(e)) {
      if (!handled.has(key)) this.unsupported(key, name);
    }
    this.rows.push(row);
  }

  /** Settings without an XLSForm place, gathered per setting so the report reads as a short list. */
  private readonly settingsLost = new Map<string, string[]>();

  private unsupported(key: string, name: string): void {
    const names = this.settingsLost.get(key) ?? [];
    names.push(name);
    this.settingsLost.set(key, names);
  }

  private validators(e: Json, row: Partial<Record<string, string>>, name: string): void {
    const parts: string[] = [];
    let message: unknown;
    if (e.inputType === "number" && typeof e.min === "number") parts.push(`. >= ${e.min}`);
    if (e.inputType === "number" && typeof e.max === "number") parts.push(`. <= ${e.max}`);
    for (const key of ["min", "max"]) {
      if (e[key] !== undefined && !(e.inputType === "number" && typeof e[key] === "number"))
        this.unsupported(key, name);
    }
    for (const v of Array.isArray(e.validators) ? e.validators : []) {
      if (!isObject(v)) continue;
      if (v.type === "regex" && v.regex === INTEGER_PATTERN) continue;
      if (v.text !== undefined && message === undefined) message = v.text;
      if (v.type === "regex" && typeof v.regex === "string") {
        if (v.regex.includes("'"))
          this.lost.push({ name, message: "A pattern with an apostrophe cannot be written in XLSForm." });
        else parts.push(`regex(., '${v.regex}')`);
      } else if (v.type === "expression" && typeof v.expression === "string") {
        // `{q} empty or (…)`: how the import says "only when answered", which XLSForm means anyway.
        const own = new RegExp(
          `^\\{(?:panel\\.)?${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\} empty or \\((.*)\\)$`,
          "s",
        );
        const x = this.xpath(own.exec(v.expression)?.[1] ?? v.expression, name, name, "check");
        if (x) parts.push(x);
      } else if (v.type === "numeric") {
        if (typeof v.minValue === "number") parts.push(`. >= ${v.minValue}`);
        if (typeof v.maxValue === "number") parts.push(`. <= ${v.maxValue}`);
      } else if (v.type === "text") {
        if (typeof v.minLength === "number" && v.minLength > 0)
          parts.push(`string-length(.) >= ${v.minLength}`);
        if (typeof v.maxLength === "number" && v.maxLength > 0)
          parts.push(`string-length(.) <= ${v.maxLength}`);
      } else if (v.type === "answercount") {
        if (typeof v.minCount === "number") parts.push(`count-selected(.) >= ${v.minCount}`);
        if (typeof v.maxCount === "number") parts.push(`count-selected(.) <= ${v.maxCount}`);
      } else {
        this.lost.push({ name, message: `The “${String(v.type)}” check has no XLSForm equivalent.` });
      }
    }
    if (parts.length) {
      row.constraint = parts.length === 1 ? (parts[0] as string) : parts.map((p) => `(${p})`).join(" and ");
      this.text(row, "constraint_message", message);
    }
  }

  private writeChoices(list: string, choices: unknown, row: Partial<Record<string, string>>): void {
    const filters: string[] = [];
    let anyFilter = false;
    for (const c of Array.isArray(choices) ? choices : []) {
      const item: Json = isObject(c) ? c : { value: c };
      const value = String(item.value ?? "");
      const r: Partial<Record<string, string>> = {};
      this.text(r, "label", item.text);
      this.choices.push({ list, value, texts: r });
      if (typeof item.visibleIf === "string") {
        anyFilter = true;
        const x = this.xpath(item.visibleIf, null, list, "choice condition");
        filters.push(x === undefined ? `name = '${value}'` : `(name = '${value}' and (${x}))`);
      } else filters.push(`name = '${value}'`);
    }
    if (anyFilter) row.choice_filter = filters.join(" or ");
  }
}

/** Alongside's own settings in words for the people who read the export report. */
const SETTING_WORDS: Record<string, string> = {
  outcome: "Which outcome a question measures",
  indicator: "Whether a higher answer is better",
  sensitive: "The mark for sensitive questions",
  locked: "The lock on licensed wording",
  licence: "The licence note",
  minRateDescription: "The label at the low end of a scale",
  maxRateDescription: "The label at the high end of a scale",
  otherText: "The wording of the “Other” choice",
  min: "A lowest allowed value",
  max: "A highest allowed value",
  visible: "Hiding a question",
  enableIf: "A condition for answering",
  showQuestionNumbers: "Numbering of questions",
  completedHtml: "The closing message",
};

function textOf(value: unknown): string {
  if (typeof value === "string") return value;
  if (isObject(value) && typeof value.default === "string") return value.default;
  return "";
}

/** `{name}` and `{panel.name}` in a text show an answer: `${name}` in XLSForm. */
function fromPiping(text: string): string {
  return text.replace(/(?<!\$)\{(?:panel\.|parentpanel\.)?([A-Za-z_][A-Za-z0-9_.-]*)\}/g, "${$1}");
}

function unescapeHtml(text: string): string {
  return text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}

function mapValues(o: Json, f: (s: string) => string): Json {
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, typeof v === "string" ? f(v) : v]));
}
