import type { ElementJson } from "./survey-json.ts";

/** The question types the editor's form knows; anything else is kept and edited as JSON. */
export const questionTypes = [
  "text",
  "comment",
  "radiogroup",
  "checkbox",
  "dropdown",
  "rating",
  "boolean",
  "matrix",
  "ranking",
  "html",
] as const;
export type QuestionType = (typeof questionTypes)[number];

export const questionTypeLabels: Record<QuestionType, string> = {
  text: "Short answer",
  comment: "Long answer",
  radiogroup: "One choice (every choice shown)",
  checkbox: "Several choices (tick boxes)",
  dropdown: "One choice (from a drop-down list)",
  rating: "Rating scale",
  boolean: "Yes or no",
  matrix: "Grid (rows × columns)",
  ranking: "Put in order",
  html: "Information (no answer)",
};

export const textInputTypes = ["text", "number", "date", "time", "email", "tel", "url"] as const;
export type TextInputType = (typeof textInputTypes)[number];

export const inputTypeLabels: Record<TextInputType, string> = {
  text: "Text",
  number: "Number",
  date: "Date",
  time: "Time",
  email: "Email address",
  tel: "Phone number",
  url: "Web address",
};

export function isQuestionType(type: string): type is QuestionType {
  return (questionTypes as readonly string[]).includes(type);
}

export function hasChoices(type: string): boolean {
  return type === "radiogroup" || type === "checkbox" || type === "dropdown" || type === "ranking";
}

/** A new question of a type, with a sensible start so the preview shows something at once. */
export function newQuestion(type: QuestionType, name: string): ElementJson {
  switch (type) {
    case "text":
      return { type, name, title: "New question", inputType: "text" };
    case "comment":
      return { type, name, title: "New question" };
    case "radiogroup":
    case "checkbox":
    case "dropdown":
    case "ranking":
      return {
        type,
        name,
        title: "New question",
        choices: [
          { value: "choice_1", text: "Option 1" },
          { value: "choice_2", text: "Option 2" },
        ],
      };
    case "rating":
      return { type, name, title: "New question", rateMin: 1, rateMax: 5 };
    case "boolean":
      return { type, name, title: "New question" };
    case "matrix":
      return {
        type,
        name,
        title: "New question",
        rows: [{ value: "row_1", text: "Row 1" }],
        columns: [
          { value: "column_1", text: "Column 1" },
          { value: "column_2", text: "Column 2" },
        ],
      };
    case "html":
      return { type, name, html: "<p>Information for the participant.</p>" };
  }
}

/** A data name from words: "How safe?" → "how_safe". */
export function slug(text: string): string {
  const base = text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .slice(0, 40)
    .replace(/_+$/g, "");
  return /^[a-z]/.test(base) ? base : `q_${base || "item"}`;
}
