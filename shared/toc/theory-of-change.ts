import {
  type StageId,
  type StrandId,
  stageIds,
  strandIds,
  type TheoryOfChange,
  type TocNode,
} from "../contract/theory-of-change.ts";

/**
 * The theory of change is the spine of Alongside: every scored question is tagged with one of its
 * outcomes, and the dashboard home is its map. The graph lives in `surveys/theory-of-change.json`
 * so that experts and evaluators can read and amend it without touching code; this module is the
 * one place that says what a well-formed graph is.
 *
 * The schema (`theory-of-change.schema.ts`, for the server) checks shape; `checkTheoryOfChange` checks meaning (ids, links, stage order) and
 * returns problems as values, so a loader can list them all rather than stop at the first.
 */

export type { StageId, StrandId, TheoryOfChange, TocNode };
export { stageIds, strandIds };

export type TocProblem =
  | { code: "duplicate-node-id"; id: string; message: string }
  | { code: "id-prefix-mismatch"; id: string; stage: StageId; message: string }
  | { code: "undeclared-stage"; id: string; stage: StageId; message: string }
  | { code: "undeclared-strand"; id: string; strand: StrandId; message: string }
  | { code: "unknown-link-end"; from: string; to: string; missing: string; message: string }
  | { code: "nothing-leads-in" | "leads-nowhere"; id: string; message: string }
  | {
      code: "link-goes-backward" | "link-stays-in-stage" | "link-skips-stage" | "duplicate-link";
      from: string;
      to: string;
      message: string;
    };

export function stageIndex(stage: StageId): number {
  return stageIds.indexOf(stage);
}

export function nodeById(toc: TheoryOfChange, id: string): TocNode | undefined {
  return toc.nodes.find((node) => node.id === id);
}

export function nodesInStage(toc: TheoryOfChange, stage: StageId): TocNode[] {
  return toc.nodes.filter((node) => node.stage === stage);
}

export function outcomes(toc: TheoryOfChange): TocNode[] {
  return nodesInStage(toc, "outcome");
}

/** Outcomes of one strand, in diagram order; the dashboard groups its map this way. */
export function outcomesInStrand(toc: TheoryOfChange, strand: StrandId): TocNode[] {
  return outcomes(toc).filter((node) => node.strand === strand);
}

/** True when `id` names an outcome: the only stage a survey question may be tagged with. */
export function isOutcomeId(toc: TheoryOfChange, id: string): boolean {
  return nodeById(toc, id)?.stage === "outcome";
}

export function linksFrom(toc: TheoryOfChange, id: string): TocNode[] {
  return toc.links.flatMap((link) => (link.from === id ? (nodeById(toc, link.to) ?? []) : []));
}

export function linksTo(toc: TheoryOfChange, id: string): TocNode[] {
  return toc.links.flatMap((link) => (link.to === id ? (nodeById(toc, link.from) ?? []) : []));
}

/** Every problem in the graph's meaning; an empty list means the graph is sound. */
export function checkTheoryOfChange(toc: TheoryOfChange): TocProblem[] {
  const problems: TocProblem[] = [];
  const byId = new Map<string, TocNode>();
  const declaredStages = new Set(toc.stages.map((stage) => stage.id));
  const declaredStrands = new Set(toc.strands.map((strand) => strand.id));

  for (const node of toc.nodes) {
    if (byId.has(node.id)) {
      problems.push({
        code: "duplicate-node-id",
        id: node.id,
        message: `Node id "${node.id}" is used twice.`,
      });
    } else {
      byId.set(node.id, node);
    }
    // The prefix lets a reader (and a survey author tagging a question) tell the stage from the id alone.
    if (!node.id.startsWith(`${node.stage}-`)) {
      problems.push({
        code: "id-prefix-mismatch",
        id: node.id,
        stage: node.stage,
        message: `Node "${node.id}" is in stage "${node.stage}" so its id should start "${node.stage}-".`,
      });
    }
    if (!declaredStages.has(node.stage)) {
      problems.push({
        code: "undeclared-stage",
        id: node.id,
        stage: node.stage,
        message: `Node "${node.id}" is in stage "${node.stage}", which the stages list does not name.`,
      });
    }
    if (node.strand !== null && !declaredStrands.has(node.strand)) {
      problems.push({
        code: "undeclared-strand",
        id: node.id,
        strand: node.strand,
        message: `Node "${node.id}" is in strand "${node.strand}", which the strands list does not name.`,
      });
    }
  }

  const seenLinks = new Set<string>();
  for (const { from, to } of toc.links) {
    const key = `${from}\u0000${to}`;
    if (seenLinks.has(key)) {
      problems.push({
        code: "duplicate-link",
        from,
        to,
        message: `The link ${from} → ${to} is listed twice.`,
      });
      continue;
    }
    seenLinks.add(key);

    const source = byId.get(from);
    const target = byId.get(to);
    if (source === undefined || target === undefined) {
      const missing = source === undefined ? from : to;
      problems.push({
        code: "unknown-link-end",
        from,
        to,
        missing,
        message: `The link ${from} → ${to} names "${missing}", which is not a node.`,
      });
      continue;
    }

    const step = stageIndex(target.stage) - stageIndex(source.stage);
    if (step < 0) {
      problems.push({
        code: "link-goes-backward",
        from,
        to,
        message: `The link ${from} → ${to} goes back from ${source.stage} to ${target.stage}.`,
      });
    } else if (step === 0) {
      problems.push({
        code: "link-stays-in-stage",
        from,
        to,
        message: `The link ${from} → ${to} joins two ${source.stage} nodes; links go between stages.`,
      });
    } else if (step > 1) {
      problems.push({
        code: "link-skips-stage",
        from,
        to,
        message: `The link ${from} → ${to} jumps from ${source.stage} to ${target.stage}, skipping a stage.`,
      });
    }
  }

  // A node with no way in or out is a gap in the theory: nothing explains it, or it explains nothing.
  const linkedFrom = new Set(toc.links.map((link) => link.from));
  const linkedTo = new Set(toc.links.map((link) => link.to));
  for (const node of byId.values()) {
    if (node.stage !== "enabler" && !linkedTo.has(node.id)) {
      problems.push({
        code: "nothing-leads-in",
        id: node.id,
        message: `No link leads into ${node.stage} "${node.id}".`,
      });
    }
    if (node.stage !== "vision" && !linkedFrom.has(node.id)) {
      problems.push({
        code: "leads-nowhere",
        id: node.id,
        message: `No link leads out of ${node.stage} "${node.id}".`,
      });
    }
  }

  return problems;
}
