import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { TheoryOfChange } from "../../shared/toc/theory-of-change.schema.ts";
import {
  checkTheoryOfChange,
  outcomes,
  outcomesInStrand,
  stageIds,
  stageIndex,
  strandIds,
} from "../../shared/toc/theory-of-change.ts";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const toc = TheoryOfChange.parse(
  JSON.parse(readFileSync(join(repoRoot, "surveys/theory-of-change.json"), "utf8")),
);

// The seed is the agreed source the JSON must quote. It lives beside the repo in the workspace; a copy
// inside the repo (docs/seed/) is looked for first so the check also runs in a fresh clone that has one.
const seedName = "co-production-theory-of-change.txt";
const seedCandidates = [
  join(repoRoot, "docs/seed", seedName),
  join(repoRoot, "seed", seedName),
  join(repoRoot, "../shared/seed", seedName),
];

function readSeed(): string {
  const found = seedCandidates.find((path) => existsSync(path));
  if (found === undefined) throw new Error(`Seed text not found; looked in:\n${seedCandidates.join("\n")}`);
  return readFileSync(found, "utf8");
}

/**
 * The diagram is the seed's last section: its boxes as paragraphs, then a "VISION" heading, then the
 * strand labels that headed the diagram's rows. Returns the boxes in reading order.
 */
function diagramStatements(seed: string): { all: string[]; vision: string[] } {
  const start = seed.indexOf("ENABLERS →");
  const end = seed.indexOf("\nMEAM coalition\n", start);
  expect(start).toBeGreaterThanOrEqual(0);
  expect(end).toBeGreaterThan(start);
  const paragraphs = seed
    .slice(start, end)
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph !== "")
    .slice(1);
  const visionAt = paragraphs.indexOf("VISION");
  expect(visionAt).toBeGreaterThan(0);
  return {
    all: paragraphs.filter((paragraph) => paragraph !== "VISION"),
    vision: paragraphs.slice(visionAt + 1),
  };
}

describe("surveys/theory-of-change.json", () => {
  it("matches the TheoryOfChange schema and has no problems", () => {
    expect(checkTheoryOfChange(toc)).toEqual([]);
  });

  it("declares the three strands and four stages in diagram order", () => {
    expect(toc.strands.map((strand) => strand.id)).toEqual([...strandIds]);
    expect(toc.stages.map((stage) => stage.id)).toEqual([...stageIds]);
  });

  it("gives every strand at least one outcome", () => {
    for (const strand of strandIds) {
      expect(outcomesInStrand(toc, strand).length, strand).toBeGreaterThan(0);
    }
    expect(outcomes(toc).every((node) => node.strand !== null)).toBe(true);
  });

  it("has a node for every statement in the seed's diagram, quoting it exactly", () => {
    const { all } = diagramStatements(readSeed());
    expect(toc.nodes.map((node) => node.text)).toEqual(all);
  });

  it("makes the statements after VISION the vision nodes", () => {
    const { vision } = diagramStatements(readSeed());
    const visionNodes = toc.nodes.filter((node) => node.stage === "vision");
    expect(visionNodes.map((node) => node.text)).toEqual(vision);
  });

  it("keeps stages and strands in the order the flattened diagram reads", () => {
    // The seed lists the boxes column by column, top row first: if the reading is right, stage never
    // goes back and, within a stage, the strand never goes back up the rows.
    const stageOrder = toc.nodes.map((node) => stageIndex(node.stage));
    expect(stageOrder).toEqual([...stageOrder].sort((a, b) => a - b));
    for (const stage of stageIds) {
      const strands = toc.nodes
        .filter((node) => node.stage === stage && node.strand !== null)
        .map((node) => strandIds.indexOf(node.strand ?? "coalition"));
      expect(strands, stage).toEqual([...strands].sort((a, b) => a - b));
    }
  });

  it("keeps map labels short and different from each other", () => {
    const shorts = toc.nodes.map((node) => node.short);
    expect(new Set(shorts).size).toBe(shorts.length);
    expect(shorts.filter((short) => short.length > 60)).toEqual([]);
  });
});
