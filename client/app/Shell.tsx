import type { ReactNode } from "react";
import { useChromeHidden } from "../ui/chrome.ts";
import { Header } from "./Header.tsx";

/** Skip link, header (hidden while a participant holds the tablet) and the one `<main>` every page renders into. */
export function Shell({ children }: { children: ReactNode }) {
  const chromeHidden = useChromeHidden();
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to main content
      </a>
      {!chromeHidden && <Header />}
      <main id="main" tabIndex={-1} className="main">
        {children}
      </main>
    </>
  );
}
