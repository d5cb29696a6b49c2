import type { Kysely } from "kysely";
import { waveLabel } from "../../shared/follow-ups/wave-label.ts";
import type { Database } from "../db/schema.ts";
import { theoryOfChange } from "../outcomes/theory-of-change.ts";

/**
 * Plain names for the ids an audit page's entries point at: a person's name and email, an area's,
 * survey's or release's title, a tablet's label, an outcome's words in the theory of change, the
 * participant code of an interview that was reviewed (the data manager, the only reader of this
 * page, reads those codes everywhere else). An entry's target is a bare id (or `survey@version`
 * for a published version); the action's family says which table it names. A target that no longer
 * resolves (a deleted row) or that is not an id (an email tried at sign-in, a setting's name) keeps
 * no label, and the page shows the target as it was written.
 */
export async function auditTargetLabels(
  db: Kysely<Database>,
  entries: readonly { action: string; target: string | null }[],
): Promise<Map<string, string>> {
  const wanted = new Map<Family, Set<string>>();
  for (const { action, target } of entries) {
    const family = familyOf(action);
    if (target === null || family === null) continue;
    const id = family === "survey" ? surveyPart(target).id : target;
    const ids = wanted.get(family) ?? new Set<string>();
    ids.add(id);
    wanted.set(family, ids);
  }
  const names = new Map<string, string>();
  const key = (family: Family, id: string) => `${family}:${id}`;
  const lookups: Record<Family, (ids: string[]) => Promise<{ id: string; name: string }[]>> = {
    user: async (ids) =>
      (
        await db.selectFrom("users").select(["id", "display_name", "email"]).where("id", "in", ids).execute()
      ).map((row) => ({ id: row.id, name: `${row.display_name} (${row.email})` })),
    area: (ids) => db.selectFrom("areas").select(["id", "name"]).where("id", "in", ids).execute(),
    survey: (ids) =>
      db.selectFrom("surveys").select(["id", "title as name"]).where("id", "in", ids).execute(),
    device: (ids) =>
      db.selectFrom("devices").select(["id", "label as name"]).where("id", "in", ids).execute(),
    release: (ids) =>
      db.selectFrom("releases").select(["id", "title as name"]).where("id", "in", ids).execute(),
    review: async (ids) =>
      (
        await db
          .selectFrom("responses")
          .select(["id", "participant_code", "wave"])
          .where("id", "in", ids)
          .execute()
      ).map((row) => ({
        id: row.id,
        name: `Interview with participant ${row.participant_code}, ${waveLabel(Number(row.wave)).toLowerCase()}`,
      })),
    // Outcomes are nodes of the theory of change, not rows.
    outcome: async (ids) =>
      theoryOfChange()
        .nodes.filter((node) => ids.includes(node.id))
        .map((node) => ({ id: node.id, name: node.short })),
  };
  for (const [family, ids] of wanted) {
    for (const row of await lookups[family]([...ids])) names.set(key(family, row.id), row.name);
  }
  const labels = new Map<string, string>();
  for (const { action, target } of entries) {
    const family = familyOf(action);
    if (target === null || family === null) continue;
    if (family === "survey") {
      const { id, version } = surveyPart(target);
      const title = names.get(key(family, id));
      if (title !== undefined)
        labels.set(`${action} ${target}`, version ? `${title}, version ${version}` : title);
      continue;
    }
    const name = names.get(key(family, target));
    if (name !== undefined) labels.set(`${action} ${target}`, name);
  }
  return labels;
}

/** The key under which `auditTargetLabels` holds an entry's label. */
export function targetLabelKey(entry: { action: string; target: string | null }): string {
  return `${entry.action} ${entry.target}`;
}

type Family = "user" | "area" | "survey" | "device" | "release" | "outcome" | "review";

function familyOf(action: string): Family | null {
  const family = action.split(".")[0];
  switch (family) {
    case "user":
    case "area":
    case "survey":
    case "device":
    case "release":
    case "outcome":
    case "review":
      return family;
    // An export names the survey whose interviews it wrote.
    case "export":
      return "survey";
    default:
      return null;
  }
}

function surveyPart(target: string): { id: string; version: string | null } {
  const at = target.lastIndexOf("@");
  if (at <= 0 || !/^\d+$/.test(target.slice(at + 1))) return { id: target, version: null };
  return { id: target.slice(0, at), version: target.slice(at + 1) };
}
