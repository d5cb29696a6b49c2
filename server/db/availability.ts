/**
 * When the database goes away underneath the server (a PostgreSQL restart or failover, a full disk, a
 * read-only SQLite file), requests fail with errors of the driver. This module tells those apart from
 * bugs, so the caller gets a `503`/`507` problem with `Retry-After` and keeps what it sent, and logs an
 * outage once, not once per request. See docs/decisions/0028-database-outages.md.
 */

export type Unavailability = "unavailable" | "full";

/** Seconds a caller is asked to wait: a database restart takes a few; freeing disk space takes a person. */
export const RETRY_AFTER_SECONDS: Record<Unavailability, number> = { unavailable: 5, full: 60 };

/**
 * PostgreSQL SQLSTATEs that mean "the database cannot do this now", not "this request is wrong":
 * class 08 (connection exception), 57P01–57P03 (shut down, crashed, starting up), 53300 (too many
 * connections), 57014 (statement_timeout), 55P03 (lock_timeout), 25P03 (idle-in-transaction timeout),
 * 53100 (disk full). Class 40 (deadlock, serialisation) is retried inside the sync service instead.
 */
const PG_UNAVAILABLE = new Set(["57P01", "57P02", "57P03", "53300", "57014", "55P03", "25P03", "53000"]);
const PG_FULL = new Set(["53100", "53200"]);

/** Socket errors of a connection that cannot be made or was cut. */
const NETWORK_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
]);

/** Messages of node-postgres and pg-pool for a connection lost, refused or not made in time. */
const PG_CLIENT_MESSAGES = [
  "Connection terminated",
  "timeout exceeded when trying to connect",
  "Client has encountered a connection error and is not queryable",
  "Query read timeout",
  "the database system is",
];

/**
 * SQLite result codes (better-sqlite3 puts the extended name in `code`). SQLITE_FULL: the disk or
 * `max_page_count` is full. SQLITE_READONLY*, SQLITE_IOERR*, SQLITE_CANTOPEN: the file cannot be
 * written now. SQLITE_BUSY: the busy timeout ran out. SQLITE_CORRUPT is deliberately not here: that is
 * not a pause to wait out.
 */
function sqliteKind(code: string): Unavailability | null {
  if (code === "SQLITE_FULL") return "full";
  if (/^SQLITE_(READONLY|IOERR|CANTOPEN|BUSY|LOCKED|PROTOCOL)/.test(code)) {
    // An I/O error while writing is how a full disk often shows (ENOSPC under SQLITE_IOERR_WRITE).
    return "unavailable";
  }
  return null;
}

/** Whether `error` (or an error it wraps) means the database is unreachable or full; null for anything else. */
export function classifyDatabaseError(error: unknown): Unavailability | null {
  for (let current = error, depth = 0; current && depth < 5; depth += 1) {
    if (typeof current !== "object") return null;
    const { code, message, cause } = current as { code?: unknown; message?: unknown; cause?: unknown };
    if (typeof code === "string") {
      if (code.startsWith("SQLITE_")) return sqliteKind(code);
      if (PG_FULL.has(code)) return "full";
      if (code.startsWith("08") && code.length === 5) return "unavailable";
      if (PG_UNAVAILABLE.has(code) || NETWORK_CODES.has(code)) return "unavailable";
    }
    if (typeof message === "string" && PG_CLIENT_MESSAGES.some((m) => message.includes(m))) {
      return "unavailable";
    }
    // AggregateError (a connection tried on IPv4 and IPv6) carries the socket errors in `errors`.
    const errors = (current as { errors?: unknown }).errors;
    if (Array.isArray(errors) && errors.some((e) => classifyDatabaseError(e) !== null)) {
      return classifyDatabaseError(errors.find((e) => classifyDatabaseError(e) !== null));
    }
    current = cause;
  }
  return null;
}

/**
 * Remembers whether the database is away, so an outage is logged once when it starts and once when
 * it ends, however many requests meet it in between.
 */
export class DatabaseHealth {
  private down: Unavailability | null = null;
  constructor(private readonly log: (line: string) => void = (line) => console.error(line)) {}

  get state(): Unavailability | null {
    return this.down;
  }

  /** A request or a pooled connection met `kind`; logs only the first of an outage (or a change of kind). */
  failed(kind: Unavailability, error: unknown): void {
    if (this.down === kind) return;
    this.down = kind;
    const reason = describe(error);
    this.log(
      kind === "full"
        ? `The database has no space left (${reason}). Writes answer 507 until space is freed; nothing is lost.`
        : `The database is unreachable or refusing work (${reason}). Requests answer 503 until it is back.`,
    );
  }

  /** Something reached the database and came back: the outage, if any, is over. */
  recovered(): void {
    if (this.down === null) return;
    this.down = null;
    this.log("The database is reachable again; serving normally.");
  }
}

/** The error's code and first line, for the log only (never sent to a caller). */
function describe(error: unknown): string {
  if (typeof error !== "object" || error === null) return String(error);
  const { code, message } = error as { code?: unknown; message?: unknown };
  const first = typeof message === "string" ? (message.split("\n")[0] ?? "") : "";
  return [typeof code === "string" ? code : "", first].filter(Boolean).join(": ") || "no detail";
}
