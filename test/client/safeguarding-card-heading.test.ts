import { expect, it } from "vitest";
import { concernHeading } from "../../client/coordination/SafeguardingSection.tsx";

// The coordinator's safeguarding card used to read "Today: new , raised…" (a label, a colon, a state
// and a stray space before hidden text). Its heading is now one sentence with no loose punctuation.

const raisedAt = "2026-12-06T14:05:00.000Z";

it.each([
  ["new", "today", /^New concern to deal with today, raised \S/],
  ["new", "immediate", /^New concern that needs action now, raised \S/],
  ["acknowledged", "this_week", /^Concern being dealt with \(needed this week\), raised \S/],
  ["acknowledged", "immediate", /^Concern being dealt with \(needed at once\), raised \S/],
  ["closed", "today", /^Closed concern, raised \S/],
] as const)("a %s %s concern reads as a sentence", (state, urgency, expected) => {
  const heading = concernHeading({ state, urgency, raisedAt });
  expect(heading).toMatch(expected);
  expect(heading).not.toMatch(/\s[,.:]/);
  expect(heading).not.toMatch(/\s{2}/);
});
