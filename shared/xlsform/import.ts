import { isConstant, substituteAndFold } from "./fold.ts";
import {
  type ImportReport,
  type RowNote,
  readRecords,
  type SheetRecord,
  type SheetRows,
  type XlsformSheets,
} from "./sheets.ts";
import { SURVEY_COLUMNS } from "./survey-columns.ts";
import { type ExpressionContext, toSurveyJs, Untranslatable } from "./to-surveyjs.ts";
import { parseXPath, referencedNames, XPathError, type XPathNode } from "./xpath.ts";

/**
 * XLSForm → SurveyJS JSON. Pure: takes the sheets as plain rows (see `sheets.ts`) and returns the
 * survey and a report that accounts for every row. Names are kept as they are in the form, so data
 * collected elsewhere lines up. See docs/decisions/0029-xlsform.md for the mapping and its limits.
 */

type Json = Record<string, unknown>;
type Localised = string | Record<string, string>;

export interface XlsformImport {
  survey: Json;
  /** `settings.form_id`, if any: the id the form had elsewhere. */
  formId: string | null;
  /** `settings.version`, if any. */
  version: string | null;
  report: ImportReport;
}

/** A form that cannot be read at all: no survey sheet, or nothing in it. */
export class XlsformError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "XlsformError";
  }
}

/** Integer questions carry this pattern so a whole number is required (and export knows them again). */
export const INTEGER_PATTERN = "^-?[0-9]+$";
export const INTEGER_MESSAGE = "Enter a whole number.";
export const MAX_SURVEY_ROWS = 5000;
export const MAX_CHOICE_ROWS = 20000;

const QUESTION_TYPES = new Set([
  "text",
  "integer",
  "decimal",
  "select_one",
  "select_multiple",
  "rank",
  "date",
  "time",
  "datetime",
  "note",
  "acknowledge",
  "range",
  "calculate",
  "hidden",
]);

const METADATA = new Set([
  "start",
  "end",
  "today",
  "deviceid",
  "subscriberid",
  "simserial",
  "phonenumber",
  "username",
  "email",
  "audit",
  "start-geopoint",
  "background-geopoint",
]);
const MEDIA = new Set([
  "image",
  "audio",
  "video",
  "file",
  "barcode",
  "geopoint",
  "geotrace",
  "geoshape",
  "background-audio",
  "xml-external",
  "csv-external",
]);

const KNOWN_COLUMNS: ReadonlySet<string> = new Set(SURVEY_COLUMNS);
const LOCALISED_COLUMNS = new Set(["label", "hint", "required_message", "constraint_message"]);

interface Row {
  record: SheetRecord;
  type: string;
  /** The list name of a select/rank, the file of select_one_from_file. */
  argument: string;
  orOther: boolean;
  name: string;
  /** Innermost repeat the row sits in (its name), or null. */
  repeat: string | null;
  /** The chain of repeats, outermost first. */
  repeats: string[];
}

interface Choice {
  record: SheetRecord;
  name: string;
}

interface Languages {
  /** Column suffix (after `label::`) → locale key ("default" for the main language). */
  keys: Map<string, string>;
}

function parseType(text: string): { type: string; argument: string; orOther: boolean } {
  const parts = text.trim().split(/\s+/);
  let type = (parts[0] ?? "").toLowerCase();
  let rest = parts.slice(1);
  if ((type === "begin" || type === "end" || type === "select") && rest[0]) {
    type = `${type}_${(rest[0] ?? "").toLowerCase()}`;
    rest = rest.slice(1);
  }
  if (type === "select_one_external") type = "select_one";
  const orOther = rest[rest.length - 1]?.toLowerCase() === "or_other";
  if (orOther) rest = rest.slice(0, -1);
  return { type, argument: rest.join(" "), orOther };
}

function languageCode(suffix: string): string | null {
  const match = /\(([A-Za-z]{2,3}(?:-[A-Za-z0-9]+)*)\)\s*$/.exec(suffix);
  return match ? (match[1] as string) : null;
}

function yes(value: string | undefined): boolean | null {
  if (value === undefined) return false;
  const v = value.trim().toLowerCase();
  if (["yes", "true", "true()", "1"].includes(v)) return true;
  if (["no", "false", "false()", "0", ""].includes(v)) return false;
  return null;
}

