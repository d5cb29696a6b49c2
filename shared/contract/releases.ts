import type { Role } from "./roles.ts";

/**
 * Releases: frozen, checked, signed-off snapshots of outcome figures, the only way a figure about
 * participants' answers leaves the trusted analysts (issue 13; docs/decisions/0022 and 0023).
 *
 * Zod-free on purpose (docs/decisions/0020): the client imports these types and constants without
 * loading the schema library. The request schemas are in `releases.schema.ts`, beside this file, and are
 * checked there to produce exactly the request types declared here.
 *
 * The routes are declared in `releases.routes.ts`, who may call each and what it takes and answers.
 *
 * The web page for a public link is `/r/:token` in the client (`publicReleasePath`).
 *
 * Who is in which audience: `area_partnership` = coordinators; `experts` = experts by experience;
 * `participants` = peer researchers (who bring it to participants; they see the participant summary
 * first); `public` = anyone holding the release's unguessable link. Analysts (admin, evaluator) see
 * every release, drafts included.
 *
 * Lifecycle: `draft` → (check) → `checked` → (two sign-offs on that exact snapshot) → (publish) →
 * `published`, frozen forever. Editing the composition of a checked release, or checking it again,
 * makes a new snapshot and drops the sign-offs. A correction is a new release whose `corrects` names the
 * published one.
 *
 * A withheld cell never carries a number, not even for analysts: `{ published: false, reason }`.
 * Only analysts learn why a figure is withheld (docs/decisions/0071): everyone else gets a reader's
 * copy of the snapshot, where a withheld cell is `{ published: false }` and the checklist names no
 * figures, only how many are withheld in all. Knowing which figures are "too few people" (1 to k − 1
 * each) turned published totals into exact counts.
 */

// ---- constants ----

export const releaseAudiences = ["area_partnership", "experts", "participants", "public"] as const;
export type ReleaseAudience = (typeof releaseAudiences)[number];

export const releaseAudienceLabels: Record<ReleaseAudience, string> = {
  area_partnership: "Area partnership (coordinators and local staff)",
  experts: "Experts by experience",
  participants: "Participants (a plain-language summary)",
  public: "Anyone with the link",
};

/**
 * How the figures are split. `overall`: all areas and all waves in one row; `area`: a row per area (all
 * waves); `wave`: a row per wave (all areas); `area_wave`: a row per area at each wave.
 */
/** `language`: the interview language (issue 18), a breakdown like any other, under the same checks. */
export const releaseBreakdowns = ["overall", "area", "wave", "area_wave", "language"] as const;
export type ReleaseBreakdown = (typeof releaseBreakdowns)[number];

export const releaseBreakdownLabels: Record<ReleaseBreakdown, string> = {
  overall: "Everyone",
  area: "By area",
  wave: "By interview round",
  area_wave: "By area and interview round",
  language: "By interview language",
};

export const releaseStatuses = ["draft", "checked", "published"] as const;
export type ReleaseStatus = (typeof releaseStatuses)[number];

/** Limits the schemas enforce; the client shows them. */
export const RELEASE_LIMITS = {
  title: 200,
  narrative: 4000,
  outcomes: 40,
  annotationText: 2000,
  participantSummary: 6000,
  signOffNote: 1000,
} as const;

/** Where a public release's web page lives in the client. */
export const publicReleasePath = (token: string) => `/r/${token}`;

// ---- composition (request bodies) ----

/** `POST /api/releases` and `PUT /api/releases/:id`. */
export interface ComposeReleaseRequest {
  title: string;
  surveyId: string;
  /** Theory-of-change outcome ids (as on `GET /api/outcomes/map`); at least one. */
  outcomes: string[];
  /** At least one; order is kept. */
  breakdowns: ReleaseBreakdown[];
  /** Change between two waves for the same participants; null for none. */
  change: { fromWave: number; toWave: number } | null;
  /** A short narrative shown above the figures (plain text, may be empty). */
  narrative: string;
  /** At least one. */
  audiences: ReleaseAudience[];
  /** The published release this one corrects, or null. */
  corrects: string | null;
}

/** `POST /api/releases/:id/signoffs`: on the exact snapshot the signer saw. */
export interface ReleaseSignOffRequest {
  snapshotId: string;
  note: string;
  /** Whether the signer agrees to be named with it on the public link; not named when left out. */
  namedInPublic?: boolean | undefined;
}

/** `POST /api/releases/:id/publish`: the snapshot being published (must be the signed-off one). */
export interface PublishReleaseRequest {
  snapshotId: string;
}

/** `POST /api/releases/:id/annotations`: an expert's note on one table ("You said, we did"). */
export interface ReleaseAnnotationRequest {
  tableId: string;
  whatItMeans: string;
  whatShouldChange: string;
  /** Whether the expert agrees to be named with it on the public link; not named when left out. */
  namedInPublic?: boolean | undefined;
}

/** `PUT /api/releases/:id/participant-summary`: the expert panel's edit of the generated summary. */
export interface ParticipantSummaryRequest {
  text: string;
}

// ---- the frozen figures ----

