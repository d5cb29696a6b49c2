import { useEffect, useRef } from "react";
import { takeHeadingFocusRequest } from "../routing/focus.ts";

/** The page's one `<h1>`; it also names the browser tab and takes focus after a navigation. */
export function PageHeading({ children }: { children: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${children} – Alongside`;
    if (takeHeadingFocusRequest()) ref.current?.focus();
  }, [children]);
  return (
    <h1 ref={ref} tabIndex={-1}>
      {children}
    </h1>
  );
}