export function convertXlsform(sheets: XlsformSheets): XlsformImport {
  if (!sheets.survey) throw new XlsformError("The file has no sheet named “survey”.");
  if (sheets.survey.length > MAX_SURVEY_ROWS + 1) {
    throw new XlsformError(`The survey sheet has more than ${MAX_SURVEY_ROWS.toLocaleString("en-GB")} rows.`);
  }
  if ((sheets.choices?.length ?? 0) > MAX_CHOICE_ROWS + 1) {
    throw new XlsformError(
      `The choices sheet has more than ${MAX_CHOICE_ROWS.toLocaleString("en-GB")} rows.`,
    );
  }
  return new Importer(sheets).run();
}

class Importer {
  private readonly changed: RowNote[] = [];
  private readonly notConverted: RowNote[] = [];
  private converted = 0;
  private readonly rows: Row[] = [];
  private readonly byName = new Map<string, Row>();
  /** Names whose rows are not in the result: references to them cannot be translated. */
  private readonly dropped = new Set<string>();
  private readonly lists = new Map<string, Choice[]>();
  private languages: Languages = { keys: new Map() };
  private settings = new Map<string, string>();
  private readonly calculations = new Map<string, string>();

  constructor(private readonly sheets: XlsformSheets) {}

  run(): XlsformImport {
    this.readSettings(this.sheets.settings);
    const survey = readRecords(this.sheets.survey as SheetRows);
    if (!survey.headers.includes("type")) throw new XlsformError("The survey sheet has no “type” column.");
    this.readLanguages(survey.headers);
    this.noteUnknownColumns("survey", survey.headers);
    this.readChoices(this.sheets.choices);
    this.collectRows(survey.records);
    this.translateCalculations();
    const body = this.build();
    const title = this.settings.get("form_title") || this.settings.get("form_id") || "Imported form";
    const result: Json = { title, ...body };
    return {
      survey: result,
      formId: this.settings.get("form_id") ?? null,
      version: this.settings.get("version") ?? null,
      report: {
        converted: this.converted,
        changed: this.changed.sort(byRow),
        notConverted: this.notConverted.sort(byRow),
      },
    };
  }

  // ---- settings, languages, choices ----

  private readSettings(rows: SheetRows | undefined): void {
    if (!rows) return;
    const { headers, records } = readRecords(rows);
    const values = records.find((r) => r.cells.size > 0);
    if (!values) return;
    for (const header of headers) {
      const value = values.cells.get(header);
      if (!value) continue;
      this.settings.set(header, value);
      if (!["form_title", "form_id", "version", "default_language"].includes(header)) {
        this.changed.push({
          sheet: "settings",
          row: values.row,
          column: header,
          message: `The setting “${header}” has no equivalent here and is not carried over.`,
        });
      }
    }
  }

  private readLanguages(headers: string[]): void {
    const suffixes = new Set<string>();
    let plain = false;
    for (const h of headers) {
      const [base, suffix] = h.split("::");
      if (!base || !LOCALISED_COLUMNS.has(base)) continue;
      if (suffix === undefined) plain = true;
      else suffixes.add(suffix);
    }
    const preferred = this.settings.get("default_language");
    let main: string | null = null;
    if (preferred && suffixes.has(preferred)) main = preferred;
    else if (!plain && suffixes.size > 0) {
      main = [...suffixes][0] as string;
      this.changed.push({
        sheet: "survey",
        row: 1,
        message: `The form names no default language; “${main}” is used as the main language.`,
      });
    }
    for (const suffix of suffixes) {
      if (suffix === main) {
        this.languages.keys.set(suffix, "default");
        continue;
      }
      const code = languageCode(suffix);
      if (code) this.languages.keys.set(suffix, code);
      else {
        this.notConverted.push({
          sheet: "survey",
          row: 1,
          column: `label::${suffix}`,
          message: `The language “${suffix}” has no language code such as “(pl)”, so its texts are not carried over.`,
        });
      }
    }
  }

