import type { ReactNode } from "react";
import { Header } from "./Header.tsx";

/** Skip link, header and the one `<main>` every page renders into. */
export function Shell({ children }: { children: ReactNode }) {
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to main content
      </a>
      <Header />
      <main id="main" tabIndex={-1} className="main">
        {children}
      </main>
    </>
  );
}
