import type { ComponentType } from "react";
import { isQuestionType, type QuestionType } from "../../../shared/editor/question-types.ts";
import { BooleanFields } from "./BooleanFields.tsx";
import { ChoiceFields } from "./ChoiceFields.tsx";
import { MatrixFields } from "./MatrixFields.tsx";
import { RatingFields } from "./RatingFields.tsx";
import { TextFields } from "./TextFields.tsx";
import type { TypeFieldsProps } from "./type-fields.ts";

/**
 * The part of the form each question type has of its own, between the wording and "An answer is
 * required". A long answer and information have none; a type the editor does not know is kept as it
 * is and edited as JSON.
 */
const fieldsByType: Record<QuestionType, ComponentType<TypeFieldsProps> | null> = {
  text: TextFields,
  comment: null,
  radiogroup: ChoiceFields,
  checkbox: ChoiceFields,
  dropdown: ChoiceFields,
  ranking: ChoiceFields,
  rating: RatingFields,
  boolean: BooleanFields,
  matrix: MatrixFields,
  html: null,
};

export function TypeFields(props: TypeFieldsProps) {
  const type = props.element.type;
  const Fields = isQuestionType(type) ? fieldsByType[type] : null;
  return Fields ? <Fields {...props} /> : null;
}
