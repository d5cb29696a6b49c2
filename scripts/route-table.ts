import { policy } from "../server/http/policy.ts";
import { everyone, type Who } from "../shared/contract/route.ts";

/** The README's route table lives between these two lines of `shared/contract/README.md`. */
export const TABLE_START = "<!-- route table: printed by `npm run routes`, do not edit by hand -->";
export const TABLE_END = "<!-- end of route table -->";

const methodOrder = ["GET", "POST", "PUT", "DELETE"];

function whoLabel(who: Who): string {
  if (who === "public") return "anyone, signed in or not";
  if (who.length === everyone.length && everyone.every((role) => who.includes(role)))
    return "everyone signed in";
  return who.join(", ");
}

/** Every API route and who may call it, as a Markdown table, from the declarations. */
export function routeTable(): string {
  const rows = Object.entries(policy)
    .map(([key, who]) => {
      const [method = "", path = ""] = key.split(" ");
      return { method, path, who: whoLabel(who) };
    })
    .sort((a, b) =>
      a.path === b.path
        ? methodOrder.indexOf(a.method) - methodOrder.indexOf(b.method)
        : a.path < b.path
          ? -1
          : 1,
    )
    .map((row) => [`\`${row.method} ${row.path}\``, row.who]);
  const header = ["route", "who may call it"];
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i]?.length ?? 0)));
  const line = (cells: string[]) => `| ${cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join(" | ")} |`;
  return [line(header), line(widths.map((width) => "-".repeat(width))), ...rows.map(line)].join("\n");
}

/** The table as the README has it now (between the markers), or undefined when the markers are missing. */
export function tableInReadme(readme: string): string | undefined {
  const start = readme.indexOf(TABLE_START);
  const end = readme.indexOf(TABLE_END);
  if (start < 0 || end < start) return undefined;
  return readme.slice(start + TABLE_START.length, end).trim();
}

export function withTable(readme: string): string {
  const start = readme.indexOf(TABLE_START);
  const end = readme.indexOf(TABLE_END);
  if (start < 0 || end < start) throw new Error("The README has no route table markers.");
  return `${readme.slice(0, start + TABLE_START.length)}\n\n${routeTable()}\n\n${readme.slice(end)}`;
}