  private noteUnknownColumns(sheet: "survey", headers: string[]): void {
    for (const h of headers) {
      if (!h) continue;
      const base = h.split("::")[0] as string;
      if (!KNOWN_COLUMNS.has(base)) {
        this.notConverted.push({
          sheet,
          row: 1,
          column: h,
          message: `The column “${h}” has no equivalent here; its cells are not carried over.`,
        });
      }
    }
  }

  private readChoices(rows: SheetRows | undefined): void {
    if (!rows) return;
    const { records } = readRecords(rows);
    for (const record of records) {
      if (record.cells.size === 0) continue;
      const list = record.cells.get("list_name");
      const name = record.cells.get("name");
      if (!list || !name) {
        this.notConverted.push({
          sheet: "choices",
          row: record.row,
          message: `This choice has no ${list ? "name" : "list_name"}, so it is left out.`,
        });
        continue;
      }
      const choices = this.lists.get(list) ?? [];
      if (choices.some((c) => c.name === name)) {
        this.notConverted.push({
          sheet: "choices",
          row: record.row,
          name,
          message: `The list “${list}” already has a choice “${name}”; this one is left out.`,
        });
        continue;
      }
      choices.push({ record, name });
      this.lists.set(list, choices);
    }
  }

  private localised(record: SheetRecord, column: string, repeat: Row | null): Localised | undefined {
    const out: Record<string, string> = {};
    const plain = record.cells.get(column);
    if (plain) out.default = plain;
    for (const [suffix, key] of this.languages.keys) {
      const text = record.cells.get(`${column}::${suffix}`);
      if (text && !(key === "default" && out.default)) out[key] = text;
    }
    for (const key of Object.keys(out)) out[key] = this.pipe(out[key] as string, repeat, record);
    const keys = Object.keys(out);
    if (keys.length === 0) return undefined;
    if (keys.length === 1 && keys[0] === "default") return out.default;
    if (!out.default) out.default = out[keys[0] as string] as string;
    return out;
  }

  /** `${name}` in a text shows an answer: `{name}` in SurveyJS. */
  private pipe(text: string, at: Row | null, record: SheetRecord): string {
    return text.replace(/\$\{\s*([A-Za-z_][A-Za-z0-9_.-]*)\s*\}/g, (whole, name: string) => {
      try {
        return this.reference(name, at).written;
      } catch {
        this.changed.push({
          sheet: "survey",
          row: record.row,
          expression: whole,
          message: `The text shows “${whole}”, which refers to nothing in the form; it is left as written.`,
        });
        return whole;
      }
    });
  }

  // ---- rows ----

  private collectRows(records: SheetRecord[]): void {
    const stack: { kind: "group" | "repeat"; row: Row }[] = [];
    for (const record of records) {
      const typeText = record.cells.get("type");
      if (!typeText) {
        if (record.cells.size > 0) {
          this.notConverted.push({ sheet: "survey", row: record.row, message: "This row has no type." });
        }
        continue;
      }
      const { type, argument, orOther } = parseType(typeText);
      const name = record.cells.get("name") ?? "";
      const repeats = stack.filter((s) => s.kind === "repeat").map((s) => s.row.name);
      const row: Row = { record, type, argument, orOther, name, repeat: repeats.at(-1) ?? null, repeats };
      if (type === "end_group" || type === "end_repeat") {
        const kind = type === "end_group" ? "group" : "repeat";
        const open = stack.at(-1);
        if (!open) {
          this.notConverted.push({
            sheet: "survey",
            row: record.row,
            message: `This “${typeText}” closes nothing: no group or repeat is open here.`,
          });
          continue;
        }
        if (open.kind !== kind) {
          this.changed.push({
            sheet: "survey",
            row: record.row,
            message: `This “${typeText}” closes the ${open.kind} “${open.row.name}” (row ${open.row.record.row}).`,
          });
        }
        stack.pop();
        this.rows.push({ ...row, type: open.kind === "group" ? "end_group" : "end_repeat" });
        this.converted += 1;
        continue;
      }
      if (!this.admit(row)) continue;
      this.rows.push(row);
      if (type === "begin_group" || type === "begin_repeat") {
        stack.push({ kind: type === "begin_group" ? "group" : "repeat", row });
      }
    }
    for (const open of stack.reverse()) {
      this.changed.push({
        sheet: "survey",
        row: open.row.record.row,
        name: open.row.name,
        message: `The ${open.kind} “${open.row.name}” is never closed; it is closed at the end of the form.`,
      });
      this.rows.push({ ...open.row, type: open.kind === "group" ? "end_group" : "end_repeat" });
    }
  }

