import { type FormEvent, useState } from "react";
import type { AdministrationMode, Me, PublishedSurveySummary } from "../../shared/contract/index.ts";
import { canonicalParticipantCode } from "../../shared/participant/code.ts";
import type { InterviewSetupFields } from "../offline/contract.ts";
import { ErrorAlert } from "../ui/ErrorAlert.tsx";
import { focusFirstError } from "../ui/focus-first-error.ts";
import { TextField } from "../ui/TextField.tsx";
import { AdministrationModeField } from "./AdministrationModeField.tsx";
import { AreaField } from "./AreaField.tsx";
import { ParticipantCodeField } from "./ParticipantCodeField.tsx";
import { ParticipantLanguageField } from "./ParticipantLanguageField.tsx";
import { participantCodeProblem } from "./participant-code-problem.ts";

interface Props {
  me: Me;
  survey: PublishedSurveySummary;
  initialCode?: string;
  initialWave?: number;
  onStart: (setup: InterviewSetupFields) => Promise<void>;
  onBack: () => void;
}

interface StartErrors {
  code?: string | undefined;
  wave?: string | undefined;
  area?: string | undefined;
  mode?: string | undefined;
}

function waveProblem(wave: string): string | undefined {
  return /^\d{1,3}$/.test(wave.trim()) && Number(wave) <= 100
    ? undefined
    : "Enter the wave as a whole number: 0 for the baseline, 1 for the first follow-up.";
}

export function StartInterviewForm({
  me,
  survey,
  initialCode = "",
  initialWave = 0,
  onStart,
  onBack,
}: Props) {
  const [code, setCode] = useState(initialCode);
  const [wave, setWave] = useState(String(initialWave));
  const [areaId, setAreaId] = useState(me.areaId ?? "");
  const [mode, setMode] = useState<AdministrationMode | null>(null);
  const [language, setLanguage] = useState<string | undefined>(undefined);
  const [submitted, setSubmitted] = useState(false);
  const [errors, setErrors] = useState<StartErrors>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const handleSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSubmitted(true);
    setFailure(null);
    const found: StartErrors = {
      code: participantCodeProblem(code, true),
      wave: waveProblem(wave),
      area: areaId === "" ? "Choose the area this interview is for." : undefined,
      mode: mode === null ? "Choose how the survey is given." : undefined,
    };
    setErrors(found);
    const participantCode = canonicalParticipantCode(code);
    if (!participantCode || found.wave || found.area || !mode) {
      focusFirstError(event.currentTarget);
      return;
    }
    setBusy(true);
    try {
      await onStart({
        participantCode,
        wave: Number(wave),
        areaId,
        administrationMode: mode,
        ...(language ? { language } : {}),
      });
    } catch (error) {
      setFailure(error);
      setBusy(false);
    }
  };

  return (
    <form className="start-form" onSubmit={handleSubmit} noValidate>
      <p className="lead">
        {survey.title} <span className="muted">(version {survey.version})</span>
      </p>
      {failure !== null && <ErrorAlert heading="The interview could not start" error={failure} />}
      <ParticipantCodeField value={code} onChange={setCode} submitted={submitted} />
      <TextField
        label="Wave"
        hint="0 is the baseline interview, 1 the first follow-up, 2 the second, and so on."
        type="number"
        inputMode="numeric"
        min={0}
        max={100}
        step={1}
        value={wave}
        onChange={(event) => setWave(event.target.value)}
        error={errors.wave}
        className="input input--short"
      />
      <AreaField me={me} value={areaId} onChange={setAreaId} error={errors.area} />
      <AdministrationModeField value={mode} onChange={setMode} error={errors.mode} />
      <ParticipantLanguageField survey={survey} value={language} onChange={setLanguage} />
      <div className="actions">
        <button type="submit" className="button button--large" disabled={busy}>
          {busy ? "Opening the survey…" : "Start interview"}
        </button>
        <button type="button" className="button button--secondary" onClick={onBack}>
          Back
        </button>
      </div>
    </form>
  );
}
