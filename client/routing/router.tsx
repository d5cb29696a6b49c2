import { type AnchorHTMLAttributes, type MouseEvent, useEffect, useSyncExternalStore } from "react";
import { requestHeadingFocus } from "./focus.ts";

/**
 * A small history-based router: the app has a handful of flat routes, so a path string and
 * `pushState` are enough. `navigate()` also asks the next page heading to take focus, so a screen
 * reader user hears where they have arrived.
 */
const NAVIGATE_EVENT = "alongside:navigate";

function subscribe(onChange: () => void): () => void {
  window.addEventListener("popstate", onChange);
  window.addEventListener(NAVIGATE_EVENT, onChange);
  return () => {
    window.removeEventListener("popstate", onChange);
    window.removeEventListener(NAVIGATE_EVENT, onChange);
  };
}

const currentPath = () => window.location.pathname;

export function usePathname(): string {
  return useSyncExternalStore(subscribe, currentPath);
}

/**
 * What a page needs to know but must not put in its address: a participant's code, for one. An
 * address is kept in the browser's history and suggested to whoever next types in the address bar;
 * the state of a history entry stays with that entry (a reload keeps it) and is never shown.
 */
export type PageState = Readonly<Record<string, string>>;

export function navigate(to: string, options: { replace?: boolean; state?: PageState } = {}): void {
  const state = options.state ?? null;
  if (options.replace) window.history.replaceState(state, "", to);
  else window.history.pushState(state, "", to);
  requestHeadingFocus();
  window.dispatchEvent(new Event(NAVIGATE_EVENT));
}

/** A same-origin path from a `?next=` parameter, or null when it could lead off the site. */
export function safeNextPath(value: string | null): string | null {
  return value?.startsWith("/") && !value.startsWith("//") ? value : null;
}

/** One value of the page state this history entry was opened with, or null. */
export function pageState(name: string): string | null {
  const state: unknown = window.history.state;
  if (typeof state !== "object" || state === null) return null;
  const value = (state as Record<string, unknown>)[name];
  return typeof value === "string" ? value : null;
}

type LinkProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, "href"> & { to: string; state?: PageState };

export function Link({ to, state, onClick, ...rest }: LinkProps) {
  const pathname = usePathname();
  const handleClick = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(to, { state });
  };
  return <a href={to} aria-current={pathname === to ? "page" : undefined} onClick={handleClick} {...rest} />;
}

export function Redirect({ to }: { to: string }) {
  useEffect(() => navigate(to, { replace: true }), [to]);
  return null;
}