  /** Whether a row can be converted at all; records why not. */
  private admit(row: Row): boolean {
    const { record, type, name } = row;
    const refuse = (message: string): false => {
      this.notConverted.push({ sheet: "survey", row: record.row, ...(name ? { name } : {}), message });
      if (name) this.dropped.add(name);
      return false;
    };
    if (METADATA.has(type)) {
      return refuse(`“${type}” is recorded automatically by ODK; Alongside records when and by whom itself.`);
    }
    if (MEDIA.has(type)) return refuse(`“${type}” questions have no equivalent here.`);
    if (type === "select_one_from_file" || type === "select_multiple_from_file") {
      return refuse(
        `The choices come from the file “${row.argument}”, which is not in the spreadsheet; add them in the editor.`,
      );
    }
    if (!QUESTION_TYPES.has(type) && type !== "begin_group" && type !== "begin_repeat") {
      return refuse(`The type “${record.cells.get("type")}” is not known.`);
    }
    if (!name && type !== "begin_group") return refuse("This row has no name.");
    const existing = name ? this.byName.get(name) : undefined;
    if (existing) return refuse(`The name “${name}” is already used on row ${existing.record.row}.`);
    if (
      (type === "select_one" || type === "select_multiple" || type === "rank") &&
      !this.lists.has(row.argument)
    ) {
      return refuse(
        this.sheets.choices
          ? `The choice list “${row.argument}” is not in the choices sheet.`
          : `The form has no choices sheet, so the list “${row.argument}” does not exist.`,
      );
    }
    if (name) this.byName.set(name, row);
    return true;
  }

  // ---- expressions ----

  private reference(name: string, at: Row | null): { written: string; type: string } {
    const target = this.byName.get(name);
    if (!target) throw new Untranslatable(`it refers to \${${name}}, which is not in the form`);
    if (this.dropped.has(name)) throw new Untranslatable(`it refers to \${${name}}, which is not converted`);
    const here = at?.repeats ?? [];
    if (target.repeat === null) return { written: `{${name}}`, type: target.type };
    if (target.repeat === at?.repeat || target.name === at?.repeat) {
      return { written: target.name === at?.repeat ? `{${name}}` : `{panel.${name}}`, type: target.type };
    }
    if (here.length >= 2 && here[here.length - 2] === target.repeat) {
      return { written: `{parentpanel.${name}}`, type: target.type };
    }
    throw new Untranslatable(`it refers to \${${name}}, which is inside a repeat this row is not in`);
  }

  private context(row: Row): ExpressionContext {
    return { self: row.name || null, reference: (name) => this.reference(name, row) };
  }

  private parse(row: Row, column: string, source: string): XPathNode | null {
    try {
      return parseXPath(source);
    } catch (error) {
      if (!(error instanceof XPathError)) throw error;
      this.skip(row, column, source, `it cannot be read: ${error.message} (at character ${error.at + 1})`);
      return null;
    }
  }

  private skip(row: Row, column: string, expression: string, why: string): void {
    this.notConverted.push({
      sheet: "survey",
      row: row.record.row,
      ...(row.name ? { name: row.name } : {}),
      column,
      expression,
      message: `The ${COLUMN_WORDS[column] ?? column} could not be converted: ${why}.`,
    });
  }

  /** The column's expression in SurveyJS, or undefined (and a note) where it cannot be translated. */
  private expression(row: Row, column: string, ctx = this.context(row)): string | undefined {
    const source = row.record.cells.get(column);
    if (!source) return undefined;
    const tree = this.parse(row, column, source);
    if (!tree) return undefined;
    try {
      return toSurveyJs(tree, ctx);
    } catch (error) {
      if (!(error instanceof Untranslatable)) throw error;
      this.skip(row, column, source, error.message);
      return undefined;
    }
  }

