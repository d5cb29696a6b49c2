import { randomUUID } from "node:crypto";
import { seededRandom, syntheticAnswers } from "../server/demo/synthetic-answers.ts";
import { generateParticipantCode } from "../shared/contract/participant-code.ts";
import type { SyncItem } from "../shared/contract/sync.ts";
import { surveyFields } from "../shared/survey/fields.ts";
import { createSurveyModel } from "../shared/survey/model.ts";

/**
 * The interview the ingest benchmark sends: 40 answerable questions over six pages, of the kinds the
 * real instruments use (consent, choices, a 7-item wellbeing scale, Likert items, counts with bounds, a
 * date, yes/no items, 0–10 ratings, free text) with required answers and conditions, so survey-core
 * does the work it does for a real interview.
 */
export const BENCH_SURVEY_ID = "bench-interview-40";

const agree = ["strongly_disagree", "disagree", "neither", "agree", "strongly_agree"].map((value, i) => ({
  value,
  text: value.replaceAll("_", " "),
  score: i + 1,
}));

const wellbeing = [
  "I've been feeling optimistic about the future",
  "I've been feeling useful",
  "I've been feeling relaxed",
  "I've been dealing with problems well",
  "I've been thinking clearly",
  "I've been feeling close to other people",
  "I've been able to make up my own mind about things",
];

const support = [
  "I have a say in the support I get",
  "Staff listen to me",
  "I know who to contact when things go wrong",
  "Services work together for me",
  "I am treated with respect",
  "I get support at the times I need it",
  "I trust the people supporting me",
  "My support has changed because of what I said",
  "I feel safe where I stay",
  "I can see things getting better",
];

const contacts = [
  "gp_visits",
  "ae_visits",
  "police_contacts",
  "drop_in_visits",
  "nights_rough",
  "keyworker_meetings",
];
const yesNo = ["has_gp", "has_keyworker", "in_treatment", "in_education", "volunteering", "has_id"];

export function benchSurveyDefinition(): Record<string, unknown> {
  const conditionVisible = "{consent} = true";
  return {
    title: "Benchmark interview (40 questions)",
    pages: [
      {
        name: "consent",
        elements: [
          { type: "boolean", name: "consent", title: "Are you happy to take part?", isRequired: true },
        ],
      },
      {
        name: "about",
        visibleIf: conditionVisible,
        elements: [
          {
            type: "radiogroup",
            name: "accommodation",
            title: "Where are you staying at the moment?",
            isRequired: true,
            choices: ["rough", "hostel", "supported", "sofa", "tenancy", "other"],
          },
          {
            type: "text",
            name: "months_at_address",
            title: "How many months have you stayed there?",
            inputType: "number",
            min: 0,
            max: 600,
          },
          {
            type: "text",
            name: "last_contact",
            title: "When did you last see a support worker?",
            inputType: "date",
          },
          {
            type: "checkbox",
            name: "services",
            title: "Which services have you used this month?",
            choices: [
              "gp",
              "drop_in",
              "hostel",
              "food_bank",
              "drug_service",
              "mental_health",
              "probation",
              "other",
            ],
          },
          {
            type: "comment",
            name: "services_other",
            title: "Which other services?",
            visibleIf: "{services} contains 'other'",
          },
        ],
      },
      {
        name: "wellbeing",
        visibleIf: conditionVisible,
        elements: wellbeing.map((title, i) => ({
          type: "rating",
          name: `swemwbs_${i + 1}`,
          title,
          rateMin: 1,
          rateMax: 5,
          isRequired: true,
          outcome: "wellbeing",
          indicator: "higherIsBetter",
        })),
      },
      {
        name: "support",
        visibleIf: conditionVisible,
        elements: support.map((title, i) => ({
          type: "radiogroup",
          name: `support_${i + 1}`,
          title,
          isRequired: true,
          choices: agree,
        })),
      },
      {
        name: "contacts",
        visibleIf: conditionVisible,
        elements: contacts.map((name) => ({
          type: "text",
          name,
          title: `How many times in the last month: ${name.replaceAll("_", " ")}?`,
          inputType: "number",
          min: 0,
          max: 100,
        })),
      },
      {
        name: "outcomes",
        visibleIf: conditionVisible,
        elements: [
          ...yesNo.map((name) => ({ type: "boolean", name, title: name.replaceAll("_", " ") })),
          ...["hope", "control", "connection"].map((name) => ({
            type: "rating",
            name: `${name}_score`,
            title: `How would you rate your ${name}, from 0 to 10?`,
            rateMin: 0,
            rateMax: 10,
          })),
          { type: "comment", name: "what_helped", title: "What has helped most?" },
          {
            type: "comment",
            name: "what_next",
            title: "What would you like to happen next?",
            maxLength: 2000,
          },
        ],
      },
    ],
  };
}

/** `count` completed interviews in one area, reproducible from `seed`, each with a fresh id. */
export function benchInterviews(count: number, seed: number, areaId: string): SyncItem[] {
  const model = createSurveyModel(benchSurveyDefinition());
  const fields = surveyFields(model);
  const required = fields.filter((f) => model.getQuestionByName(f.name)?.isRequired);
  const random = seededRandom(seed);
  const randomBytes = (bytes: Uint8Array) => {
    for (let i = 0; i < bytes.length; i += 1) bytes[i] = Math.floor(random() * 256);
    return bytes;
  };
  return Array.from({ length: count }, (_, i) => {
    const lean = 0.3 + 0.4 * random();
    const data = syntheticAnswers(fields, random, lean);
    // Completed interviews: the generator leaves 5% of questions unanswered, but not required ones here.
    for (const field of required) {
      while (data[field.name] === undefined) Object.assign(data, syntheticAnswers([field], random, lean));
    }
    if (random() < 0.8) data.last_contact = `2026-11-${String(1 + (i % 25)).padStart(2, "0")}`;
    return {
      id: randomUUID(),
      surveyId: BENCH_SURVEY_ID,
      surveyVersion: 1,
      participantCode: generateParticipantCode(randomBytes),
      wave: i % 3,
      areaId,
      startedAt: "2026-11-26T09:30:00.000Z",
      completedAt: "2026-11-26T10:05:00.000Z",
      administrationMode: "read_aloud",
      data,
    };
  });
}
