import type { Kysely } from "kysely";
import { type SupportService, SupportServices } from "../../shared/contract/area-settings.ts";
import type { SupportServicesResponse } from "../../shared/contract/support-services.ts";
import type { Database } from "../db/schema.ts";

/**
 * An area's support services for the distress protocol, or undefined for an unknown area. What the
 * column holds was checked when it was saved; an entry that no longer reads as a service is left out
 * rather than failing the list a researcher needs in a difficult moment.
 */
export async function findSupportServices(
  db: Kysely<Database>,
  areaId: string,
): Promise<SupportServicesResponse | undefined> {
  const row = await db
    .selectFrom("areas")
    .select(["id", "name", "support_services"])
    .where("id", "=", areaId)
    .executeTakeFirst();
  if (!row) return undefined;
  return { areaId: row.id, areaName: row.name, services: readServices(row.support_services) };
}

function readServices(json: string): SupportService[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return [];
  }
  if (!Array.isArray(parsed)) return [];
  return parsed.flatMap((entry) => {
    const one = SupportServices.safeParse([entry]);
    return one.success ? one.data : [];
  });
}