  /** Calculations first, in dependency order; cycles and failures make their dependants fail too. */
  private translateCalculations(): void {
    const calcs = this.rows.filter((r) => r.type === "calculate");
    const graph = new Map<string, Set<string>>();
    for (const row of calcs) {
      const source = row.record.cells.get("calculation");
      if (!source) {
        this.refuseRow(row, "A calculate row needs a calculation.");
        continue;
      }
      const tree = this.parse(row, "calculation", source);
      if (!tree) {
        this.dropRow(row);
        continue;
      }
      graph.set(row.name, referencedNames(tree));
    }
    // Cycles: a calculation that reaches itself through others.
    for (const start of graph.keys()) {
      const path = findCycle(start, graph);
      if (path) {
        const row = this.byName.get(start) as Row;
        this.refuseRow(row, `Its calculation is circular: ${path.map((p) => `\${${p}}`).join(" → ")}.`);
      }
    }
    let progress = true;
    while (progress) {
      progress = false;
      for (const row of calcs) {
        if (this.dropped.has(row.name) || this.calculations.has(row.name)) continue;
        const deps = [...(graph.get(row.name) ?? [])].filter((d) => this.byName.get(d)?.type === "calculate");
        if (deps.some((d) => !this.dropped.has(d) && !this.calculations.has(d))) continue;
        const source = row.record.cells.get("calculation") as string;
        try {
          this.calculations.set(row.name, toSurveyJs(parseXPath(source), this.context(row)));
        } catch (error) {
          if (!(error instanceof Untranslatable)) throw error;
          this.skip(row, "calculation", source, error.message);
          this.dropRow(row);
        }
        progress = true;
      }
    }
  }

  private refuseRow(row: Row, message: string): void {
    if (this.dropped.has(row.name)) return;
    this.notConverted.push({
      sheet: "survey",
      row: row.record.row,
      name: row.name,
      ...(row.record.cells.get("calculation") ? { expression: row.record.cells.get("calculation") } : {}),
      message,
    });
    this.dropRow(row);
  }

  private dropRow(row: Row): void {
    this.dropped.add(row.name);
  }

  // ---- building the survey ----

  private build(): Json {
    const pages: Json[] = [];
    const calculatedValues: Json[] = [];
    const usedNames = new Set(this.byName.keys());
    let loose: Json | null = null;
    let pageNumber = 0;
    const loosePage = (): Json[] => {
      if (!loose) {
        let name: string;
        do {
          pageNumber += 1;
          name = `page${pageNumber}`;
        } while (usedNames.has(name));
        usedNames.add(name);
        loose = { name, elements: [] };
        pages.push(loose);
      }
      return loose.elements as Json[];
    };
    // Each open container: where its children go.
    const stack: { element: Json; children: Json[]; row: Row; isPage: boolean }[] = [];
    const target = (): Json[] => stack.at(-1)?.children ?? loosePage();

    for (const row of this.rows) {
      if (row.type === "end_group" || row.type === "end_repeat") {
        const open = stack.pop();
        if (open?.isPage) loose = null;
        continue;
      }
      if (this.dropped.has(row.name) && row.type !== "begin_group") continue;
      if (row.type === "begin_group" || row.type === "begin_repeat") {
        const { element, children, isPage } = this.container(row, stack.length === 0);
        if (isPage) {
          loose = null;
          pages.push(element);
        } else target().push(element);
        stack.push({ element, children, row, isPage });
        this.converted += 1;
        continue;
      }
      if (row.type === "calculate") {
        const expression = this.calculations.get(row.name);
        if (expression === undefined) continue;
        this.converted += 1;
        if (row.repeat === null)
          calculatedValues.push({ name: row.name, expression, includeIntoResult: true });
        else target().push({ type: "expression", name: row.name, expression, visible: false });
        continue;
      }
      const element = this.question(row);
      if (element) {
        target().push(element);
        this.converted += 1;
      }
    }
    return {
      pages: pages.filter((p) => (p.elements as Json[]).length > 0 || p.title),
      ...(calculatedValues.length ? { calculatedValues } : {}),
    };
  }

