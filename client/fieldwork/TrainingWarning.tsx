import { useEffect, useState } from "react";
import type { Readiness } from "../../shared/contract/training.ts";
import { trainingKindLabels } from "../../shared/contract/training.ts";
import { standingText } from "../../shared/training/training-standing.ts";
import { fetchReadiness } from "../api/coordination.ts";

/**
 * A warning to show before fieldwork starts when the researcher's required training (safeguarding,
 * distress protocol) has lapsed or was never recorded. It warns; it does not stop anyone. Shows
 * nothing while loading, when all is well, and when the server cannot be reached (offline: the
 * interview must still be possible). Shown on the start-interview screen.
 */
export function TrainingWarning() {
  const [readiness, setReadiness] = useState<Readiness | null>(null);
  useEffect(() => {
    let live = true;
    fetchReadiness().then(
      (r) => live && setReadiness(r),
      () => {},
    );
    return () => {
      live = false;
    };
  }, []);
  if (!readiness || readiness.ready || !readiness.applies) return null;
  const lapsed = readiness.training.filter(
    (t) => t.required && (t.state === "lapsed" || t.state === "missing"),
  );
  return (
    <div className="notice notice--warning" role="status">
      <p className="alert__heading">Your training needs a refresher before fieldwork</p>
      <ul>
        {lapsed.map((t) => (
          <li key={t.kind}>
            {trainingKindLabels[t.kind]}: {standingText(t).toLowerCase()}
          </li>
        ))}
      </ul>
      <p>You can still start, but please talk to your coordinator about a refresher soon.</p>
    </div>
  );
}
