import { type KeyboardEvent, useEffect, useId, useRef, useState } from "react";

/** How long the interviewer holds to take the tablet back: long enough that a tap never does it. */
export const HOLD_MS = 2000;

/**
 * A button that acts only after it has been held down for two seconds (finger, mouse, or Space/Enter
 * held on a keyboard). A short tap only says to keep holding. The fill shows how long is left.
 */
export function HoldButton({ children, onHeld }: { children: string; onHeld: () => void }) {
  const [holding, setHolding] = useState(false);
  const [hint, setHint] = useState(false);
  const hintId = useId();
  const timer = useRef<number | undefined>(undefined);
  const latest = useRef(onHeld);
  latest.current = onHeld;

  const stop = (early: boolean) => {
    if (timer.current === undefined) return;
    window.clearTimeout(timer.current);
    timer.current = undefined;
    setHolding(false);
    if (early) setHint(true);
  };
  const start = () => {
    if (timer.current !== undefined) return;
    setHolding(true);
    setHint(false);
    timer.current = window.setTimeout(() => {
      timer.current = undefined;
      setHolding(false);
      latest.current();
    }, HOLD_MS);
  };
  useEffect(() => () => window.clearTimeout(timer.current), []);

  const isHoldKey = (event: KeyboardEvent) => event.key === " " || event.key === "Enter";

  return (
    <div className="hold">
      <button
        type="button"
        className={
          holding
            ? "button button--large hold__button hold__button--holding"
            : "button button--large hold__button"
        }
        aria-describedby={hintId}
        onPointerDown={(event) => {
          event.currentTarget.setPointerCapture?.(event.pointerId);
          start();
        }}
        onPointerUp={() => stop(true)}
        onPointerCancel={() => stop(false)}
        onLostPointerCapture={() => stop(false)}
        onContextMenu={(event) => event.preventDefault()}
        onKeyDown={(event) => {
          if (!isHoldKey(event)) return;
          event.preventDefault();
          if (!event.repeat) start();
        }}
        onKeyUp={(event) => {
          if (isHoldKey(event)) stop(true);
        }}
        onBlur={() => stop(false)}
      >
        <span className="hold__fill" aria-hidden="true" />
        <span className="hold__label">{children}</span>
      </button>
      <p id={hintId} className="hold__hint" aria-live="polite">
        {hint ? "Keep holding until the bar is full (2 seconds)." : "Press and hold for 2 seconds."}
      </p>
    </div>
  );
}
