import type { Question } from "survey-core";
import type { AnswerIssue } from "../contract/sync.ts";

/**
 * The checks survey-core skips, on what one question accepts as a value: survey-core quietly ignores a
 * value outside the choices, and does not flag an out-of-range rating, a malformed date or a boolean
 * that is not a boolean; a stored interview must not carry those unnoticed.
 *
 * What a question accepts is read once from its survey-core Question (`answerField`), so the same
 * checks serve validation through a Model and the compiled plan (validation-plan.ts) alike.
 */
export interface AnswerField {
  valueName: string;
  type: string;
  /** Every value a choice question accepts, its built-in items ("other", "none", …) included. */
  choices?: ReadonlySet<unknown>;
  /** A rating's own scale values, when it lists them. */
  rateValues?: readonly unknown[];
  scale?: { min: number; max: number; step: number };
  yes?: unknown;
  no?: unknown;
  inputType?: string;
  maxLength?: number;
  rows?: ReadonlySet<string>;
  columns?: ReadonlySet<unknown>;
  /** Choices survey-core takes from elsewhere (a URL): any value is accepted, as the server cannot know them. */
  anyChoice?: boolean;
  /** "Other" stored as the typed text itself (`storeOthersAsComment: false`): any text is accepted too. */
  otherAsText?: boolean;
  /** Choices with a comment box of their own (`showCommentArea` on the choice). */
  commentChoices?: ReadonlySet<unknown>;
  /** A choice question that takes a list of choices (checkbox, tag box, ranking, image picker with `multiSelect`). */
  multiple?: boolean;
  /**
   * A multiple choice that keeps each chosen item as an object, the choice under this key
   * (`valuePropertyName`): `[{ service: "gp" }]`. A dynamic panel sharing its value name adds its own
   * answers to each item (`sharedValueFields`).
   */
  valueProperty?: string;
  /** A matrix of dropdowns or a dynamic matrix: what each column's cell accepts, by column name. */
  cells?: ReadonlyMap<string, AnswerField>;
  /** A dynamic panel: what each question of one panel accepts, by value name. */
  panel?: ReadonlyMap<string, AnswerField>;
  /** A multiple-text question: what each item accepts, by item name. */
  items?: ReadonlyMap<string, AnswerField>;
}

type QuestionProps = Question & {
  choices?: { value: unknown }[];
  visibleChoices?: { value: unknown }[];
  choicesFromQuestion?: string;
  choicesByUrl?: { url?: string; path?: string };
  storeOthersAsComment?: boolean | "default";
  rowCount?: number;
  visibleRows?: { rowName?: unknown; cells: { column: { name: string }; question: Question }[] }[];
  template?: { questions: Question[] };
  items?: { name: string; editor: Question }[];
  cellType?: string;
  showOtherItem?: boolean;
  multiSelect?: boolean;
  valuePropertyName?: string;
  showNoneItem?: boolean;
  showRefuseItem?: boolean;
  showDontKnowItem?: boolean;
  otherItem?: { value: unknown };
  noneItem?: { value: unknown };
  refuseItem?: { value: unknown };
  dontKnowItem?: { value: unknown };
  rateValues?: { value: unknown }[];
  rateMin?: number;
  rateMax?: number;
  rateStep?: number;
  valueTrue?: unknown;
  valueFalse?: unknown;
  inputType?: string;
  maxLength?: number;
  rows?: { value: unknown }[];
  columns?: { value: unknown }[];
};

const MULTIPLE_CHOICE = new Set(["checkbox", "tagbox", "ranking"]);

