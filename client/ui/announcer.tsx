import { createContext, type ReactNode, useCallback, useContext, useState } from "react";

/**
 * One polite live region for the whole app (WCAG 4.1.3). It is in the page from the start, which
 * is what makes screen readers read changes to it; pages call `announce()` for status messages.
 */
const AnnounceContext = createContext<(message: string) => void>(() => {});

export function useAnnounce(): (message: string) => void {
  return useContext(AnnounceContext);
}

export function AnnouncerProvider({ children }: { children: ReactNode }) {
  const [message, setMessage] = useState("");
  const announce = useCallback((next: string) => {
    // Clearing first lets the same message be announced twice in a row.
    setMessage("");
    window.setTimeout(() => setMessage(next), 50);
  }, []);
  return (
    <AnnounceContext.Provider value={announce}>
      {children}
      <div className="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
        {message}
      </div>
    </AnnounceContext.Provider>
  );
}
