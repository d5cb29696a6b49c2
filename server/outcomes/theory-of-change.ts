import { readFileSync } from "node:fs";
import { TheoryOfChange } from "../../shared/toc/theory-of-change.schema.ts";
import { checkTheoryOfChange } from "../../shared/toc/theory-of-change.ts";
import { theoryOfChangeFile as file } from "../paths.ts";

let loaded: TheoryOfChange | undefined;

/**
 * The theory of change the dashboards are drawn from, read once from `surveys/theory-of-change.json`.
 * A file that does not parse or whose graph is unsound stops the server at the first dashboard request
 * with every problem listed, rather than drawing a wrong map.
 */
export function theoryOfChange(): TheoryOfChange {
  if (loaded) return loaded;
  const toc = TheoryOfChange.parse(JSON.parse(readFileSync(file, "utf8")));
  const problems = checkTheoryOfChange(toc);
  if (problems.length > 0) {
    throw new Error(
      `${file} is not a sound theory of change:\n${problems.map((p) => `  ${p.message}`).join("\n")}`,
    );
  }
  loaded = toc;
  return toc;
}
