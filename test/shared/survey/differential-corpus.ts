import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Model, Question } from "survey-core";
import { createSurveyModel } from "../../../shared/survey/model.ts";

/**
 * The differential suite's corpus (test/fixtures/surveys/corpus/), an answer generator that asks
 * survey-core itself what a question offers, and a mutator that corrupts answer sets anywhere.
 */

export const CORPUS_DIR = join(import.meta.dirname, "../../fixtures/surveys/corpus");

export function corpus(): { name: string; definition: Record<string, unknown> }[] {
  return readdirSync(CORPUS_DIR)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => ({
      name: f.replace(/\.json$/, ""),
      definition: JSON.parse(readFileSync(join(CORPUS_DIR, f), "utf8")),
    }));
}

/** A small seeded random source, so a failing case can be replayed from its seed. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Q = Question & Record<string, unknown>;
const pick = <T>(rnd: () => number, list: readonly T[]): T | undefined =>
  list[Math.floor(rnd() * list.length)];

/** A value survey-core offers for one question (its visible choices, scale, rows…), or undefined to skip. */
function valueFor(question: Question, rnd: () => number): unknown {
  const q = question as Q;
  const values = (list: unknown) => (Array.isArray(list) ? list.map((c: { value: unknown }) => c.value) : []);
  switch (question.getType()) {
    case "radiogroup":
    case "dropdown":
    case "imagepicker":
      return pick(rnd, values(q.visibleChoices));
    case "checkbox":
    case "tagbox": {
      const all = values(q.visibleChoices).filter((v) => v !== "none");
      const max =
        typeof q.maxSelectedChoices === "number" && q.maxSelectedChoices > 0
          ? q.maxSelectedChoices
          : all.length;
      return all.filter(() => rnd() < 0.5).slice(0, max);
    }
    case "ranking":
      return values(q.visibleChoices).sort(() => rnd() - 0.5);
    case "rating":
      return pick(rnd, values(q.visibleRateValues));
    case "boolean":
      return rnd() < 0.5 ? (q.valueTrue ?? true) : (q.valueFalse ?? false);
    case "text": {
      const type = String(q.inputType ?? "text");
      if (type === "number") {
        const min = typeof q.min === "number" ? q.min : 0;
        const max = typeof q.max === "number" ? q.max : 100;
        return Math.round(min + rnd() * (max - min));
      }
      if (type === "date")
        return `20${10 + Math.floor(rnd() * 10)}-0${1 + Math.floor(rnd() * 9)}-1${Math.floor(rnd() * 9)}`;
      if (type === "email") return "someone@example.org";
      if (type === "range") {
        const min = typeof q.min === "number" ? q.min : 0;
        const max = typeof q.max === "number" ? q.max : 100;
        return Math.round(min + rnd() * (max - min));
      }
      const typed: Record<string, string[]> = {
        tel: ["+44 20 7946 0000", "0123"],
        url: ["https://example.org/a"],
        time: ["09:30", "23:05"],
        "datetime-local": ["2024-03-01T09:30"],
        month: ["2024-03"],
        week: ["2024-W10"],
        color: ["#336699"],
        password: ["hunter2"],
      };
      if (typed[type]) return pick(rnd, typed[type]);
      return pick(rnd, ["yes", "A short answer", "42"]);
    }
    case "comment":
      return "Some notes";
    case "file":
      // Metadata only: the content lives elsewhere (storeDataAsText false).
      return [{ name: "photo.jpg", type: "image/jpeg", content: "files/photo-1.jpg" }];
    case "signaturepad":
      return "data:image/png;base64,iVBORw0KGgo=";
    case "matrix": {
      const value: Record<string, unknown> = {};
      const columns = values(q.visibleColumns);
      for (const row of (q.visibleRows as { name: string }[]) ?? [])
        if (rnd() < 0.8) value[row.name] = pick(rnd, columns);
      return value;
    }
    default:
      return undefined;
  }
}