  private container(row: Row, topLevel: boolean): { element: Json; children: Json[]; isPage: boolean } {
    const { record } = row;
    const children: Json[] = [];
    const appearance = record.cells.get("appearance") ?? "";
    const title = this.localised(record, "label", row);
    const description = this.localised(record, "hint", row);
    const visibleIf = this.expression(row, "relevant", { ...this.context(row), self: null });
    const name = row.name || `group_row${record.row}`;
    if (!row.name) {
      this.changed.push({
        sheet: "survey",
        row: record.row,
        message: `The group has no name; it is called “${name}”.`,
      });
    }
    const common = {
      name,
      ...(title !== undefined ? { title } : {}),
      ...(description !== undefined ? { description } : {}),
      ...(visibleIf ? { visibleIf } : {}),
    };
    if (row.type === "begin_repeat") {
      const element: Json = { type: "paneldynamic", ...common, templateElements: children };
      const count = record.cells.get("repeat_count");
      if (count) this.repeatCount(row, count, element);
      if (appearance) this.unknownAppearance(row, appearance);
      return { element, children, isPage: false };
    }
    const fieldList = appearance.split(/\s+/).includes("field-list");
    const rest = appearance.split(/\s+/).filter((a) => a && a !== "field-list");
    if (rest.length) this.unknownAppearance(row, rest.join(" "));
    if (topLevel && fieldList) return { element: { ...common, elements: children }, children, isPage: true };
    if (fieldList) {
      this.changed.push({
        sheet: "survey",
        row: record.row,
        name,
        message:
          "“field-list” inside another group has no effect here: the group is shown as a section of its page.",
      });
    }
    return { element: { type: "panel", ...common, elements: children }, children, isPage: false };
  }

  private repeatCount(row: Row, count: string, element: Json): void {
    if (/^\d+$/.test(count)) {
      const n = Number(count);
      Object.assign(element, { panelCount: n, minPanelCount: n, maxPanelCount: n });
      return;
    }
    const ref = /^\s*\$\{([A-Za-z_][A-Za-z0-9_.-]*)\}\s*$/.exec(count);
    const target = ref ? this.byName.get(ref[1] as string) : undefined;
    if (
      ref &&
      target &&
      !this.dropped.has(target.name) &&
      target.type !== "calculate" &&
      target.repeat === row.repeat
    ) {
      element.bindings = { panelCount: target.name };
      return;
    }
    this.skip(
      row,
      "repeat_count",
      count,
      "only a number or a question in the form (${name}) can set how many entries there are; people add entries themselves",
    );
  }

  private unknownAppearance(row: Row, appearance: string): void {
    this.changed.push({
      sheet: "survey",
      row: row.record.row,
      ...(row.name ? { name: row.name } : {}),
      column: "appearance",
      message: `The display style “${appearance}” has no equivalent here; it is shown in the standard way.`,
    });
  }

  private question(row: Row): Json | null {
    const { record, type } = row;
    const title = this.localised(record, "label", row);
    const description = this.localised(record, "hint", row);
    const appearances = (record.cells.get("appearance") ?? "").split(/\s+/).filter(Boolean);
    const element: Json = { type: "text", name: row.name };
    const used = new Set<string>();
    const style = (a: string): boolean => {
      if (appearances.includes(a)) used.add(a);
      return appearances.includes(a);
    };

    switch (type) {
      case "text":
        if (style("multiline")) element.type = "comment";
        break;
      case "integer":
        Object.assign(element, { inputType: "number" });
        break;
      case "decimal":
        element.inputType = "number";
        break;
      case "date":
        element.inputType = "date";
        break;
      case "time":
        element.inputType = "time";
        break;
      case "datetime":
        element.inputType = "datetime-local";
        break;
      case "hidden":
        element.visible = false;
        break;
      case "note": {
        element.type = "html";
        const html = this.localised(record, "label", row);
        element.html = typeof html === "object" ? mapValues(html, escapeHtml) : escapeHtml(html ?? "");
        break;
      }
      case "acknowledge":
        Object.assign(element, { type: "boolean", renderAs: "checkbox", valueTrue: "OK" });
        break;
      case "range": {
        element.type = "rating";
        const params = parameters(record.cells.get("parameters") ?? "");
        const start = Number(params.get("start") ?? 1);
        const end = Number(params.get("end") ?? 10);
        const step = Number(params.get("step") ?? 1);
        if (
          ![start, end, step].every(Number.isFinite) ||
          step <= 0 ||
          end < start ||
          (end - start) / step > 100
        ) {
          this.notConverted.push({
            sheet: "survey",
            row: record.row,
            name: row.name,
            column: "parameters",
            message: "The range's start, end and step do not make a scale of at most 100 points.",
          });
          this.dropped.add(row.name);
          return null;
        }
        Object.assign(element, { rateMin: start, rateMax: end, rateStep: step });
        break;
      }
      case "select_one":
      case "select_multiple":
      case "rank":
        this.choices(row, element, style);
        break;
    }
    if (type !== "note") {
      if (title !== undefined) element.title = title;
    }
    if (description !== undefined) element.description = description;
    const unused = appearances.filter((a) => !used.has(a));
    if (unused.length) this.unknownAppearance(row, unused.join(" "));

    const guidance = record.cells.get("guidance_hint");
    if (guidance) element.interviewerNote = guidance;
    this.common(row, element);
    if (type === "integer") {
      const validators = (element.validators as Json[] | undefined) ?? [];
      element.validators = [{ type: "regex", regex: INTEGER_PATTERN, text: INTEGER_MESSAGE }, ...validators];
    }
    return element;
  }