/**
 * Why a cell is withheld (each matches a rule of the checklist):
 * - `below_k`: fewer than k people (primary suppression);
 * - `complement`: enough people, but it would give back a withheld cell of this release by
 *   subtraction from totals, other cells or other tables (secondary suppression);
 * - `earlier_release`: it would give back a withheld cell together with an earlier published release
 *   of the same survey (differencing over time, linked releases);
 * - `small_difference`: it differs from a published figure over a group containing it by fewer
 *   than k people, which would single out those few;
 * - `dominance`: a total dominated by one or two people;
 * - `too_few_areas`: a figure across areas with too few areas contributing;
 * - `depends_on_withheld`: a share, average or interval that would reveal a withheld count, or whose
 *   group is withheld.
 */
export const withheldReasons = [
  "below_k",
  "complement",
  "earlier_release",
  "small_difference",
  "dominance",
  "too_few_areas",
  "depends_on_withheld",
] as const;
export type WithheldReason = (typeof withheldReasons)[number];

/** `reason` only in an analyst's copy; a reader's copy never says why a figure is withheld. */
export type ReleaseCell = { published: true; value: number } | { published: false; reason?: WithheldReason };

/**
 * What a column holds, and how it was rounded: counts, percentages and totals to whole numbers; means
 * and confidence limits to one decimal.
 */
export const releaseColumnKinds = ["count", "percent", "mean", "lower", "upper", "total"] as const;
export type ReleaseColumnKind = (typeof releaseColumnKinds)[number];

export interface ReleaseColumn {
  key: string;
  /** Plain words, e.g. "Most of the time", "Not answered", "Average", "Lowest likely". */
  label: string;
  kind: ReleaseColumnKind;
  /** For a `percent`, `mean`, `lower` or `upper` column: the count column it belongs with. */
  of: string | null;
}

export interface ReleaseRow {
  /** `all`, an area id, `w<wave>`, `<areaId>@w<wave>`, or `l:<locale>`. */
  key: string;
  label: string;
  area: string | null;
  wave: number | null;
  /** The interview language of a `language` breakdown's row (a locale such as `pl`); absent otherwise. */
  language?: string | null;
  /** One cell per column key. */
  cells: Record<string, ReleaseCell>;
}

/**
 * - `indicator`: one question's answers, split by one breakdown;
 * - `change`: the same participants at two waves (paired), per row of the breakdown;
 * - `participation`: interviews and "did not take part" (interviewed at the first wave, not at this
 *   one), per area and wave — one per release.
 */
export type ReleaseTableKind = "indicator" | "change" | "participation";

export interface ReleaseTable {
  /** Stable within the release; annotations refer to it. */
  id: string;
  kind: ReleaseTableKind;
  /** Plain-words title, e.g. "Feeling safe where you live — by area". */
  title: string;
  outcomeId: string | null;
  /** The question it is about (`surveyId/question`), null for participation. */
  indicator: {
    key: string;
    question: string;
    title: string;
    kind: "scale" | "choice" | "yes_no" | "number";
    direction: "higherIsBetter" | "lowerIsBetter" | null;
  } | null;
  breakdown: ReleaseBreakdown | null;
  change: { fromWave: number; toWave: number } | null;
  columns: ReleaseColumn[];
  rows: ReleaseRow[];
}

/** The output checks, in the order they ran. */
export const releaseRules = [
  "primary",
  "secondary",
  "cross_release",
  "differences",
  "dominance",
  "minimum_areas",
  "rounding",
] as const;
export type ReleaseRule = (typeof releaseRules)[number];

export interface WithheldCellRef {
  tableId: string;
  rowKey: string;
  columnKey: string;
  /** Plain words: which figure and why, e.g. "Not answered, Area 3 at round 2: 3 people". */
  explanation: string;
}

export interface ChecklistItem {
  rule: ReleaseRule;
  /** Plain words, e.g. "Every count has at least 5 people". */
  title: string;
  /** What the rule protects against, in plain words. */
  description: string;
  /** The rule's settings, e.g. `{ k: 5 }`, `{ top1: 50, top2: 75 }`, `{ minimumAreas: 3 }`. */
  parameters: Record<string, number>;
  /** Cells this rule withheld (for `rounding`: empty; see `adjusted`). */
  withheld: WithheldCellRef[];
  /** How many values this rule changed without withholding them (rounding). */
  adjusted: number;
}

export interface ReleaseSnapshot {
  /** Changes whenever the figures are checked again; sign-offs and publishing name it. */
  id: string;
  checkedAt: string;
  /** Who ran the checks; null on the public link, which names nobody (`Unnamed`). */
  checkedBy: { id: string; name: string } | null;
  /** The latest interview completion time counted in the figures (the date of the data). */
  dataAsOf: string | null;
  k: number;
  tables: ReleaseTable[];
  checklist: ChecklistItem[];
  /**
   * In a reader's copy (everyone but analysts): how many figures are withheld in all. A reader's
   * checklist lists no withheld figures and no count per rule; absent in an analyst's copy.
   */
  withheldCount?: number;
  /**
   * What readers had seen of the same survey before, that the figures were checked against: published
   * releases, checked ones and figures shown before publishing (0076), each with when it was shown.
   */
  checkedAgainst: { id: string; title: string; publishedAt: string }[];
}

