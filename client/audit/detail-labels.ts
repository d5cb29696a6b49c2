/**
 * Plain words for the keys of an audit entry's details (issue 15: the page showed "needs_review:",
 * "count:"). A key not listed is turned into words from its spelling ("previousChoice" → "Previous
 * choice"), so a detail added later is still readable and never hidden.
 */
const labels: Record<string, string> = {
  // Upload outcomes (sync.batch)
  accepted: "Accepted",
  duplicate: "Already received",
  conflict: "Changed since received",
  needs_review: "Needs review",
  rejected: "Refused",
  // Common details
  count: "How many",
  rows: "Rows",
  entries: "Entries",
  truncated: "List cut short",
  areaId: "Area",
  areas: "Areas",
  surveyId: "Survey",
  userId: "Person",
  researcherId: "Researcher",
  role: "Role",
  email: "Email",
  from: "Before",
  to: "After",
  wave: "Wave",
  dueOn: "Due by",
  expiresAt: "Expires",
  completedOn: "Completed on",
  expiresOn: "Refresher due",
  kind: "Kind",
  label: "Tablet name",
  reason: "Reason",
  months: "Months kept",
  receivedAt: "Received",
  sessions: "Sessions ended",
  sessionsEnded: "Sessions ended",
  linksRetired: "Old links retired",
  choice: "Choice",
  previousChoice: "Earlier choice",
  responsesDeleted: "Interviews deleted",
  actingAs: "Acting as",
  file: "File",
  responses: "Interviews",
  filters: "Filters",
  freeTextWithheld: "Free text left out",
  misfitsWithheld: "Answers that did not fit left out",
  changed: "What changed",
  safeguardingLeadId: "Safeguarding lead",
  rewardPencePerHour: "Reward per hour (pence)",
  paymentMethod: "Paid by",
  hours: "Hours",
  pencePerHour: "Pence per hour",
  targets: "Targets",
  urgency: "Urgency",
  acknowledgedNow: "Acknowledged now",
  snapshotId: "Snapshot",
  withheld: "Withheld",
  against: "Checked against",
  audiences: "Audiences",
  corrects: "Corrects",
  tableId: "Table",
  version: "Survey version",
  as: "As",
  locale: "Language",
  locales: "Languages",
  revision: "Revision",
  contentHash: "Content fingerprint",
  signOff: "Sign-off",
  questions: "Questions",
  keyId: "Key",
  enrolledBy: "Enrolled by",
  enrolledTabletsOnly: "Enrolled tablets only",
  notUploaded: "Not uploaded",
  arrived: "Arrived",
  wiped: "Deleted everything",
  method: "Request",
  path: "Address",
  self: "Their own",
  adoptedRevision: "Revision adopted",
  status: "Status",
  view: "Figures shown",
};

export function detailLabel(key: string): string {
  const known = labels[key];
  if (known) return known;
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/[_.-]+/g, " ")
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * Inside an export's or a figures page's "Filters" the same keys mean what the filter chose:
 * `from` is the first month, not the value before a change.
 */
const filterLabels: Record<string, string> = {
  area: "Area",
  areaId: "Area",
  wave: "Interview",
  status: "Which responses",
  version: "Survey version",
  from: "Completed from",
  to: "Completed up to",
  mode: "How the interview was done",
  language: "Interview language",
  changeFrom: "Change compared from",
  changeTo: "Change compared to",
  breakdown: "Also shown by",
};

export function filterLabel(key: string): string {
  return filterLabels[key] ?? detailLabel(key);
}
