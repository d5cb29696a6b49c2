import type { Cell, XlsformSheets } from "../../../shared/xlsform/sheets.ts";

/**
 * XLSForms written for these tests: one that uses every row type, column and expression form the
 * importer covers, and answer sets that obey its constraints (and some that break them).
 */
const H = [
  "type",
  "name",
  "label",
  "label::Polski (pl)",
  "hint",
  "guidance_hint",
  "required",
  "required_message",
  "relevant",
  "constraint",
  "constraint_message",
  "calculation",
  "default",
  "read_only",
  "choice_filter",
  "appearance",
  "parameters",
  "repeat_count",
];

function row(values: Partial<Record<(typeof H)[number], string>>): Cell[] {
  return H.map((h) => values[h] ?? null);
}

export const everyRowType: XlsformSheets = {
  survey: [
    H,
    row({
      type: "text",
      name: "nickname",
      label: "What shall we call you?",
      "label::Polski (pl)": "Jak mamy cię nazywać?",
      hint: "Any name you like",
      guidance_hint: "Read this out slowly",
      required: "yes",
      required_message: "Please give a name",
      constraint: "regex(., '^[A-Za-z ]+$') and string-length(.) <= 20",
      constraint_message: "Letters only, at most 20",
    }),
    row({
      type: "integer",
      name: "age",
      label: "Age",
      required: "yes",
      constraint: ". >= 16 and . <= 110",
      constraint_message: "Between 16 and 110",
    }),
    row({ type: "decimal", name: "weekly_spend", label: "Weekly spend", constraint: ". >= 0", default: "0" }),
    row({ type: "select_one yesno", name: "housed", label: "Do you have a home?", appearance: "likert" }),
    row({ type: "select_one region", name: "region", label: "Region", appearance: "minimal" }),
    row({ type: "select_one town", name: "town", label: "Town", choice_filter: "region = ${region}" }),
    row({
      type: "select_multiple support",
      name: "support",
      label: "Support used",
      relevant: "selected(${housed}, 'no')",
      constraint: "count-selected(.) <= 3",
    }),
    row({
      type: "select_one yesno or_other",
      name: "other_help",
      label: "Other help?",
      relevant: "not(${housed} = 'yes') or ${age} < 18",
    }),
    row({ type: "select_one_from_file towns.csv", name: "from_file", label: "From a file" }),
    row({ type: "date", name: "seen_on", label: "Date seen", constraint: ". <= today()" }),
    row({ type: "time", name: "seen_at", label: "Time seen" }),
    row({ type: "dateTime", name: "seen", label: "Seen" }),
    row({ type: "note", name: "thanks", label: "Thank you, ${nickname} <3" }),
    row({ type: "acknowledge", name: "consent", label: "I agree to take part", required: "yes" }),
    row({ type: "rank support", name: "priorities", label: "Put these in order" }),
    row({
      type: "range",
      name: "wellbeing",
      label: "How are you today?",
      parameters: "start=0 end=10 step=1",
    }),
    row({
      type: "calculate",
      name: "age_months",
      calculation: "${age} * 12 + (${weekly_spend} div 2) - 1 mod 3",
    }),
    row({ type: "calculate", name: "adult", calculation: "if(${age} >= 18, 'yes', 'no')" }),
    row({ type: "calculate", name: "label_region", calculation: "jr:choice-name(${region}, '${region}')" }),
    row({ type: "calculate", name: "spend_or_zero", calculation: "coalesce(${weekly_spend}, 0)" }),
    row({ type: "hidden", name: "source", default: "xlsform" }),
    row({
      type: "begin_group",
      name: "about",
      label: "About you",
      appearance: "field-list",
      relevant: "${age} >= 16",
    }),
    row({ type: "text", name: "story", label: "Tell us more", appearance: "multiline", read_only: "no" }),
    row({ type: "begin_group", name: "inner", label: "More" }),
    row({ type: "integer", name: "children", label: "How many children?", default: "0" }),
    row({ type: "end_group" }),
    row({ type: "end_group" }),
    row({ type: "begin_repeat", name: "child", label: "Each child", repeat_count: "${children}" }),
    row({ type: "text", name: "child_name", label: "Child's first name", required: "yes" }),
    row({
      type: "integer",
      name: "child_age",
      label: "Age of ${child_name}",
      constraint: ". < ${age}",
      relevant: "string-length(${child_name}) > 0",
    }),
    row({ type: "end_repeat" }),
    row({ type: "begin_repeat", name: "visit", label: "Visits", repeat_count: "2" }),
    row({ type: "text", name: "place", label: "Place", read_only: "yes" }),
    row({ type: "end_repeat" }),
    row({ type: "geopoint", name: "where", label: "Where are you?" }),
    row({ type: "start", name: "started" }),
    row({ type: "text", name: "weird", label: "Weird", relevant: "${age} = /data/age" }),
    row({ type: "text", name: "pathy", label: "Pathy", relevant: "position(..) > 1" }),
  ],
  choices: [
    ["list_name", "name", "label", "label::Polski (pl)", "region"],
    ["yesno", "yes", "Yes", "Tak", null],
    ["yesno", "no", "No", "Nie", null],
    ["region", "north", "North", null, null],
    ["region", "south", "South", null, null],
    ["town", "leeds", "Leeds", null, "north"],
    ["town", "york", "York", null, "north"],
    ["town", "brighton", "Brighton", null, "south"],
    ["support", "food", "Food", null, null],
    ["support", "bed", "A bed", null, null],
    ["support", "talk", "Someone to talk to", null, null],
    ["support", "money", "Money", null, null],
    ["support", "money", "Money again", null, null],
  ].map((r) => r as Cell[]),
  settings: [
    ["form_title", "form_id", "version", "default_language", "instance_name"],
    ["Support in the community", "community_support", "2024061001", "English", "x"],
  ],
};

/** Answers that obey every constraint of `everyRowType`. */
export const obeying: Record<string, unknown>[] = [
  {
    nickname: "Sam",
    age: 34,
    weekly_spend: 12.5,
    housed: "no",
    region: "north",
    town: "leeds",
    support: ["food", "bed"],
    other_help: "yes",
    seen_on: "2024-05-01",
    consent: "OK",
    priorities: ["talk", "food", "bed", "money"],
    wellbeing: 6,
    story: "Things are better",
    children: 1,
    child: [{ child_name: "Ali", child_age: 4 }],
    visit: [{}, {}],
  },
  { nickname: "Jo Ann", age: 16, housed: "yes", consent: "OK", children: 0, visit: [{}, {}] },
];

/** Each breaks one constraint: the question the server should name. */
export const breaking: { data: Record<string, unknown>; question: string }[] = [
  { data: { ...obeying[1], nickname: "R2D2" }, question: "nickname" },
  { data: { ...obeying[1], nickname: "A very long name indeed, too long" }, question: "nickname" },
  { data: { ...obeying[1], age: 12 }, question: "age" },
  { data: { ...obeying[1], age: 30.5 }, question: "age" },
  { data: { ...obeying[0], support: ["food", "bed", "talk", "money"] }, question: "support" },
  { data: { ...obeying[1], nickname: undefined }, question: "nickname" },
];
