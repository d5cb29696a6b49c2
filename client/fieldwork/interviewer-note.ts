import type { Question } from "survey-core";

/**
 * Shows a question's `interviewerNote` (an Alongside property, see shared/survey/properties.ts)
 * under the question's title. It is guidance for the peer researcher reading the question aloud;
 * the show-card and hand-over views hide it (fieldwork.css), so the participant never sees it.
 */
export function showInterviewerNote(question: Question, element: HTMLElement): void {
  const note: unknown = question.getPropertyValue("interviewerNote");
  if (typeof note !== "string" || note.trim() === "") return;
  if (element.querySelector(".interviewer-note")) return;

  const box = document.createElement("p");
  box.className = "interviewer-note";
  const label = document.createElement("strong");
  label.textContent = "Interviewer note: ";
  box.append(label, note);

  const header = element.querySelector(".sd-question__header");
  if (header) header.after(box);
  else element.prepend(box);
}
