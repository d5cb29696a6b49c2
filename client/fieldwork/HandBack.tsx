import { useEffect, useRef } from "react";

/**
 * The end of a hand-over: the participant is asked to give the tablet back, and the interviewer
 * confirms they have it before anything else shows (the interviewer notes come back with them).
 */
export function HandBack({
  reason,
  onTakeBack,
}: {
  reason: "section_end" | "give_back" | "pause" | "complete";
  onTakeBack: () => void;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <section className="hand-back" aria-labelledby="hand-back-heading">
      <h2 id="hand-back-heading" ref={heading} tabIndex={-1}>
        {reason === "pause"
          ? "Please give the tablet back to the interviewer"
          : "Thank you. Please give the tablet back"}
      </h2>
      <p className="lead">
        {reason === "complete"
          ? "You have reached the end. The interviewer will finish from here."
          : reason === "section_end"
            ? "That was the last question to answer on your own. The interviewer will carry on from here."
            : "The interviewer will take it from here."}
      </p>
      <button type="button" className="button button--large" onClick={onTakeBack}>
        I am the interviewer: carry on
      </button>
    </section>
  );
}
