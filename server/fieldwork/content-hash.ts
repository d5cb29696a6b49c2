import { createHash } from "node:crypto";
import type { SyncItem } from "../../shared/contract/sync.ts";

/**
 * The fingerprint that tells a resend from a change: SHA-256 over the item in a canonical form (object
 * keys sorted at every level), so the same interview hashes the same whatever order a device wrote it in.
 */
export function contentHash(item: SyncItem): string {
  return createHash("sha256").update(canonicalJson(item)).digest("hex");
}

/**
 * JSON with object keys sorted (by UTF-16 code units, as `<` compares strings) at every level and
 * undefined members left out. Written as one loop over the value rather than by arrays of entries: it
 * runs over every item of every sync batch.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) {
    let out = "[";
    for (let i = 0; i < value.length; i += 1) out += (i === 0 ? "" : ",") + canonicalJson(value[i]);
    return `${out}]`;
  }
  const object = value as Record<string, unknown>;
  let out = "{";
  let first = true;
  for (const key of Object.keys(object).sort()) {
    const member = object[key];
    if (member === undefined) continue;
    out += `${first ? "" : ","}${JSON.stringify(key)}:${canonicalJson(member)}`;
    first = false;
  }
  return `${out}}`;
}
