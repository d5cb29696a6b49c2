import { readFileSync, writeFileSync } from "node:fs";
import { routeTable, withTable } from "./route-table.ts";

/**
 * Prints the route table (method, path, who may call it) from the declarations in
 * `shared/contract/*.routes.ts` (docs/decisions/0053). `npm run routes -- --write` puts it into
 * `shared/contract/README.md`, where test/server/route-table.test.ts checks it stays true.
 */
const README = new URL("../shared/contract/README.md", import.meta.url);

if (process.argv.includes("--write")) {
  writeFileSync(README, withTable(readFileSync(README, "utf8")));
  console.log("Wrote the route table into shared/contract/README.md.");
} else {
  console.log(routeTable());
}
