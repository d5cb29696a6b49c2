import { Serializer } from "survey-core";

/**
 * Alongside's own SurveyJS properties. They live in the survey JSON itself so that the editor,
 * the tablet and the server read the same tags. Registered once per JavaScript realm: every
 * module that builds a Model calls `registerAlongsideProperties()` first.
 *
 * - question.outcome: id of the theory-of-change outcome the question measures (surveys/theory-of-change.json)
 * - question.indicator: "higherIsBetter" | "lowerIsBetter": which way is improvement
 * - question.interviewerNote: guidance read by the peer researcher, never shown to the participant
 * - question.sensitive: a self-completion candidate; the tablet can hand it over
 * - question.locked / question.licence: wording from a licensed instrument that must not be edited
 * - choice (itemvalue).score: the number a choice contributes to an indicator
 */
export const indicatorDirections = ["higherIsBetter", "lowerIsBetter"] as const;

let registered = false;

export function registerAlongsideProperties(): void {
  if (registered) return;
  registered = true;
  Serializer.addProperty("question", { name: "outcome", category: "alongside" });
  Serializer.addProperty("question", {
    name: "indicator",
    category: "alongside",
    choices: [...indicatorDirections],
  });
  Serializer.addProperty("question", { name: "interviewerNote:text", category: "alongside" });
  Serializer.addProperty("question", { name: "sensitive:boolean", category: "alongside", default: false });
  Serializer.addProperty("question", { name: "locked:boolean", category: "alongside", default: false });
  Serializer.addProperty("question", { name: "licence:text", category: "alongside" });
  Serializer.addProperty("itemvalue", { name: "score:number", category: "alongside" });
}