// ---- people's contributions ----

export type ReleaseSignerRole = "analyst" | "expert";

/** The research team's analysts: the data manager (admin) and evaluators. */
export const analystRoles: readonly Role[] = ["admin", "evaluator"];

/**
 * An analyst of the whole study: composes, checks, signs off as analyst, publishes, and reads why each
 * figure is withheld. A release covers every area, so an evaluator limited to one area reads published
 * releases as a reader. The one rule for the server (which enforces it) and the client (which shows it).
 */
export function isReleaseAnalyst(who: { role: Role; areaId: string | null }): boolean {
  return analystRoles.includes(who.role) && who.areaId === null;
}

export interface ReleaseSignOff {
  id: string;
  snapshotId: string;
  as: ReleaseSignerRole;
  by: { id: string; name: string };
  note: string;
  signedAt: string;
  /** The signer agreed to be named with it on the public link. */
  namedInPublic: boolean;
}

export interface ReleaseAnnotation {
  id: string;
  tableId: string;
  whatItMeans: string;
  whatShouldChange: string;
  /** Experts' notes are attributed by name (on the public link only where `namedInPublic`). */
  by: { id: string; name: string };
  createdAt: string;
  /** The expert agreed to be named with it on the public link. */
  namedInPublic: boolean;
}

export interface ParticipantSummary {
  text: string;
  /** Flesch reading ease of `text` (0–100, higher is easier), from `shared/editor/plain-language.ts`. */
  readingEase: number;
  /** Plain words for the score, e.g. "Fairly easy to read". */
  readingEaseLabel: string;
  /** Null while it is the generated text; the expert who last edited it otherwise. */
  editedBy: { id: string; name: string } | null;
  updatedAt: string;
}

// ---- views ----

/** The theory-of-change outcome a release reports on, for the map and the headings. */
export interface ReleaseOutcome {
  id: string;
  short: string;
  text: string;
  strand: { id: string; name: string } | null;
}

export interface ReleaseSummaryItem {
  id: string;
  title: string;
  surveyId: string;
  surveyTitle: string;
  status: ReleaseStatus;
  audiences: ReleaseAudience[];
  createdAt: string;
  createdBy: { id: string; name: string };
  publishedAt: string | null;
  /** The release this one corrects, and the one that corrects it. */
  corrects: { id: string; title: string } | null;
  correctedBy: { id: string; title: string } | null;
}

export interface ReleasesResponse {
  releases: ReleaseSummaryItem[];
}

/** A published release as its audiences see it (also the public link's answer). */
export interface PublishedRelease {
  id: string;
  title: string;
  surveyId: string;
  surveyTitle: string;
  publishedAt: string;
  narrative: string;
  audiences: ReleaseAudience[];
  outcomes: ReleaseOutcome[];
  breakdowns: ReleaseBreakdown[];
  change: { fromWave: number; toWave: number } | null;
  corrects: { id: string; title: string } | null;
  correctedBy: { id: string; title: string } | null;
  /** The figures, the rules applied (checklist) and the date of the data: all a print needs. */
  snapshot: ReleaseSnapshot;
  signOffs: Unnamed<ReleaseSignOff>[];
  annotations: Unnamed<ReleaseAnnotation>[];
  participantSummary: (Omit<ParticipantSummary, "editedBy"> & { editedBy: null }) | null;
}

/**
 * A contribution as the public link shows it: by name only where its author chose to be named there
 * (`namedInPublic`), else by their part alone (an expert by experience, the research team), and never
 * with a user id. Being named as an expert by experience of homelessness, offending, drug use or poor
 * mental health says something about that person; people signed in to Alongside (the programme's own
 * people) see the names.
 */
export type Unnamed<T extends { by: unknown }> = Omit<T, "by"> & { by: { name: string } | null };

/** `GET /api/releases/:id` and the answers of the analyst's actions. */
export interface ReleaseView {
  id: string;
  title: string;
  status: ReleaseStatus;
  composition: ComposeReleaseRequest;
  surveyTitle: string;
  outcomes: ReleaseOutcome[];
  createdAt: string;
  createdBy: { id: string; name: string };
  updatedAt: string;
  publishedAt: string | null;
  publishedBy: { id: string; name: string } | null;
  corrects: { id: string; title: string } | null;
  correctedBy: { id: string; title: string } | null;
  /** Null until checked. */
  snapshot: ReleaseSnapshot | null;
  /** Sign-offs on the current snapshot only. */
  signOffs: ReleaseSignOff[];
  annotations: ReleaseAnnotation[];
  /** Generated at check; null before. */
  participantSummary: ParticipantSummary | null;
  /** What still stands between this release and publishing, in plain words (empty when ready). */
  blockers: string[];
  /** Only for analysts, once published with the `public` audience. */
  publicLink: { token: string; path: string } | null;
}
