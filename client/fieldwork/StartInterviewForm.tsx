import { type FormEvent, useId, useState } from "react";
import type { AdministrationMode, Me, PublishedSurveySummary } from "../../shared/contract/index.ts";
import { canonicalParticipantCode } from "../../shared/contract/participant-code.ts";
import type { WaveChoice } from "../../shared/fieldwork/wave-choice.ts";
import type { InterviewSetupFields } from "../offline/contract.ts";
import { ErrorAlert } from "../ui/ErrorAlert.tsx";
import { focusFirstError } from "../ui/focus-first-error.ts";
import { AreaField } from "./AreaField.tsx";
import { administrationModeOptions } from "./administration-modes.ts";
import { ParticipantCodeField } from "./ParticipantCodeField.tsx";
import { ParticipantLanguageField } from "./ParticipantLanguageField.tsx";
import { participantCodeProblem } from "./participant-code-problem.ts";
import { WaveField } from "./WaveField.tsx";

interface Props {
  me: Me;
  survey: PublishedSurveySummary;
  initialCode?: string;
  /** The wave worked out for a code (its interviews on this tablet and the due list). */
  waveFor: (participantCode: string | null) => WaveChoice;
  onStart: (setup: InterviewSetupFields) => Promise<void>;
  onBack: () => void;
}

interface StartErrors {
  code?: string | undefined;
  area?: string | undefined;
}

/**
 * Who, which wave, where, and how the survey is given. The wave is worked out and only confirmed; the
 * way the survey is given is the last choice, so each way is its own Start button (one tap, not two).
 */
export function StartInterviewForm({ me, survey, initialCode = "", waveFor, onStart, onBack }: Props) {
  const modeHeading = useId();
  const [code, setCode] = useState(initialCode);
  /** The researcher's own choice of wave for this code, if they changed what was worked out. */
  const [chosenWave, setChosenWave] = useState<{ code: string; wave: number } | null>(null);
  const [areaId, setAreaId] = useState(me.areaId ?? "");
  const [language, setLanguage] = useState<string | undefined>(undefined);
  const [submitted, setSubmitted] = useState(false);
  const [errors, setErrors] = useState<StartErrors>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState<AdministrationMode | null>(null);

  const participantCode = canonicalParticipantCode(code);
  const worked = waveFor(participantCode);
  const wave = chosenWave && chosenWave.code === participantCode ? chosenWave.wave : worked.wave;

  const handleSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    const mode = administrationModeOptions.find(([m]) => m === submitter?.getAttribute("value"))?.[0];
    setSubmitted(true);
    setFailure(null);
    const found: StartErrors = {
      code: participantCodeProblem(code, true),
      area: areaId === "" ? "Choose the area this interview is for." : undefined,
    };
    setErrors(found);
    if (!participantCode || found.area || !mode) {
      focusFirstError(event.currentTarget);
      return;
    }
    setBusy(mode);
    try {
      await onStart({
        participantCode,
        wave,
        areaId,
        administrationMode: mode,
        ...(language ? { language } : {}),
      });
    } catch (error) {
      setFailure(error);
      setBusy(null);
    }
  };

  return (
    <form className="start-form" onSubmit={handleSubmit} noValidate>
      <p className="lead">
        {survey.title} <span className="muted">(version {survey.version})</span>
      </p>
      {failure !== null && <ErrorAlert heading="The interview could not start" error={failure} />}
      <ParticipantCodeField value={code} onChange={setCode} submitted={submitted} />
      <WaveField
        choice={worked}
        value={wave}
        known={participantCode !== null}
        onChange={(next) => participantCode && setChosenWave({ code: participantCode, wave: next })}
      />
      <AreaField me={me} value={areaId} onChange={setAreaId} error={errors.area} />
      <ParticipantLanguageField survey={survey} value={language} onChange={setLanguage} />
      <section className="start-modes" aria-labelledby={modeHeading}>
        <h2 id={modeHeading} className="start-modes__heading">
          Start: how is the survey given?
        </h2>
        <div className="start-modes__buttons">
          {administrationModeOptions.map(([mode, label]) => (
            <button
              key={mode}
              type="submit"
              name="mode"
              value={mode}
              className="button button--large"
              disabled={busy !== null}
            >
              {busy === mode
                ? "Opening the survey…"
                : `Start, ${label.charAt(0).toLowerCase()}${label.slice(1)}`}
            </button>
          ))}
        </div>
      </section>
      <div className="actions">
        <button type="button" className="button button--secondary" onClick={onBack}>
          Back
        </button>
      </div>
    </form>
  );
}
