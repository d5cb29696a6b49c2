import { describe, expect, it } from "vitest";
import { TheoryOfChange } from "../../../shared/toc/theory-of-change.schema.ts";
import {
  checkTheoryOfChange,
  isOutcomeId,
  linksFrom,
  linksTo,
  nodeById,
  outcomes,
  outcomesInStrand,
  type StageId,
  type StrandId,
  type TocNode,
} from "../../../shared/toc/theory-of-change.ts";

function node(id: string, stage: StageId, strand: StrandId | null = "experts"): TocNode {
  return { id, stage, strand, short: id, text: `The text of ${id}.` };
}

/** A smallest sound graph: one node per stage, linked in a line. */
function smallToc(overrides: Partial<TheoryOfChange> = {}): TheoryOfChange {
  return {
    title: "Test theory",
    source: "test",
    strands: [
      { id: "coalition", name: "MEAM coalition" },
      { id: "areas", name: "MEAM Approach areas" },
      { id: "experts", name: "Expert experiences" },
    ],
    stages: [
      { id: "enabler", name: "Enablers" },
      { id: "activity", name: "MEAM activities" },
      { id: "outcome", name: "Outcomes" },
      { id: "vision", name: "Vision" },
    ],
    nodes: [
      node("enabler-a", "enabler", null),
      node("activity-a", "activity"),
      node("outcome-a", "outcome"),
      node("vision-a", "vision", null),
    ],
    links: [
      { from: "enabler-a", to: "activity-a" },
      { from: "activity-a", to: "outcome-a" },
      { from: "outcome-a", to: "vision-a" },
    ],
    ...overrides,
  };
}

function codes(toc: TheoryOfChange): string[] {
  return checkTheoryOfChange(toc).map((problem) => problem.code);
}

describe("checkTheoryOfChange", () => {
  it("finds nothing wrong with a graph that steps one stage at a time", () => {
    expect(checkTheoryOfChange(smallToc())).toEqual([]);
  });

  it("catches a node id used twice", () => {
    const toc = smallToc();
    toc.nodes.push(node("outcome-a", "outcome", "areas"));
    expect(checkTheoryOfChange(toc)).toEqual([
      expect.objectContaining({ code: "duplicate-node-id", id: "outcome-a" }),
    ]);
  });

  it("catches a link that goes backward, from an outcome to an activity", () => {
    const toc = smallToc();
    toc.links.push({ from: "outcome-a", to: "activity-a" });
    expect(checkTheoryOfChange(toc)).toEqual([
      expect.objectContaining({ code: "link-goes-backward", from: "outcome-a", to: "activity-a" }),
    ]);
  });

  it("catches a link that skips a stage", () => {
    const toc = smallToc();
    toc.links.push({ from: "enabler-a", to: "outcome-a" });
    expect(codes(toc)).toEqual(["link-skips-stage"]);
  });

  it("catches a link between two nodes of the same stage", () => {
    const toc = smallToc();
    toc.nodes.push(node("outcome-b", "outcome"));
    toc.links.push({ from: "activity-a", to: "outcome-b" }, { from: "outcome-b", to: "vision-a" });
    toc.links.push({ from: "outcome-a", to: "outcome-b" });
    expect(codes(toc)).toEqual(["link-stays-in-stage"]);
  });

  it("names the missing end of a link to an unknown node", () => {
    const toc = smallToc();
    toc.links.push({ from: "activity-a", to: "outcome-gone" });
    expect(checkTheoryOfChange(toc)).toEqual([
      expect.objectContaining({ code: "unknown-link-end", missing: "outcome-gone" }),
    ]);
  });

  it("catches a link listed twice", () => {
    const toc = smallToc();
    toc.links.push({ from: "activity-a", to: "outcome-a" });
    expect(codes(toc)).toEqual(["duplicate-link"]);
  });

  it("catches an id whose prefix does not match its stage", () => {
    const toc = smallToc();
    toc.nodes.push(node("outcome-misfiled", "activity"));
    toc.links.push(
      { from: "enabler-a", to: "outcome-misfiled" },
      { from: "outcome-misfiled", to: "outcome-a" },
    );
    expect(codes(toc)).toEqual(["id-prefix-mismatch"]);
  });

  it("catches a node whose strand the header does not declare", () => {
    const toc = smallToc({ strands: [{ id: "coalition", name: "MEAM coalition" }] });
    expect(codes(toc)).toEqual(["undeclared-strand", "undeclared-strand"]);
  });

  it("catches an outcome that nothing leads to and that leads nowhere", () => {
    const toc = smallToc();
    toc.nodes.push(node("outcome-orphan", "outcome"));
    expect(codes(toc)).toEqual(["nothing-leads-in", "leads-nowhere"]);
  });

  it("reports every problem at once rather than stopping at the first", () => {
    const toc = smallToc();
    toc.nodes.push(node("vision-a", "vision", null));
    toc.links.push({ from: "vision-a", to: "enabler-a" }, { from: "outcome-a", to: "nowhere" });
    expect(codes(toc)).toEqual(["duplicate-node-id", "link-goes-backward", "unknown-link-end"]);
  });
});

describe("theory-of-change helpers", () => {
  const toc = smallToc({
    nodes: [...smallToc().nodes, node("outcome-b", "outcome", "areas")],
    links: [...smallToc().links, { from: "outcome-b", to: "vision-a" }],
  });

  it("finds a node by its id and nothing for an unknown id", () => {
    expect(nodeById(toc, "activity-a")?.stage).toBe("activity");
    expect(nodeById(toc, "activity-zzz")).toBeUndefined();
  });

  it("lists outcomes in file order, and by strand", () => {
    expect(outcomes(toc).map((n) => n.id)).toEqual(["outcome-a", "outcome-b"]);
    expect(outcomesInStrand(toc, "areas").map((n) => n.id)).toEqual(["outcome-b"]);
    expect(outcomesInStrand(toc, "coalition")).toEqual([]);
  });

  it("accepts only outcome ids as question tags", () => {
    expect(isOutcomeId(toc, "outcome-a")).toBe(true);
    expect(isOutcomeId(toc, "vision-a")).toBe(false);
    expect(isOutcomeId(toc, "outcome-unknown")).toBe(false);
  });

  it("follows links in both directions", () => {
    expect(linksFrom(toc, "activity-a").map((n) => n.id)).toEqual(["outcome-a"]);
    expect(linksTo(toc, "vision-a").map((n) => n.id)).toEqual(["outcome-a", "outcome-b"]);
  });
});

describe("TheoryOfChange schema", () => {
  it("rejects a stage it does not know and an over-long map label", () => {
    const bad = smallToc();
    const raw = JSON.parse(JSON.stringify(bad)) as { nodes: Record<string, unknown>[] };
    raw.nodes[0] = { ...raw.nodes[0], stage: "impact" };
    raw.nodes[1] = { ...raw.nodes[1], short: "x".repeat(61) };
    const result = TheoryOfChange.safeParse(raw);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join("."))).toEqual([
      "nodes.0.stage",
      "nodes.1.short",
    ]);
  });

  it("rejects an id that is not kebab-case", () => {
    const raw = smallToc();
    raw.nodes[0] = node("Enabler_A", "enabler", null);
    expect(TheoryOfChange.safeParse(raw).success).toBe(false);
  });
});