/** Answers a question through survey-core (so its triggers and conditions run), nested ones inside out. */
function answer(question: Question, rnd: () => number, depth: number): void {
  const q = question as Q;
  if (!question.isVisible || question.isReadOnly || rnd() < 0.15) return;
  switch (question.getType()) {
    case "matrixdropdown":
    case "matrixdynamic": {
      if (question.getType() === "matrixdynamic" && rnd() < 0.5)
        (q as unknown as { addRow(): void }).addRow();
      for (const row of (q.visibleRows as { cells: { question: Question }[] }[]) ?? [])
        for (const cell of row.cells) if (depth < 3) answer(cell.question, rnd, depth + 1);
      return;
    }
    case "paneldynamic": {
      q.panelCount = 1 + Math.floor(rnd() * 2);
      for (const panel of (q.panels as { questions: Question[] }[]) ?? [])
        for (const inner of panel.questions) if (depth < 3) answer(inner, rnd, depth + 1);
      return;
    }
    case "multipletext":
      for (const item of (q.items as { editor: Question }[]) ?? []) answer(item.editor, rnd, depth + 1);
      return;
  }
  const value = valueFor(question, rnd);
  if (value === undefined) return;
  question.value = value;
  if (value === "other" || (Array.isArray(value) && value.includes("other")))
    question.comment = "Something else";
}

/** One answer set made by survey-core from what it shows, in page order. */
export function generateAnswers(definition: unknown, seed: number): Record<string, unknown> {
  const rnd = random(seed);
  const model: Model = createSurveyModel(definition);
  for (let round = 0; round < 2; round++)
    for (const question of model.getAllQuestions(true)) answer(question, rnd, 0);
  return JSON.parse(JSON.stringify(model.data));
}

const namesOf = new WeakMap<object, string[]>();

/** Every question's value name, read once per definition (building a Model costs tens of ms). */
function valueNames(definition: unknown): string[] {
  const key = definition as object;
  let names = namesOf.get(key);
  if (!names) {
    names = createSurveyModel(definition)
      .getAllQuestions(false)
      .map((q) => q.getValueName());
    namesOf.set(key, names);
  }
  return names;
}

type Path = (string | number)[];

function paths(value: unknown, prefix: Path = []): Path[] {
  const out: Path[] = prefix.length > 0 ? [prefix] : [];
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) out.push(...paths(v, [...prefix, i]));
  } else if (value && typeof value === "object")
    for (const [k, v] of Object.entries(value)) out.push(...paths(v, [...prefix, k]));
  return out;
}

export const MUTATIONS = [
  "out-of-choice",
  "off-scale",
  "wrong-type",
  "missing",
  "unknown-field",
  "hidden-value",
] as const;
export type Mutation = (typeof MUTATIONS)[number];

/**
 * The answer set with one corruption at a random place, at any nesting level: a value outside any
 * choice, off any scale, of the wrong type, removed (a required answer missing), an unknown key beside
 * it, or an answer for a question that was not answered (often hidden).
 */
export function mutate(
  definition: unknown,
  data: Record<string, unknown>,
  how: Mutation,
  seed: number,
): Record<string, unknown> {
  const rnd = random(seed);
  const copy = structuredClone(data);
  if (how === "hidden-value") {
    const unanswered = valueNames(definition).filter((name) => !(name in copy));
    const target = pick(rnd, unanswered);
    if (target) copy[target] = pick(rnd, ["yes", 1, true, ["a"]]);
    return copy;
  }
  const where = pick(rnd, paths(copy));
  if (!where) {
    copy.unknownQuestion = 1;
    return copy;
  }
  let parent: unknown = copy;
  for (const step of where.slice(0, -1)) parent = (parent as Record<string | number, unknown>)[step];
  const holder = parent as Record<string | number, unknown>;
  const last = where.at(-1) as string | number;
  switch (how) {
    case "out-of-choice":
      holder[last] = "zzz-not-a-choice";
      break;
    case "off-scale":
      holder[last] = 999;
      break;
    case "wrong-type":
      holder[last] = pick(rnd, ["maybe", { nested: true }, [1, 2], false]);
      break;
    case "missing":
      if (Array.isArray(holder)) holder.splice(Number(last), 1);
      else delete holder[last];
      break;
    case "unknown-field":
      if (Array.isArray(holder)) holder.push({ unknownColumn: 1 });
      else holder[`unknown_${String(last)}`] = 1;
      break;
  }
  return copy;
}
