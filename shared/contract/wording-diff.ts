/**
 * The readable difference in wording between two versions of a survey, as `GET …/diff` answers it
 * (`diffWording` in `shared/editor/version-diff.ts` works it out): per question (matched by name),
 * each participant-facing string that was added, removed or reworded, as word segments.
 */
export type DiffSegment = { kind: "same" | "added" | "removed"; text: string };

export type WordingChangeStatus = "added" | "removed" | "changed";

export interface StringDiff {
  key: string;
  label: string;
  segments: DiffSegment[];
}

export interface ItemDiff {
  /** "survey", "page", or "question". */
  kind: "survey" | "page" | "question";
  name: string;
  title: string;
  status: WordingChangeStatus;
  strings: StringDiff[];
}
