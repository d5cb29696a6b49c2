import "./fieldwork.css";
import { useCallback, useState } from "react";
import type { PublishedSurveySummary } from "../../shared/contract/index.ts";
import { fetchSurveyVersion } from "../api/surveys.ts";
import { requestHeadingFocus } from "../app/focus.ts";
import { useMe } from "../auth/session.tsx";
import { PageHeading } from "../ui/PageHeading.tsx";
import { InterviewFinished } from "./InterviewFinished.tsx";
import { InterviewRunner } from "./InterviewRunner.tsx";
import { completeInterview, type InterviewSetup, type RunningInterview } from "./interview.ts";
import { OutboxPanel } from "./OutboxPanel.tsx";
import type { OutboxEntry } from "./outbox.ts";
import { newResponseId } from "./response-id.ts";
import { StartInterviewForm } from "./StartInterviewForm.tsx";
import { SurveyChooser } from "./SurveyChooser.tsx";
import { outboxEntryFor, type SaveResult, saveInterview } from "./save-interview.ts";

/** The steps of one interview, from choosing a survey to seeing it safely stored. */
type Step =
  | { kind: "choose" }
  | { kind: "start"; survey: PublishedSurveySummary }
  | { kind: "interview"; interview: RunningInterview }
  | { kind: "finished"; survey: PublishedSurveySummary; entry: OutboxEntry; result: SaveResult | null };

export default function FieldworkPage() {
  const me = useMe();
  const [step, setStep] = useState<Step>({ kind: "choose" });

  const go = useCallback((next: Step) => {
    requestHeadingFocus();
    setStep(next);
    window.scrollTo(0, 0);
  }, []);

  const save = useCallback(async (survey: PublishedSurveySummary, entry: OutboxEntry) => {
    setStep({ kind: "finished", survey, entry, result: null });
    const result = await saveInterview(entry);
    setStep((current) =>
      current.kind === "finished" && current.entry.item.id === entry.item.id
        ? { ...current, result }
        : current,
    );
  }, []);

  const start = async (survey: PublishedSurveySummary, setup: InterviewSetup) => {
    const version = await fetchSurveyVersion(survey.id, survey.version);
    const interview = { ...setup, id: newResponseId(), startedAt: new Date().toISOString(), survey, version };
    go({ kind: "interview", interview });
  };

  const complete = useCallback(
    (interview: RunningInterview, data: Record<string, unknown>) => {
      const entry = outboxEntryFor(completeInterview(interview, data), interview.version.title);
      requestHeadingFocus();
      window.scrollTo(0, 0);
      void save(interview.survey, entry);
    },
    [save],
  );

  switch (step.kind) {
    case "choose":
      return (
        <>
          <PageHeading>Fieldwork</PageHeading>
          <OutboxPanel />
          <SurveyChooser onChoose={(survey) => go({ kind: "start", survey })} />
        </>
      );
    case "start":
      return (
        <>
          <PageHeading>Start an interview</PageHeading>
          <StartInterviewForm
            me={me}
            survey={step.survey}
            onStart={(setup) => start(step.survey, setup)}
            onBack={() => go({ kind: "choose" })}
          />
          <OutboxPanel />
        </>
      );
    case "interview":
      return (
        <>
          <PageHeading>{step.interview.version.title}</PageHeading>
          <InterviewRunner
            interview={step.interview}
            onComplete={(data) => complete(step.interview, data)}
            onStop={() => go({ kind: "choose" })}
          />
        </>
      );
    case "finished":
      return (
        <>
          <PageHeading>Interview finished</PageHeading>
          <InterviewFinished
            entry={step.entry}
            result={step.result}
            onRetry={() => void save(step.survey, step.entry)}
            onAnother={() => go({ kind: "start", survey: step.survey })}
            onBack={() => go({ kind: "choose" })}
          />
          <OutboxPanel exclude={step.entry.item.id} />
        </>
      );
  }
}
