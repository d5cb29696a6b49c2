import { useCallback, useEffect, useState } from "react";
import { auditApi } from "../../shared/contract/audit.routes.ts";
import type { AuditEntry } from "../../shared/contract/index.ts";
import { issuesByField } from "../api/api-error.ts";
import { call } from "../api/call.ts";
import { useAnnounce } from "../ui/announcer.tsx";
import { ErrorAlert } from "../ui/ErrorAlert.tsx";
import { plural } from "../ui/format.ts";
import { Loading } from "../ui/Loading.tsx";
import { PageHeading } from "../ui/PageHeading.tsx";
import { AuditFilters, type AuditFilterValues, noFilters } from "./AuditFilters.tsx";
import { AuditTable } from "./AuditTable.tsx";
import { useAuditNames } from "./use-audit-names.ts";
import "./audit.css";

interface Results {
  filters: AuditFilterValues;
  entries: AuditEntry[];
  nextCursor: string | null;
}

/**
 * The audit log for administrators: who did what, when and from which device. Read-only by design:
 * the server offers no way to change or delete an entry.
 */
export default function AuditPage() {
  const announce = useAnnounce();
  const names = useAuditNames();
  const [results, setResults] = useState<Results | null>(null);
  const [actions, setActions] = useState<string[]>([]);
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(
    async (filters: AuditFilterValues, after: Results | null) => {
      setBusy(true);
      setFailure(null);
      try {
        const page = await call(auditApi.search, {
          query: { ...filters, ...(after?.nextCursor ? { cursor: after.nextCursor } : {}) },
        });
        const entries = [...(after?.entries ?? []), ...page.entries];
        setResults({ filters, entries, nextCursor: page.nextCursor });
        setActions(page.actions);
        announce(
          after
            ? `${plural(page.entries.length, "older entry", "older entries")} added.`
            : `${plural(entries.length, "entry", "entries")} found${page.nextCursor ? ", more available" : ""}.`,
        );
      } catch (error) {
        setFailure(error);
      } finally {
        setBusy(false);
      }
    },
    [announce],
  );

  useEffect(() => {
    void load(noFilters, null);
  }, [load]);

  const fieldErrors = issuesByField(failure);

  return (
    <>
      <PageHeading>Audit log</PageHeading>
      <p className="lead">
        Every sign-in and failed sign-in, account change, publication, export, withdrawal and review decision,
        with who did it, when and from which device. Entries cannot be changed or deleted.
      </p>
      <AuditFilters
        actions={actions}
        errors={fieldErrors}
        busy={busy}
        onSearch={(filters) => load(filters, null)}
      />
      {failure !== null && <ErrorAlert heading="The audit log did not load" error={failure} />}
      {results === null && failure === null && <Loading what="the audit log" />}
      {results !== null && (
        <section aria-labelledby="audit-results-heading">
          <h2 id="audit-results-heading">Entries</h2>
          <p>
            {results.entries.length === 0
              ? "No entries match this search."
              : `Showing ${plural(results.entries.length, "entry", "entries")}${results.nextCursor ? "; older ones follow" : ""}.`}
          </p>
          {results.entries.length > 0 && <AuditTable entries={results.entries} names={names} />}
          {results.nextCursor && (
            <button
              type="button"
              className="button button--secondary"
              onClick={() => load(results.filters, results)}
              disabled={busy}
            >
              {busy ? "Loading…" : "Show older entries"}
            </button>
          )}
        </section>
      )}
    </>
  );
}
