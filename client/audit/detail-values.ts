import { exportFileLabels } from "../../shared/contract/exports.ts";
import { type ReviewStatus, reviewStatusLabels } from "../../shared/contract/review.ts";
import { type Role, roleLabels } from "../../shared/contract/roles.ts";
import { type WithdrawalChoice, withdrawalChoiceLabels } from "../../shared/contract/withdrawals.ts";
import { waveLabel } from "../../shared/follow-ups/wave-label.ts";
import { languageName } from "../../shared/survey/locales.ts";
import { formatDateTime, formatDay } from "../ui/format.ts";
import { modeNames } from "../ui/mode-names.ts";
import type { AuditNames } from "./use-audit-names.ts";

/**
 * A detail's value in words, read by its key: "released" is "As it would be released", "northtown"
 * is "Northtown", 2 in a wave is "Follow-up 2", an export's "responses-wide.csv" is the name the
 * exports page gives it (issue: the log showed "View released", "Area northtown", "File
 * responses-wide.csv"). A value the page has no words for is shown as it was written, never hidden.
 */
export function detailValue(key: string, value: unknown, names: AuditNames): string {
  if (value === null || value === undefined || value === "") return emptyWords[key] ?? "none";
  if (Array.isArray(value)) {
    return value.length === 0 ? "none" : value.map((item) => detailValue(key, item, names)).join(", ");
  }
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (typeof value === "object") return "";
  if (key === "wave" || key === "changeFrom" || key === "changeTo") return waveLabel(Number(value));
  if (typeof value === "number") return number.format(value);
  return stringWords(key, String(value), names);
}

const number = new Intl.NumberFormat("en-GB");

/** What an empty filter means: no area chosen is every area. */
const emptyWords: Partial<Record<string, string>> = {
  area: "Every area",
  areaId: "Every area",
  wave: "Every interview",
};

const viewWords: Record<string, string> = {
  exact: "Exact figures",
  released: "As it would be released",
};

const actingAsWords: Record<string, string> = {
  data_manager: "Data manager",
  coordinator: "Coordinator for their area",
};

const exportStatusWords: Record<string, string> = {
  all: "Every response not rejected",
  approved: "Approved responses only",
};

/** Why a sign-in failed (server/auth/auth.routes.ts). */
const reasonWords: Record<string, string> = {
  bad_credentials: "Wrong email or password",
  disabled: "Account disabled",
  locked_email: "Too many tries for this email; paused",
  locked_address: "Too many tries from this address; paused",
};

const urgencyWords: Record<string, string> = {
  immediate: "Immediate",
  today: "Today",
  this_week: "This week",
};

const month = new Intl.DateTimeFormat("en-GB", { month: "long", year: "numeric", timeZone: "UTC" });

function stringWords(key: string, value: string, names: AuditNames): string {
  switch (key) {
    case "view":
      return viewWords[value] ?? value;
    case "file":
      return exportFileLabels[value as keyof typeof exportFileLabels] ?? value;
    case "choice":
    case "previousChoice":
      return withdrawalChoiceLabels[value as WithdrawalChoice] ?? value;
    case "actingAs":
      return actingAsWords[value] ?? value;
    case "reason":
      return reasonWords[value] ?? value;
    case "urgency":
      return urgencyWords[value] ?? value;
    case "area":
    case "areaId":
    case "areas":
      return names.areas.get(value) ?? value;
    case "surveyId":
      return names.surveys.get(value) ?? value;
    case "version":
      return surveyVersion(value, names);
    case "mode":
      return modeNames[value] ?? value;
    case "language":
    case "locale":
    case "locales":
      return languageName(value, "en");
    case "breakdown":
      return value === "language" ? "Interview language" : value;
  }
  if (/^\d{4}-\d{2}$/.test(value)) return month.format(new Date(`${value}-01T00:00:00Z`));
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDay(value);
  if (/^\d{4}-\d{2}-\d{2}T/.test(value)) return formatDateTime(value);
  return (
    roleLabels[value as Role] ??
    reviewStatusLabels[value as ReviewStatus] ??
    (key === "status" ? exportStatusWords[value] : undefined) ??
    value
  );
}

/** "participant-interview@2" → "Participant interview, version 2". */
function surveyVersion(value: string, names: AuditNames): string {
  const at = value.lastIndexOf("@");
  if (at <= 0) return names.surveys.get(value) ?? value;
  const title = names.surveys.get(value.slice(0, at));
  return title ? `${title}, version ${value.slice(at + 1)}` : value;
}
