import { useSyncExternalStore } from "react";
import type { LoadedWords } from "../../shared/fieldwork/participant-words.ts";
import { waveLabel } from "../../shared/follow-ups/wave-label.ts";
import type { DraftSaver } from "../offline/drafts.ts";
import type { DraftRecord, InterviewView } from "../offline/records.ts";
import { administrationModeLabels } from "./administration-modes.ts";
import { languageAttributes } from "./participant-language.ts";

interface Props {
  draft: DraftRecord;
  saver: DraftSaver;
  view: InterviewView;
  /** The app's words for the participant, in their language (decision 0050). */
  words: LoadedWords;
  /** The survey is on screen (after the readiness check): the view can change. */
  questions: boolean;
  sensitivePage: boolean;
  onView: (view: InterviewView) => void;
  onPause: () => void;
  onStop: () => void;
  /** The participant holds the tablet and asks for a break, or to stop, or gives it back. */
  onParticipantBreak: () => void;
  onParticipantStop: () => void;
  onGiveBack: () => void;
}

/**
 * Always on screen during an interview: who it is with, that the answers are saved, Pause and Stop
 * (the distress protocol), and the three ways of holding the tablet. While the participant holds the
 * tablet (show card, hand-over) they see only a way to ask for a break, to stop, or to give it back;
 * each leads to the hand-back screen that only the interviewer gets past.
 */
export function InterviewBar({
  draft,
  saver,
  view,
  words: { locale, words },
  questions,
  sensitivePage,
  onView,
  onPause,
  onStop,
  onParticipantBreak,
  onParticipantStop,
  onGiveBack,
}: Props) {
  const saved = useSyncExternalStore(
    (listener) => saver.subscribe(listener),
    () => saver.status(),
  );

  if (view !== "interviewer") {
    const { lang, dir } = languageAttributes(locale);
    return (
      <div className="interview-bar interview-bar--hand-over" lang={lang} dir={dir}>
        <p className="interview-bar__hand-over-note">
          {view === "hand_over" ? (
            <>
              <strong>{words.handOverStrong}</strong> {words.handOverRest}
            </>
          ) : (
            <>
              <strong>{words.showCardStrong}</strong> {words.showCardRest}
            </>
          )}
        </p>
        <div className="interview-bar__actions">
          <button type="button" className="button button--large" onClick={onParticipantBreak}>
            {words.wantBreak}
          </button>
          <button type="button" className="button button--large" onClick={onParticipantStop}>
            {words.wantStop}
          </button>
          <button type="button" className="button button--secondary button--large" onClick={onGiveBack}>
            {words.giveBack}
          </button>
        </div>
      </div>
    );
  }

  return (
    <div className="interview-bar">
      <dl className="interview__facts">
        <div>
          <dt>Participant</dt>
          <dd className="code">{draft.setup.participantCode}</dd>
        </div>
        <div>
          <dt>Wave</dt>
          <dd>{waveLabel(draft.setup.wave)}</dd>
        </div>
        <div>
          <dt>Given</dt>
          <dd>{administrationModeLabels[draft.setup.administrationMode]}</dd>
        </div>
        <div>
          <dt>On this tablet</dt>
          <dd className={saved.state === "failed" ? "save-state save-state--failed" : "save-state"}>
            {saved.state === "failed"
              ? saved.failure === "full"
                ? "Not saved yet: the tablet is full. Your answers are kept on this screen and saving is tried again every few seconds. Upload what is waiting to free space."
                : "Not saved yet: the tablet's storage refused. Your answers are kept on this screen and saving is tried again every few seconds: keep it open."
              : saved.state === "saving"
                ? "Saving…"
                : `Saved ${new Date(saved.savedAt).toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit", second: "2-digit" })}`}
          </dd>
        </div>
      </dl>
      <div className="interview-bar__actions">
        <button type="button" className="button button--pause" onClick={onPause}>
          Pause
        </button>
        <button type="button" className="button button--danger" onClick={onStop}>
          Stop
        </button>
        {questions && (
          <fieldset className="view-switch">
            <legend className="view-switch__label">View</legend>
            <button
              type="button"
              className="button button--secondary"
              aria-pressed={view === "interviewer"}
              onClick={() => onView("interviewer")}
            >
              Interviewer
            </button>
            <button
              type="button"
              className="button button--secondary"
              aria-pressed={false}
              onClick={() => onView("show_card")}
            >
              Show card
            </button>
            <button
              type="button"
              className={sensitivePage ? "button button--highlight" : "button button--secondary"}
              aria-pressed={false}
              aria-describedby={sensitivePage ? "hand-over-hint" : undefined}
              onClick={() => onView("hand_over")}
            >
              Hand over
            </button>
          </fieldset>
        )}
      </div>
      {questions && sensitivePage && (
        <p className="interview-bar__hint" id="hand-over-hint">
          Sensitive questions: you can hand the tablet over so the participant answers them on their own.
        </p>
      )}
    </div>
  );
}