export function answerField(question: Question): AnswerField {
  const q = question as QuestionProps;
  const field: AnswerField = { valueName: question.getValueName(), type: question.getType() };
  switch (field.type) {
    case "radiogroup":
    case "dropdown":
    case "imagepicker":
    case "checkbox":
    case "tagbox":
    case "ranking":
      field.choices = choiceValues(q);
      field.multiple =
        MULTIPLE_CHOICE.has(field.type) || (field.type === "imagepicker" && q.multiSelect === true);
      field.commentChoices = commentChoices(q);
      if (q.valuePropertyName && field.multiple) {
        field.valueProperty = q.valuePropertyName;
        // survey-core keeps "Other" as the words typed, under the same key: `{ service: "…" }`.
        if (q.showOtherItem) field.otherAsText = true;
      }
      if (q.choicesByUrl?.url) field.anyChoice = true;
      if (q.showOtherItem && q.storeOthersAsComment === false) field.otherAsText = true;
      break;
    case "rating":
      if (q.rateValues && q.rateValues.length > 0) field.rateValues = q.rateValues.map((r) => r.value);
      else field.scale = { min: q.rateMin ?? 1, max: q.rateMax ?? 5, step: q.rateStep ?? 1 };
      break;
    case "boolean":
      field.yes = q.valueTrue ?? true;
      field.no = q.valueFalse ?? false;
      break;
    case "text":
      field.inputType = String(q.inputType ?? "text");
      field.maxLength = Number(q.maxLength ?? 0);
      break;
    case "comment":
      field.maxLength = Number(q.maxLength ?? 0);
      break;
    case "matrix":
      field.rows = new Set((q.rows ?? []).map((r) => String(r.value)));
      field.columns = new Set((q.columns ?? []).map((c) => c.value));
      // A grid of tick boxes (`cellType: "checkbox"`) keeps each row's answer as a list of columns.
      if (q.cellType === "checkbox") field.multiple = true;
      break;
    case "matrixdropdown":
      field.rows = new Set((q.rows ?? []).map((r) => String(r.value)));
      field.cells = cellFields(q);
      break;
    case "matrixdynamic":
      field.cells = cellFields(q);
      break;
    case "paneldynamic":
      field.panel = new Map(
        (q.template?.questions ?? []).map((inner) => [inner.getValueName(), answerField(inner)]),
      );
      break;
    case "multipletext":
      field.items = new Map((q.items ?? []).map((item) => [item.name, answerField(item.editor)]));
      break;
  }
  return field;
}

/**
 * What each column's cells accept, read from the cells survey-core builds (they carry the matrix's own
 * choices where a column has none). A dynamic matrix without rows has no cells: one is added to read
 * them, on the Model built for this and never used to validate an interview before.
 */
function cellFields(q: QuestionProps): Map<string, AnswerField> {
  const cells = new Map<string, AnswerField>();
  let rows = q.visibleRows ?? [];
  if (rows.length === 0 && q.getType() === "matrixdynamic") {
    const dynamic = q as QuestionProps & { addRow(): void };
    dynamic.addRow();
    rows = q.visibleRows ?? [];
  }
  for (const cell of rows[0]?.cells ?? []) cells.set(cell.column.name, answerField(cell.question));
  // A row's detail panel (`detailElements`) keeps its answers in the row, beside the columns'.
  const detail = (q as QuestionProps & { detailPanel?: { questions: Question[] } }).detailPanel;
  for (const inner of detail?.questions ?? []) {
    const name = inner.getValueName();
    if (!cells.has(name)) cells.set(name, answerField(inner));
  }
  return cells;
}

/**
 * The choices with a comment box of their own. survey-core keeps a choice's comment beside it:
 * `{ value, comment }` for a single choice, and for a multiple choice every chosen item as `{ value }`,
 * with `comment` where one was typed.
 */
function commentChoices(q: QuestionProps): Set<unknown> | undefined {
  const commented = (q.choices ?? []).filter((c) => (c as { showCommentArea?: boolean }).showCommentArea);
  return commented.length > 0 ? new Set(commented.map((c) => c.value)) : undefined;
}

function choiceValues(q: QuestionProps, depth = 0): Set<unknown> {
  const values = new Set<unknown>();
  for (const choice of q.choices ?? []) values.add(choice.value);
  // Choices survey-core makes itself (a dropdown's choicesMin…choicesMax) are among the visible ones.
  for (const choice of q.visibleChoices ?? []) values.add(choice.value);
  // Choices carried forward from another question: every choice that question can show (its own
  // carried-forward ones too); which of them are offered depends on its answer, so all are accepted.
  const source = q.choicesFromQuestion ? q.survey?.getQuestionByName(q.choicesFromQuestion) : undefined;
  if (source && depth < 10)
    for (const value of choiceValues(source as QuestionProps, depth + 1)) values.add(value);
  if (q.showOtherItem && q.otherItem) values.add(q.otherItem.value);
  if (q.showNoneItem && q.noneItem) values.add(q.noneItem.value);
  if (q.showRefuseItem && q.refuseItem) values.add(q.refuseItem.value);
  if (q.showDontKnowItem && q.dontKnowItem) values.add(q.dontKnowItem.value);
  return values;
}

/**
 * The issues with the keys and values of `data` themselves: keys that are no question of the version,
 * comments that are not text, values a question cannot take. In the order of the keys.
 */
