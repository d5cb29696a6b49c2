import "survey-core/survey-core.fontless.min.css";
import { useEffect, useState } from "react";
import { Survey } from "survey-react-ui";
import { waveLabel } from "../ui/format.ts";
import { administrationModeLabels } from "./administration-modes.ts";
import type { RunningInterview } from "./interview.ts";
import { createInterviewModel } from "./interview-model.ts";
import { StopInterview } from "./StopInterview.tsx";

interface Props {
  interview: RunningInterview;
  onComplete: (data: Record<string, unknown>) => void;
  onStop: () => void;
}

/** Runs one interview with survey-react-ui; the answers leave only through `onComplete`. */
export function InterviewRunner({ interview, onComplete, onStop }: Props) {
  const [model] = useState(() => createInterviewModel(interview.version.definition));

  useEffect(() => {
    const handler = () => onComplete(model.data as Record<string, unknown>);
    model.onComplete.add(handler);
    return () => model.onComplete.remove(handler);
  }, [model, onComplete]);

  // Leaving the page mid-interview would lose the answers until drafts are kept on the device.
  useEffect(() => {
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, []);

  return (
    <div className="interview">
      <dl className="interview__facts">
        <div>
          <dt>Participant</dt>
          <dd className="code">{interview.participantCode}</dd>
        </div>
        <div>
          <dt>Wave</dt>
          <dd>{waveLabel(interview.wave)}</dd>
        </div>
        <div>
          <dt>Given</dt>
          <dd>{administrationModeLabels[interview.administrationMode]}</dd>
        </div>
      </dl>
      <StopInterview onStop={onStop} />
      <Survey model={model} />
    </div>
  );
}
