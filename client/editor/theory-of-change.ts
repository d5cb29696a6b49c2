import { outcomesInStrand, type TheoryOfChange, type TocNode } from "../../shared/toc/theory-of-change.ts";
import tocJson from "../../surveys/theory-of-change.json";

/**
 * The theory of change travels with the editor's code: it changes only with a release, and tagging a
 * question must work without another request.
 */
const toc = tocJson as TheoryOfChange;

export interface OutcomeGroup {
  strand: string;
  outcomes: TocNode[];
}

export const outcomeGroups: OutcomeGroup[] = toc.strands.map((strand) => ({
  strand: strand.name,
  outcomes: outcomesInStrand(toc, strand.id),
}));

export const outcomeIds: ReadonlySet<string> = new Set(
  outcomeGroups.flatMap((g) => g.outcomes.map((o) => o.id)),
);
