import type { MouseEvent, ReactNode } from "react";
import { Header } from "./Header.tsx";

/** Skip link, header and the one `<main>` every page renders into. */
export function Shell({ children }: { children: ReactNode }) {
  // Moving focus by script keeps the address bar (and a setup link's #token) untouched.
  const skipToMain = (event: MouseEvent<HTMLAnchorElement>) => {
    event.preventDefault();
    document.getElementById("main")?.focus();
  };
  return (
    <>
      <a className="skip-link" href="#main" onClick={skipToMain}>
        Skip to main content
      </a>
      <Header />
      <main id="main" tabIndex={-1} className="main">
        {children}
      </main>
    </>
  );
}
