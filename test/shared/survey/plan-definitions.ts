/** Survey definitions for the compiled-validation tests. */

/** Every feature the validation plan models, with conditions that turn on each other. */
export const everyFeature: Record<string, unknown> = {
  title: "Every feature the plan models",
  showQuestionNumbers: "off",
  pages: [
    {
      name: "start",
      elements: [
        {
          type: "boolean",
          name: "consent",
          isRequired: true,
          valueTrue: "yes",
          valueFalse: "no",
          requiredErrorText: "Please say whether you agree.",
        },
        { type: "html", name: "intro", html: "<p>Thanks</p>" },
      ],
    },
    {
      name: "housing_page",
      visibleIf: "{consent} = 'yes'",
      elements: [
        {
          type: "radiogroup",
          name: "housing",
          isRequired: true,
          choices: [{ value: "own", text: "Own place", score: 3 }, "hostel", "street"],
          showOtherItem: true,
          showNoneItem: true,
        },
        {
          type: "dropdown",
          name: "feeling",
          choices: ["ok", "bad"],
          showOtherItem: true,
          otherErrorText: "Tell us how, please.",
          showRefuseItem: true,
        },
        {
          type: "text",
          name: "street_nights",
          inputType: "number",
          min: 0,
          max: 31,
          minErrorText: "At least {0}, please.",
          visibleIf: "{HOUSING} anyof ['street', 'other']",
          requiredIf: "{housing-Comment} empty",
        },
        {
          type: "checkbox",
          name: "services",
          choices: ["gp", "drop_in", "food_bank"],
          showOtherItem: true,
          showDontKnowItem: true,
          showNoneItem: true,
        },
        {
          type: "comment",
          name: "services_note",
          visibleIf: "{services} contains 'other'",
          isRequired: true,
        },
      ],
    },
    {
      name: "details",
      visibleIf: "{consent} = 'yes' and {housing} notempty",
      elements: [
        { type: "text", name: "visits", inputType: "number", min: 0, max: 90, isRequired: true },
        { type: "text", name: "last_seen", inputType: "date", requiredIf: "{visits} > 0" },
        { type: "text", name: "next_seen", inputType: "date", min: "2026-01-01", max: "2030-12-31" },
        {
          type: "panel",
          name: "more",
          visibleIf: "{visits} >= 1 or {housing} = 'street'",
          elements: [
            { type: "boolean", name: "unlock" },
            {
              type: "panel",
              name: "locked_panel",
              enableIf: "{unlock} = true",
              elements: [{ type: "comment", name: "locked_note", isRequired: true, maxLength: 50 }],
            },
            { type: "boolean", name: "detail_wanted" },
            { type: "comment", name: "detail", isRequired: true, enableIf: "{detail_wanted} = true" },
          ],
        },
        { type: "text", name: "never_shown", isRequired: true, visible: false },
        { type: "text", name: "fixed", isRequired: true, readOnly: true },
        { type: "rating", name: "rating", rateMin: 0, rateMax: 6, rateStep: 2, isRequired: true },
        {
          type: "rating",
          name: "labelled",
          rateValues: [{ value: "low", text: "Low" }, "high"],
          requiredIf: "{rating} > 2",
        },
      ],
    },
  ],
};

/** Definitions the plan does not model, and what makes each so. */
export const unsupported: [string, Record<string, unknown>][] = [
  ["a trigger", { pages: [{ elements: [{ type: "text", name: "a" }] }], triggers: [{ type: "complete" }] }],
  [
    "a calculated value",
    {
      pages: [{ elements: [{ type: "text", name: "a" }] }],
      calculatedValues: [{ name: "b", expression: "{a} + 1" }],
    },
  ],
  [
    "a validator",
    { pages: [{ elements: [{ type: "text", name: "a", validators: [{ type: "numeric", minValue: 1 }] }] }] },
  ],
  [
    "a function in a condition",
    {
      pages: [
        {
          elements: [
            { type: "text", name: "dob", inputType: "date" },
            { type: "text", name: "a", isRequired: true, visibleIf: "age({dob}) >= 18" },
          ],
        },
      ],
    },
  ],
  [
    "a condition on a variable that is no question",
    { pages: [{ elements: [{ type: "text", name: "a", isRequired: true, visibleIf: "{pageno} = 1" }] }] },
  ],
  [
    "a condition on a path into a value",
    { pages: [{ elements: [{ type: "text", name: "a", isRequired: true, visibleIf: "{a.length} > 1" }] }] },
  ],
  ["a matrix", { pages: [{ elements: [{ type: "matrix", name: "m", rows: ["r"], columns: [1] }] }] }],
  ["an unknown question type", { pages: [{ elements: [{ type: "signaturepad", name: "s" }] }] }],
  ["a default value", { pages: [{ elements: [{ type: "text", name: "a", defaultValue: "x" }] }] }],
  ["a value name", { pages: [{ elements: [{ type: "text", name: "a", valueName: "b" }] }] }],
  [
    "two questions of one name",
    {
      pages: [{ elements: [{ type: "text", name: "a" }] }, { elements: [{ type: "comment", name: "A" }] }],
    },
  ],
  [
    "choices shown by condition",
    { pages: [{ elements: [{ type: "radiogroup", name: "a", choicesVisibleIf: "{b} = 1" }] }] },
  ],
  [
    "a choice with its own comment box",
    {
      pages: [
        { elements: [{ type: "radiogroup", name: "a", choices: [{ value: "x", showCommentArea: true }] }] },
      ],
    },
  ],
  [
    "a computed bound",
    { pages: [{ elements: [{ type: "text", name: "a", inputType: "number", min: "=1+1" }] }] },
  ],
  [
    "an input type it does not check",
    { pages: [{ elements: [{ type: "text", name: "a", inputType: "email" }] }] },
  ],
  ["a survey-wide read-only mode", { mode: "display", pages: [{ elements: [{ type: "text", name: "a" }] }] }],
  ["questions at the top level", { elements: [{ type: "text", name: "a" }] }],
  [
    "a required panel",
    { pages: [{ elements: [{ type: "panel", name: "p", isRequired: true, elements: [] }] }] },
  ],
  [
    "a message with placeholders",
    {
      pages: [
        { elements: [{ type: "text", name: "a", isRequired: true, requiredErrorText: "{a} is needed" }] },
      ],
    },
  ],
  [
    "a name expressions read as something else",
    { pages: [{ elements: [{ type: "text", name: "length" }] }] },
  ],
  [
    "both visible and visibleIf",
    { pages: [{ elements: [{ type: "text", name: "a", visible: false, visibleIf: "{a} empty" }] }] },
  ],
];
