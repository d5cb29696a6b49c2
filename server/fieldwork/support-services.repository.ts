import type { Kysely } from "kysely";
import { SupportServices } from "../../shared/contract/area-settings.schema.ts";
import type { SupportService } from "../../shared/contract/area-settings.ts";
import { SupportServiceWords } from "../../shared/contract/support-services.schema.ts";
import type { SupportServicesResponse } from "../../shared/contract/support-services.ts";
import type { Database } from "../db/schema.ts";

type Translations = Record<string, Record<string, SupportServiceWords>>;

/**
 * An area's support services for the distress protocol, or undefined for an unknown area. What the
 * column holds was checked when it was saved; an entry that no longer reads as a service is left out
 * rather than failing the list a researcher needs in a difficult moment. Translations (decision 0050)
 * are given only for services still on the list under the same name.
 */
export async function findSupportServices(
  db: Kysely<Database>,
  areaId: string,
): Promise<SupportServicesResponse | undefined> {
  const row = await db
    .selectFrom("areas")
    .select(["id", "name", "support_services", "support_service_translations"])
    .where("id", "=", areaId)
    .executeTakeFirst();
  if (!row) return undefined;
  const services = readServices(row.support_services);
  const names = new Set(services.map((s) => s.name));
  const translations: Translations = {};
  for (const [locale, byName] of Object.entries(readTranslations(row.support_service_translations))) {
    const kept = Object.entries(byName).filter(([name]) => names.has(name));
    if (kept.length > 0) translations[locale] = Object.fromEntries(kept);
  }
  return {
    areaId: row.id,
    areaName: row.name,
    services,
    ...(Object.keys(translations).length > 0 ? { translations } : {}),
  };
}

/** Replaces the area's services in one language (none: removed). False for an unknown area. */
export async function setSupportServiceTranslations(
  db: Kysely<Database>,
  areaId: string,
  locale: string,
  services: Record<string, SupportServiceWords>,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom("areas")
      .select("support_service_translations")
      .where("id", "=", areaId)
      .executeTakeFirst();
    if (!row) return false;
    const all = readTranslations(row.support_service_translations);
    if (Object.keys(services).length > 0) all[locale] = services;
    else delete all[locale];
    await trx
      .updateTable("areas")
      .set({ support_service_translations: JSON.stringify(all) })
      .where("id", "=", areaId)
      .execute();
    return true;
  });
}

/** The names on an area's list now, or undefined for an unknown area. */
export async function supportServiceNames(
  db: Kysely<Database>,
  areaId: string,
): Promise<Set<string> | undefined> {
  const row = await db
    .selectFrom("areas")
    .select("support_services")
    .where("id", "=", areaId)
    .executeTakeFirst();
  return row ? new Set(readServices(row.support_services).map((s) => s.name)) : undefined;
}

function readServices(json: string): SupportService[] {
  const parsed = readJson(json);
  if (!Array.isArray(parsed)) return [];
  return parsed.flatMap((entry) => {
    const one = SupportServices.safeParse([entry]);
    return one.success ? one.data : [];
  });
}

/** What the column holds, each entry checked again; anything unreadable is left out. */
function readTranslations(json: string): Translations {
  const parsed = readJson(json);
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return {};
  const out: Translations = {};
  for (const [locale, byName] of Object.entries(parsed)) {
    if (typeof byName !== "object" || byName === null || Array.isArray(byName)) continue;
    const kept: Record<string, SupportServiceWords> = {};
    for (const [name, words] of Object.entries(byName)) {
      const one = SupportServiceWords.safeParse(words);
      if (one.success) kept[name] = one.data;
    }
    out[locale] = kept;
  }
  return out;
}

function readJson(json: string): unknown {
  try {
    return JSON.parse(json);
  } catch {
    return undefined;
  }
}