export function valueIssues(
  fields: ReadonlyMap<string, AnswerField>,
  data: Record<string, unknown>,
): AnswerIssue[] {
  const issues: AnswerIssue[] = [];
  for (const [key, value] of Object.entries(data)) {
    const field = fields.get(key) ?? commentOwner(fields, key);
    if (!field) {
      issues.push({ question: key, message: "This is not a question in this survey version." });
      continue;
    }
    if (field.valueName !== key) {
      if (typeof value !== "string") issues.push({ question: key, message: "A comment must be text." });
      continue;
    }
    if (value === null || value === undefined) continue;
    if (!field.cells && !field.panel && !field.items) {
      // A flat question (most of them): no path to build.
      const problem = checkValue(field, value);
      if (problem) issues.push({ question: key, message: problem });
      continue;
    }
    for (const problem of checkNested(field, value, [])) {
      issues.push(
        problem.path.length > 0
          ? { question: key, message: problem.message, path: joinPath(key, problem.path) }
          : { question: key, message: problem.message },
      );
    }
  }
  return issues;
}

type Step = string | number;
interface Problem {
  path: Step[];
  message: string;
}

/** `household[1].age`, `support.staff` */
export function joinPath(question: string, steps: readonly Step[]): string {
  let path = question;
  for (const step of steps) path += typeof step === "number" ? `[${step}]` : `.${step}`;
  return path;
}

/** The problems with one value, its nested values included, each with where inside it. */
function checkNested(field: AnswerField, value: unknown, path: Step[]): Problem[] {
  if (field.cells && field.type === "matrixdropdown") return checkMatrixDropdown(field, value, path);
  if (field.cells) return checkMatrixDynamic(field, value, path);
  if (field.panel) return checkPanels(field.panel, value, path);
  if (field.items) return checkItems(field.items, value, path);
  const problem = checkValue(field, value);
  return problem ? [{ path, message: problem }] : [];
}

/**
 * A single choice answered with the comment box of the chosen choice, as survey-core stores it:
 * `{ value: "hostel", comment: "…" }` (only those two keys, the comment text).
 */
