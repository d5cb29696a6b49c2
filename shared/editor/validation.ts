import { type ElementJson, isObject, textOf } from "./survey-json.ts";

/**
 * The validation a form offers (number range, answer length, a pattern), read from and written to
 * the places SurveyJS keeps them: `min`/`max` and `maxLength` on the question, a `text` validator
 * for the shortest answer, a `regex` validator for the pattern. Other validators are left alone.
 */
export interface ValidationSettings {
  min?: number;
  max?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  patternMessage?: string;
}

function validators(element: ElementJson): Record<string, unknown>[] {
  return Array.isArray(element.validators) ? element.validators.filter(isObject) : [];
}

function num(value: unknown): number | undefined {
  if (value === undefined || value === null || value === "") return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
}

export function readValidation(element: ElementJson): ValidationSettings {
  const text = validators(element).find((v) => v.type === "text");
  const regex = validators(element).find((v) => v.type === "regex");
  const settings: ValidationSettings = {};
  const set = <K extends keyof ValidationSettings>(key: K, value: ValidationSettings[K] | undefined) => {
    if (value !== undefined && value !== "") settings[key] = value;
  };
  set("min", num(element.min));
  set("max", num(element.max));
  set("maxLength", num(element.maxLength));
  set("minLength", num(text?.minLength));
  set("pattern", typeof regex?.regex === "string" ? regex.regex : undefined);
  set("patternMessage", regex ? textOf(regex.text) : undefined);
  return settings;
}

export function writeValidation(element: ElementJson, settings: ValidationSettings): ElementJson {
  const next: ElementJson = { ...element };
  for (const key of ["min", "max", "maxLength"] as const) {
    if (settings[key] === undefined) delete next[key];
    else next[key] = settings[key];
  }
  const kept = validators(element).filter((v) => v.type !== "text" && v.type !== "regex");
  if (settings.minLength !== undefined) kept.push({ type: "text", minLength: settings.minLength });
  if (settings.pattern) {
    kept.push({
      type: "regex",
      regex: settings.pattern,
      ...(settings.patternMessage ? { text: settings.patternMessage } : {}),
    });
  }
  if (kept.length > 0) next.validators = kept;
  else delete next.validators;
  return next;
}

/** A pattern the tablet's browser can use, or the reason it cannot. */
export function patternProblem(pattern: string): string | null {
  if (pattern.length > 500) return "The pattern is too long.";
  try {
    new RegExp(pattern, "u");
    return null;
  } catch {
    return "This is not a valid pattern (regular expression).";
  }
}

export function rangeProblem(settings: ValidationSettings): string | null {
  if (settings.min !== undefined && settings.max !== undefined && settings.min > settings.max) {
    return "The smallest number is bigger than the largest.";
  }
  if (
    settings.minLength !== undefined &&
    settings.maxLength !== undefined &&
    settings.minLength > settings.maxLength
  ) {
    return "The shortest answer is longer than the longest.";
  }
  return null;
}
