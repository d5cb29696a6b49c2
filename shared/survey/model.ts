import { Model } from "survey-core";
import { registerAlongsideProperties } from "./properties.ts";

/** Every Model in Alongside is built here, so the custom properties are always registered first. */
export function createSurveyModel(definition: unknown): Model {
  registerAlongsideProperties();
  return new Model(definition);
}
