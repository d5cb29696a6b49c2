import { readFile } from "node:fs/promises";
import { TheoryOfChange } from "../../shared/toc/theory-of-change.schema.ts";
import { outcomes } from "../../shared/toc/theory-of-change.ts";
import { theoryOfChangeFile as tocFile } from "../paths.ts";

let cached: Promise<ReadonlySet<string>> | undefined;

/** The outcome ids a question may be tagged with, read once from `surveys/theory-of-change.json`. */
export function outcomeIds(): Promise<ReadonlySet<string>> {
  cached ??= readFile(tocFile, "utf8").then((text) => {
    const toc = TheoryOfChange.parse(JSON.parse(text));
    return new Set(outcomes(toc).map((node) => node.id));
  });
  return cached;
}