export function isCommentedChoice(value: unknown): value is { value: unknown; comment?: string } {
  if (!isRecord(value) || !("value" in value)) return false;
  const keys = Object.keys(value);
  return (
    keys.every((k) => k === "value" || k === "comment") &&
    (value.comment === undefined || typeof value.comment === "string")
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The keys of one row, panel or item set, each checked by its own field. */
function checkKeys(
  fields: ReadonlyMap<string, AnswerField>,
  value: Record<string, unknown>,
  path: Step[],
  unknown: (key: string) => string,
): Problem[] {
  const problems: Problem[] = [];
  for (const [key, inner] of Object.entries(value)) {
    const here = [...path, key];
    const field = fields.get(key) ?? commentOwner(fields, key);
    if (!field) problems.push({ path: here, message: unknown(key) });
    else if (field.valueName !== key) {
      if (typeof inner !== "string") problems.push({ path: here, message: "A comment must be text." });
    } else if (inner !== null && inner !== undefined) problems.push(...checkNested(field, inner, here));
  }
  return problems;
}

function checkMatrixDropdown(field: AnswerField, value: unknown, path: Step[]): Problem[] {
  if (!isRecord(value)) return [{ path, message: `Expected an answer per row, got ${kindOfAnswer(value)}.` }];
  const problems: Problem[] = [];
  for (const [row, cells] of Object.entries(value)) {
    const here = [...path, row];
    if (!field.rows?.has(row))
      problems.push({ path: here, message: `${describe(row)} is not a row of this question.` });
    else if (cells === null || cells === undefined) continue;
    else if (!isRecord(cells))
      problems.push({ path: here, message: `Expected an answer per column, got ${kindOfAnswer(cells)}.` });
    else
      problems.push(
        ...checkKeys(
          cellsByName(field),
          cells,
          here,
          (k) => `${describe(k)} is not a column of this question.`,
        ),
      );
  }
  return problems;
}

function checkMatrixDynamic(field: AnswerField, value: unknown, path: Step[]): Problem[] {
  if (!Array.isArray(value))
    return [{ path, message: `Expected a list of rows, got ${kindOfAnswer(value)}.` }];
  const problems: Problem[] = [];
  value.forEach((row, index) => {
    const here = [...path, index];
    if (row === null || row === undefined) return;
    if (!isRecord(row))
      problems.push({ path: here, message: `Expected an answer per column, got ${kindOfAnswer(row)}.` });
    else
      problems.push(
        ...checkKeys(
          cellsByName(field),
          row,
          here,
          (k) => `${describe(k)} is not a column of this question.`,
        ),
      );
  });
  return problems;
}

function checkPanels(fields: ReadonlyMap<string, AnswerField>, value: unknown, path: Step[]): Problem[] {
  if (!Array.isArray(value))
    return [{ path, message: `Expected a list of panels, got ${kindOfAnswer(value)}.` }];
  const problems: Problem[] = [];
  value.forEach((panel, index) => {
    const here = [...path, index];
    // survey-core reads every panel of the list: an empty place in it is no panel (it throws on one).
    if (!isRecord(panel))
      problems.push({
        path: here,
        message: `Expected the answers of one panel, got ${kindOfAnswer(panel)}.`,
      });
    else problems.push(...checkKeys(fields, panel, here, () => "This is not a question in this panel."));
  });
  return problems;
}

function checkItems(fields: ReadonlyMap<string, AnswerField>, value: unknown, path: Step[]): Problem[] {
  if (!isRecord(value))
    return [{ path, message: `Expected an answer per item, got ${kindOfAnswer(value)}.` }];
  return checkKeys(fields, value, path, (k) => `${describe(k)} is not an item of this question.`);
}

/** A matrix's cell fields keyed as a row's value keys them (by column name). */
function cellsByName(field: AnswerField): ReadonlyMap<string, AnswerField> {
  return field.cells ?? new Map();
}

/**
 * What one value name accepts when two questions share it (`valueName`). The SurveyJS pattern of a
 * multiple choice kept as objects (`valuePropertyName`) and a dynamic panel of the same value name,
 * one panel per chosen item: each panel holds the item's choice beside the panel's answers, and the
 * choice is checked as the multiple choice's. Otherwise the first question's check stands.
 */
export function sharedValueFields(first: AnswerField, second: AnswerField): AnswerField {
  const [list, panel] = first.panel ? [second, first] : [first, second];
  const { valueProperty, ...choices } = list;
  if (!panel.panel || valueProperty === undefined) return first;
  const choice: AnswerField = { ...choices, valueName: valueProperty, type: "radiogroup", multiple: false };
  return { ...panel, panel: new Map([...panel.panel, [valueProperty, choice]]) };
}

export const COMMENT_SUFFIX = "-Comment";

/** `q1-Comment` holds the free text of a question's "other" choice or comment box. */
function commentOwner(fields: ReadonlyMap<string, AnswerField>, key: string): AnswerField | undefined {
  if (!key.endsWith(COMMENT_SUFFIX)) return undefined;
  return fields.get(key.slice(0, -COMMENT_SUFFIX.length));
}

/**
 * What kind of value an answer is, for a message in its place: never the answer itself. Check messages
 * go back to the tablet, which keeps them in its outbox after it has forgotten the answers, and are
 * read by people who may not read the answer (issue 13 probe: the participant's words must not be in
 * them). The data manager reads the answer itself on the review page.
 */
function kindOfAnswer(value: unknown): string {
  if (typeof value === "string") return "text";
  if (typeof value === "number") return "a number";
  if (typeof value === "boolean") return "yes or no";
  if (Array.isArray(value)) return "a list";
  if (value === null) return "nothing";
  return typeof value === "object" ? "a set of answers" : "something else";
}

/** A key of the answers (a row, column or item name from the tablet's structure), quoted for a message. */
function describe(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/;

function isCalendarDate(text: string): boolean {
  const match = DATE.exec(text);
  if (!match) return false;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

function checkText(field: AnswerField, value: unknown): string | undefined {
  switch (field.inputType) {
    case "number":
    case "range":
      return typeof value === "number" && Number.isFinite(value)
        ? undefined
        : `Expected a number, got ${kindOfAnswer(value)}.`;
    case "date":
      return typeof value === "string" && isCalendarDate(value)
        ? undefined
        : "Not a valid date: expected year-month-day.";
    case "time":
      return typeof value === "string" && TIME.test(value)
        ? undefined
        : "Not a valid time: expected hours and minutes.";
    case "datetime-local": {
      if (typeof value !== "string") return "Not a valid date and time.";
      const [day, time] = value.split("T");
      return day && time && isCalendarDate(day) && TIME.test(time) ? undefined : "Not a valid date and time.";
    }
    default:
      return checkString(field, value);
  }
}

function checkString(field: AnswerField, value: unknown): string | undefined {
  if (typeof value !== "string") return `Expected text, got ${kindOfAnswer(value)}.`;
  const maxLength = field.maxLength ?? 0;
  if (maxLength > 0 && value.length > maxLength) return `Longer than ${maxLength} characters.`;
  return undefined;
}

/** Whether one value (or one item of a list) is a choice the question offers. */
function isOffered(field: AnswerField, value: unknown): boolean {
  if (field.anyChoice || field.choices?.has(value)) return true;
  // A question with comment boxes on its choices keeps a chosen item as `{ value, comment }`; in a
  // list every item is `{ value }`, those without a comment box too. A comment needs a box to be in.
  if (isCommentedChoice(value) && field.commentChoices) {
    const boxes = value.comment === undefined ? field.choices : field.commentChoices;
    return boxes?.has(value.value) === true;
  }
  return field.otherAsText === true && typeof value === "string";
}

function checkChoices(field: AnswerField, value: unknown): string | undefined {
  if (!Array.isArray(value)) return `Expected a list of choices, got ${kindOfAnswer(value)}.`;
  const property = field.valueProperty;
  const items = property === undefined ? value : value.map((v) => (isRecord(v) ? v[property] : undefined));
  const wrong = items.filter((v) => !isOffered(field, v));
  if (wrong.length > 0)
    return `${wrong.length === 1 ? "One answer is" : `${wrong.length} answers are`} not among the choices.`;
  const chosen = items.map((v) => (isCommentedChoice(v) ? v.value : v));
  if (new Set(chosen).size !== chosen.length) return "The same choice is given twice.";
  return undefined;
}

function checkValue(field: AnswerField, value: unknown): string | undefined {
  if (field.multiple && field.type !== "matrix") return checkChoices(field, value);
  switch (field.type) {
    case "radiogroup":
    case "dropdown":
    case "imagepicker":
      return isOffered(field, value) ? undefined : "This answer is not one of the choices.";
    case "rating":
      return checkRating(field, value);
    case "boolean":
      return value === field.yes || value === field.no
        ? undefined
        : `Expected yes or no, got ${kindOfAnswer(value)}.`;
    case "text":
      return checkText(field, value);
    case "comment":
      return checkString(field, value);
    case "matrix":
      return checkMatrix(field, value);
    case "file":
      return checkFiles(value);
    case "signaturepad":
      return typeof value === "string" ? undefined : `Expected a picture, got ${kindOfAnswer(value)}.`;
    case "slider":
      return isNumber(value) || (Array.isArray(value) && value.every(isNumber))
        ? undefined
        : `Expected a number, got ${kindOfAnswer(value)}.`;
    case "expression":
      // Worked out by survey-core on the tablet: a plain value or a list of them.
      return isPlain(value) || (Array.isArray(value) && value.every(isPlain))
        ? undefined
        : `Expected a worked-out value, got ${kindOfAnswer(value)}.`;
    case "html":
    case "image":
      return "This item does not take an answer.";
    default:
      return undefined;
  }
}

const isNumber = (value: unknown): boolean => typeof value === "number" && Number.isFinite(value);
const isPlain = (value: unknown): boolean =>
  typeof value === "string" || typeof value === "boolean" || isNumber(value);

/** A file question's value as survey-core keeps it: a list of `{ name, type, content }`, each text. */
const FILE_KEYS = new Set(["name", "type", "content"]);
function checkFiles(value: unknown): string | undefined {
  if (!Array.isArray(value)) return `Expected a list of files, got ${kindOfAnswer(value)}.`;
  const fits = value.every(
    (file) =>
      isRecord(file) && Object.entries(file).every(([k, v]) => FILE_KEYS.has(k) && typeof v === "string"),
  );
  return fits ? undefined : "Expected each file as its name, type and content.";
}

function checkRating(field: AnswerField, value: unknown): string | undefined {
  if (field.rateValues) {
    return field.rateValues.some((r) => r === value) ? undefined : "This answer is not on the scale.";
  }
  const { min, max, step } = field.scale ?? { min: 1, max: 5, step: 1 };
  if (typeof value !== "number" || !Number.isFinite(value))
    return `Expected a number on the scale, got ${kindOfAnswer(value)}.`;
  if (value < min || value > max) return `${value} is outside the scale ${min}–${max}.`;
  const offset = (value - min) / step;
  if (Math.abs(offset - Math.round(offset)) > 1e-9) return `${value} is not a point on the scale.`;
  return undefined;
}

function checkMatrix(field: AnswerField, value: unknown): string | undefined {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return `Expected an answer per row, got ${kindOfAnswer(value)}.`;
  }
  for (const [row, answer] of Object.entries(value)) {
    if (!field.rows?.has(row)) return `${describe(row)} is not a row of this question.`;
    const ticked = field.multiple && Array.isArray(answer) ? answer : [answer];
    if (!ticked.every((a) => field.columns?.has(a)))
      return `The answer for row ${describe(row)} is not a column of this question.`;
    if (new Set(ticked).size !== ticked.length) return "The same choice is given twice.";
  }
  return undefined;
}
