import { useEffect, useRef } from "react";
import { HoldButton } from "./HoldButton.tsx";

export type HandBackReason = "section_end" | "give_back" | "break" | "stop" | "complete";

const leads: Record<HandBackReason, string> = {
  complete: "You have reached the end. The interviewer will finish from here.",
  section_end: "That was the last question to answer on your own. The interviewer will carry on from here.",
  give_back: "The interviewer will take it from here.",
  break: "You asked for a break. The interviewer will take it from here.",
  stop: "You asked to stop. You do not have to answer any more questions. The interviewer will take it from here.",
};

/**
 * The end of a hand-over: the participant is asked to give the tablet back, and only the interviewer
 * (by pressing and holding) gets past this screen. What the participant asked for (a break, to stop)
 * is passed on to the interviewer's screen.
 */
export function HandBack({ reason, onTakeBack }: { reason: HandBackReason; onTakeBack: () => void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <section className="hand-back" aria-labelledby="hand-back-heading">
      <h2 id="hand-back-heading" ref={heading} tabIndex={-1}>
        {reason === "break" || reason === "stop"
          ? "Please give the tablet back to the interviewer"
          : "Thank you. Please give the tablet back"}
      </h2>
      <p className="lead">{leads[reason]}</p>
      <HoldButton onHeld={onTakeBack}>I am the interviewer: hold to carry on</HoldButton>
    </section>
  );
}
