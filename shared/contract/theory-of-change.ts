/**
 * The theory of change as the dashboards' map carries it (`OutcomeMapResponse.theoryOfChange`). The
 * graph lives in `surveys/theory-of-change.json`; `shared/toc/theory-of-change.ts` says what a
 * well-formed graph is and walks it.
 */

/** Stages in the order the diagram reads, left to right. Links only ever step one stage forward. */
export const stageIds = ["enabler", "activity", "outcome", "vision"] as const;
export type StageId = (typeof stageIds)[number];

/** The diagram's three rows, top to bottom. */
export const strandIds = ["coalition", "areas", "experts"] as const;
export type StrandId = (typeof strandIds)[number];

export interface TocNode {
  /** kebab-case, prefixed by its stage. */
  id: string;
  stage: StageId;
  /** Null for a vision statement or an enabler that runs across every strand. */
  strand: StrandId | null;
  /** A label for the map: plain English, short enough to sit in a box (at most 60 characters). */
  short: string;
  /** The seed's own words, kept exactly so the map can always show what was agreed. */
  text: string;
}

export interface TocLink {
  from: string;
  to: string;
}

export interface TheoryOfChange {
  title: string;
  source: string;
  strands: { id: StrandId; name: string }[];
  stages: { id: StageId; name: string }[];
  nodes: TocNode[];
  links: TocLink[];
}
