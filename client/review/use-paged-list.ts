import { useCallback, useEffect, useState } from "react";
import { useAnnounce } from "../ui/announcer.tsx";
import { plural } from "../ui/format.ts";

export type PagedList<T> =
  | { status: "loading" }
  | { status: "error"; error: unknown }
  | { status: "ready"; items: T[]; total: number; next: string | null };

/**
 * A list the server gives a page at a time, oldest first: the first page on load (again whenever
 * `fetchPage` changes), then "Show more" adds the next page and says how many were added.
 * `noun` names one item for that announcement ("interview", "response").
 */
export function usePagedList<T>(
  fetchPage: (cursor?: string) => Promise<{ items: T[]; total: number; nextCursor: string | null }>,
  noun: string,
): { page: PagedList<T>; loadingMore: boolean; showMore: () => Promise<void> } {
  const announce = useAnnounce();
  const [page, setPage] = useState<PagedList<T>>({ status: "loading" });
  const [loadingMore, setLoadingMore] = useState(false);

  const load = useCallback(
    async (cursor?: string) => {
      const result = await fetchPage(cursor);
      setPage((prev) => ({
        status: "ready",
        items: cursor && prev.status === "ready" ? [...prev.items, ...result.items] : result.items,
        total: result.total,
        next: result.nextCursor,
      }));
      return result;
    },
    [fetchPage],
  );

  useEffect(() => {
    setPage({ status: "loading" });
    load().catch((error: unknown) => setPage({ status: "error", error }));
  }, [load]);

  const showMore = async () => {
    if (page.status !== "ready" || !page.next) return;
    setLoadingMore(true);
    try {
      const result = await load(page.next);
      announce(`${plural(result.items.length, `more ${noun}`)} shown.`);
    } catch (error) {
      setPage({ status: "error", error });
    } finally {
      setLoadingMore(false);
    }
  };

  return { page, loadingMore, showMore };
}