  private choices(row: Row, element: Json, style: (a: string) => boolean): void {
    const list = this.lists.get(row.argument) ?? [];
    const { type } = row;
    if (type === "select_one") {
      element.type = style("minimal") || style("autocomplete") || style("search") ? "dropdown" : "radiogroup";
    } else if (type === "select_multiple") {
      element.type = style("minimal") || style("autocomplete") ? "tagbox" : "checkbox";
    } else element.type = "ranking";
    if (element.type === "radiogroup" || element.type === "checkbox") {
      if (style("likert") || style("horizontal") || style("horizontal-compact")) element.colCount = 0;
      const columns = ["columns-2", "columns-3", "columns-4", "columns-5"].find((c) => style(c));
      if (columns) element.colCount = Number(columns.slice(-1));
    }
    if (row.orOther) {
      element.showOtherItem = true;
      this.changed.push({
        sheet: "survey",
        row: row.record.row,
        name: row.name,
        message: `“Other” is offered; the words typed for it are kept with the answer (as “${row.name}-Comment”), not in a separate “${row.name}_other” question.`,
      });
    }
    const filterSource = row.record.cells.get("choice_filter");
    let filter: XPathNode | null = null;
    if (filterSource) filter = this.parse(row, "choice_filter", filterSource);
    const items: Json[] = [];
    let filterOk = filter !== null;
    for (const choice of list) {
      const text = this.localised(choice.record, "label", row);
      const item: Json = { value: choice.name, ...(text !== undefined ? { text } : {}) };
      if (filter && filterOk) {
        try {
          const folded = substituteAndFold(filter, (column) => {
            const value = column === "name" ? choice.name : choice.record.cells.get(column);
            if (value === undefined) {
              throw new Untranslatable(`the choice “${choice.name}” has nothing in the column “${column}”`);
            }
            return value;
          });
          const constant = isConstant(folded);
          if (constant === false) item.visibleIf = "false";
          else if (constant === null) item.visibleIf = toSurveyJs(folded, this.context(row));
        } catch (error) {
          if (!(error instanceof Untranslatable)) throw error;
          this.skip(row, "choice_filter", filterSource as string, error.message);
          filterOk = false;
        }
      }
      items.push(item);
    }
    if (!filterOk) for (const item of items) delete item.visibleIf;
    element.choices = items;
  }

  /** The columns every question shares: required, relevant, constraint, default, read_only. */
  private common(row: Row, element: Json): void {
    const { record } = row;
    const required = record.cells.get("required");
    const isRequired = yes(required);
    if (isRequired) element.isRequired = true;
    else if (isRequired === null) {
      const requiredIf = this.expression(row, "required");
      if (requiredIf) element.requiredIf = requiredIf;
    }
    const requiredMessage = this.localised(record, "required_message", row);
    if (requiredMessage !== undefined) element.requiredErrorText = requiredMessage;
    const visibleIf = this.expression(row, "relevant");
    if (visibleIf) element.visibleIf = visibleIf;
    const readOnly = yes(record.cells.get("read_only"));
    if (readOnly) element.readOnly = true;
    else if (readOnly === null) {
      this.skip(
        row,
        "read_only",
        record.cells.get("read_only") as string,
        "only “yes” or “no” can be carried",
      );
    }
    const constraint = record.cells.get("constraint");
    if (constraint) {
      const validators = this.constraint(row, constraint);
      if (validators?.length) element.validators = validators;
    }
    const fallback = record.cells.get("default");
    if (fallback !== undefined) this.defaultValue(row, element, fallback);
  }

