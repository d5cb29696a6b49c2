import "./app/app.css";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { config as configureZod } from "zod";
import { App } from "./app/App.tsx";

// zod probes for eval() to speed up parsing; under our CSP (no 'unsafe-eval') that probe is a violation.
configureZod({ jitless: true });

const root = document.getElementById("root");
if (root)
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
