import type { SurveyField } from "../../shared/survey/fields.ts";

/** A small seeded generator, so a demo or a benchmark is the same every run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4_294_967_296;
  };
}

const NOT_ANSWERING = new Set(["prefer_not_to_say", "dont_know", "not_applicable"]);

/**
 * Plausible answers to every field of a survey: a choice, a point on the scale, a number in range.
 * `lean` (0..1) shifts scored answers upward, so later waves can show change. Consent is always yes.
 */
export function syntheticAnswers(
  fields: SurveyField[],
  random: () => number,
  lean = 0.5,
): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  const pick = <T>(items: readonly T[]): T | undefined => items[Math.floor(random() * items.length)];
  const skewed = (count: number) => Math.min(count - 1, Math.floor(((random() + lean) / 2) * count));
  for (const field of fields) {
    if (field.name === "consent") {
      data.consent = field.type === "boolean" ? true : "yes";
      continue;
    }
    if (random() < 0.05) continue;
    const choices = (field.choices ?? []).filter((c) => !NOT_ANSWERING.has(String(c.value)));
    switch (field.type) {
      case "radiogroup":
      case "dropdown": {
        const ordered = [...choices].sort((a, b) => (a.score ?? 0) - (b.score ?? 0));
        const choice = ordered[skewed(ordered.length)];
        if (choice) data[field.name] = choice.value;
        break;
      }
      case "checkbox": {
        const chosen = choices.filter(() => random() < 0.4).map((c) => c.value);
        if (chosen.length > 0) data[field.name] = chosen;
        break;
      }
      case "rating": {
        if (field.choices?.length) {
          data[field.name] = field.choices[skewed(field.choices.length)]?.value;
        } else {
          const { min, max, step } = field.scale ?? { min: 1, max: 5, step: 1 };
          data[field.name] = min + step * skewed(Math.floor((max - min) / step) + 1);
        }
        break;
      }
      case "boolean":
        data[field.name] = random() < lean;
        break;
      case "text":
        if (field.inputType === "number") {
          const min = field.range?.min ?? 0;
          const max = Math.min(field.range?.max ?? 20, min + 20);
          data[field.name] = min + Math.floor(random() * (max - min + 1));
        }
        break;
      default:
        if (random() < 0.2) data[field.name] = pick(["Fine.", "Better than last time.", "Hard month."]);
    }
  }
  return data;
}
