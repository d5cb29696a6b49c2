import { useState } from "react";
import type { OutcomeMapResponse, PublishedSurveySummary } from "../../shared/contract/index.ts";
import {
  type ComposeReleaseRequest,
  RELEASE_LIMITS,
  type ReleaseAudience,
  type ReleaseBreakdown,
  releaseAudienceLabels,
  releaseAudiences,
  releaseBreakdownLabels,
  releaseBreakdowns,
} from "../../shared/contract/releases.ts";
import { waveLabel } from "../../shared/follow-ups/wave-label.ts";
import { Form } from "../ui/Form.tsx";
import { SelectField } from "../ui/SelectField.tsx";
import { TextAreaField } from "../ui/TextAreaField.tsx";
import { TextField } from "../ui/TextField.tsx";
import { useSubmit } from "../ui/use-submit.ts";
import { CheckboxGroup } from "./CheckboxGroup.tsx";

/** The comparisons offered between interview rounds: baseline and the first three follow-ups. */
const changeOptions = [
  { value: "", label: "No comparison" },
  ...[
    [0, 1],
    [0, 2],
    [1, 2],
    [0, 3],
    [2, 3],
  ].map(([from, to]) => ({
    value: `${from}-${to}`,
    label: `${waveLabel(from ?? 0)} to ${waveLabel(to ?? 0).toLowerCase()}`,
  })),
];

export const emptyComposition = (surveyId: string): ComposeReleaseRequest => ({
  title: "",
  surveyId,
  outcomes: [],
  breakdowns: ["overall"],
  change: null,
  narrative: "",
  audiences: ["area_partnership", "experts"],
  corrects: null,
});

/**
 * What a release holds, chosen by the analyst: which outcomes of the theory of change, how the
 * figures are split, the change between two rounds for the same people, a narrative and who may read
 * it. The server checks it again (and whether every outcome still exists); its answer is shown as it is.
 */
export function ComposeForm({
  initial,
  surveys,
  map,
  submitLabel,
  onSubmit,
}: {
  initial: ComposeReleaseRequest;
  surveys: PublishedSurveySummary[];
  map: OutcomeMapResponse;
  submitLabel: string;
  onSubmit: (body: ComposeReleaseRequest) => Promise<void>;
}) {
  const [value, setValue] = useState(initial);
  const form = useSubmit({
    check: () => {
      const found: Record<string, string> = {};
      if (!value.title.trim()) found.title = "Give the release a title.";
      if (value.outcomes.length === 0) found.outcomes = "Choose at least one outcome.";
      if (value.breakdowns.length === 0) found.breakdowns = "Choose at least one way to split the figures.";
      if (value.audiences.length === 0) found.audiences = "Choose at least one group of readers.";
      return found;
    },
    run: () => onSubmit({ ...value, title: value.title.trim() }),
  });
  const { errors } = form;
  const set = <K extends keyof ComposeReleaseRequest>(key: K, v: ComposeReleaseRequest[K]) =>
    setValue((old) => ({ ...old, [key]: v }));

  const strandName = (id: string | null) =>
    map.theoryOfChange.strands.find((s) => s.id === id)?.name ?? "Across every strand";
  // An outcome can be reported on only where a question of the chosen survey measures it.
  const measuredBy = (surveyId: string) =>
    new Map(
      map.outcomes.map((o) => [o.outcomeId, o.indicators.filter((i) => i.surveyId === surveyId).length]),
    );
  const measured = measuredBy(value.surveyId);
  const outcomeOptions = map.theoryOfChange.nodes
    .filter((n) => n.stage === "outcome" && (measured.get(n.id) ?? 0) > 0)
    .map((n) => {
      const questions = measured.get(n.id) ?? 0;
      return {
        value: n.id,
        label: n.short,
        hint: `${strandName(n.strand)} · ${questions === 1 ? "1 question" : `${questions} questions`}`,
      };
    });

  return (
    <Form submit={form} className="release-compose" failureHeading="The release was not saved">
      <TextField
        label="Title"
        hint="Readers see this first, for example “How people feel about their support, spring 2026”."
        value={value.title}
        maxLength={RELEASE_LIMITS.title}
        onChange={(e) => set("title", e.target.value)}
        error={errors.title}
      />
      <SelectField
        label="Survey"
        options={surveys.map((s) => ({ value: s.id, label: s.title }))}
        value={value.surveyId}
        onChange={(e) => {
          const surveyId = e.target.value;
          const still = measuredBy(surveyId);
          setValue((old) => ({
            ...old,
            surveyId,
            outcomes: old.outcomes.filter((o) => (still.get(o) ?? 0) > 0),
          }));
        }}
        error={errors.surveyId}
      />
      <CheckboxGroup
        legend="Outcomes to report on"
        hint={
          outcomeOptions.length > 0
            ? "Outcomes of the theory of change that a question of this survey measures."
            : "No question of this survey measures an outcome of the theory of change: choose another survey."
        }
        options={outcomeOptions}
        value={value.outcomes}
        onChange={(v) => set("outcomes", v)}
        error={errors.outcomes}
      />
      <CheckboxGroup<ReleaseBreakdown>
        legend="How to split the figures"
        hint="Smaller groups mean more figures are withheld to protect people."
        options={releaseBreakdowns.map((b) => ({ value: b, label: releaseBreakdownLabels[b] }))}
        value={value.breakdowns}
        onChange={(v) => set("breakdowns", v)}
        error={errors.breakdowns}
      />
      <SelectField
        label="Change between interview rounds"
        hint="Compares the same people at two rounds."
        options={changeOptions}
        value={value.change ? `${value.change.fromWave}-${value.change.toWave}` : ""}
        onChange={(e) => {
          const [from, to] = e.target.value.split("-").map(Number);
          set(
            "change",
            from === undefined || to === undefined || !e.target.value ? null : { fromWave: from, toWave: to },
          );
        }}
        error={errors.change}
      />
      <TextAreaField
        label="What readers should know"
        hint="A few sentences shown above the figures: what they are and how to read them."
        value={value.narrative}
        maxLength={RELEASE_LIMITS.narrative}
        rows={6}
        onChange={(e) => set("narrative", e.target.value)}
        error={errors.narrative}
      />
      <CheckboxGroup<ReleaseAudience>
        legend="Who can read it once published"
        options={releaseAudiences.map((a) => ({ value: a, label: releaseAudienceLabels[a] }))}
        value={value.audiences}
        onChange={(v) => set("audiences", v)}
        error={errors.audiences}
      />
      <div className="actions">
        <button type="submit" className="button" disabled={form.busy}>
          {form.busy ? "Saving…" : submitLabel}
        </button>
      </div>
    </Form>
  );
}