  private constraint(row: Row, source: string): Json[] | null {
    const tree = this.parse(row, "constraint", source);
    if (!tree) return null;
    const parts: XPathNode[] = [];
    const split = (node: XPathNode): void => {
      if (node.kind === "binary" && node.op === "and") {
        split(node.left);
        split(node.right);
      } else parts.push(node);
    };
    split(tree);
    const text = this.localised(row.record, "constraint_message", row);
    const withText = (v: Json): Json => (text !== undefined ? { ...v, text } : v);
    const validators: Json[] = [];
    const rest: string[] = [];
    try {
      for (const part of parts) {
        const pattern = regexOfSelf(part, row.name);
        if (pattern !== null) validators.push(withText({ type: "regex", regex: pattern }));
        else rest.push(toSurveyJs(part, this.context(row)));
      }
    } catch (error) {
      if (!(error instanceof Untranslatable)) throw error;
      this.skip(row, "constraint", source, error.message);
      return null;
    }
    if (rest.length) {
      const joined = rest.length === 1 ? (rest[0] as string) : rest.map((r) => `(${r})`).join(" and ");
      // XLSForm checks a constraint only on an answer given; survey-core runs it on empty ones too.
      const own = this.reference(row.name, row).written;
      validators.push(withText({ type: "expression", expression: `${own} empty or (${joined})` }));
    }
    return validators;
  }

  private defaultValue(row: Row, element: Json, text: string): void {
    if (/\$\{|\(|^\.$/.test(text)) {
      const expression = this.expression(row, "default");
      if (expression) element.defaultValueExpression = expression;
      return;
    }
    if (row.type === "select_multiple" || row.type === "rank") element.defaultValue = text.split(/\s+/);
    else if (["integer", "decimal", "range"].includes(row.type) && Number.isFinite(Number(text))) {
      element.defaultValue = Number(text);
    } else element.defaultValue = text;
  }
}

const COLUMN_WORDS: Record<string, string> = {
  relevant: "condition for showing it (relevant)",
  constraint: "check on the answer (constraint)",
  calculation: "calculation",
  choice_filter: "choice filter",
  required: "condition for requiring it (required)",
  default: "default",
  read_only: "read-only setting",
  repeat_count: "repeat count",
};

/** `regex(., 'p')` or `regex(${self}, 'p')` → the pattern. */
function regexOfSelf(node: XPathNode, self: string): string | null {
  if (node.kind !== "call" || node.name !== "regex" || node.args.length !== 2) return null;
  const [field, pattern] = node.args as [XPathNode, XPathNode];
  const isSelf = field.kind === "self" || (field.kind === "ref" && field.name === self);
  if (!isSelf || pattern.kind !== "string") return null;
  try {
    new RegExp(pattern.value);
  } catch {
    throw new Untranslatable(`the pattern “${pattern.value}” is not a valid regular expression`);
  }
  return pattern.value;
}

function findCycle(start: string, graph: Map<string, Set<string>>): string[] | null {
  const seen = new Set<string>();
  const walk = (name: string, path: string[]): string[] | null => {
    for (const next of graph.get(name) ?? []) {
      if (next === start) return [...path, next];
      if (seen.has(next) || !graph.has(next)) continue;
      seen.add(next);
      const found = walk(next, [...path, next]);
      if (found) return found;
    }
    return null;
  };
  return walk(start, [start]);
}

function parameters(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of text.split(/[\s;,]+/)) {
    const [key, value] = part.split("=");
    if (key && value !== undefined) out.set(key.trim().toLowerCase(), value.trim());
  }
  return out;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function mapValues(o: Record<string, string>, f: (s: string) => string): Record<string, string> {
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, f(v)]));
}

function byRow(a: RowNote, b: RowNote): number {
  return a.sheet === b.sheet ? a.row - b.row : a.sheet.localeCompare(b.sheet);
}
