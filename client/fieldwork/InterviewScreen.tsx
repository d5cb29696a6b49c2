import { Activity, Suspense, useCallback, useEffect, useRef, useState } from "react";
import type { Model } from "survey-core";
import type { Me } from "../../shared/contract/index.ts";
import type { HandBackReason } from "../../shared/fieldwork/participant-words.ts";
import { waveLabel } from "../../shared/follow-ups/wave-label.ts";
import { mainLocale } from "../../shared/survey/locales.ts";
import { DraftSaver, getDraft, type SaveFailure } from "../offline/drafts.ts";
import { interviewOpened } from "../offline/interview-lock.ts";
import type { DraftRecord, InterviewView } from "../offline/records.ts";
import { isQuotaExceeded } from "../offline/storage-pressure.ts";
import { Link, navigate } from "../routing/router.tsx";
import { useAnnounce } from "../ui/announcer.tsx";
import { useHideChrome } from "../ui/chrome.ts";
import { Loading } from "../ui/Loading.tsx";
import { PageHeading } from "../ui/PageHeading.tsx";
import { Dialog } from "./Dialog.tsx";
import { type EndedAs, finishInterview, rescheduleInterview } from "./finish-interview.ts";
import { loadSanitiser } from "./html-sanitiser.ts";
import { InterviewBar } from "./InterviewBar.tsx";
import { InterviewRunner, type PageFacts } from "./InterviewRunner.tsx";
import { languageAttributes } from "./participant-language.ts";
import { fieldworkPath } from "./paths.ts";
import { preloadable } from "./preloadable.ts";
import { ReadinessCheck } from "./ReadinessCheck.tsx";
import { useParticipantWords } from "./use-participant-words.ts";

// The screen that asks for the tablet back comes after the first question, never before it: it is
// fetched as the interview opens, so it is in memory before any hand-over (decision 0063).
const handBackScreen = preloadable(() => import("./HandBack.tsx").then((m) => m.HandBack));

/** Opens an interview in progress from the tablet's database, wherever it was left. */
export function InterviewScreen({ id, me }: { id: string; me: Me }) {
  const [draft, setDraft] = useState<DraftRecord | null | undefined>(undefined);
  useEffect(() => {
    let live = true;
    void handBackScreen.preload();
    void loadSanitiser();
    getDraft(id, me.id).then(
      (found) => live && setDraft(found ?? null),
      () => live && setDraft(null),
    );
    return () => {
      live = false;
    };
  }, [id, me.id]);

  if (draft === undefined) return <Loading what="the interview" />;
  if (draft === null) {
    return (
      <>
        <PageHeading>Interview not found</PageHeading>
        <p>This interview is not in progress on this tablet. If it was finished, it is in the outbox.</p>
        <p className="actions">
          <Link to={fieldworkPath.home} className="button">
            Back to fieldwork
          </Link>
          <Link to={fieldworkPath.outbox} className="button button--secondary">
            Open the outbox
          </Link>
        </p>
      </>
    );
  }
  return <InterviewSession draft={draft} me={me} />;
}

function InterviewSession({ draft, me }: { draft: DraftRecord; me: Me }) {
  const announce = useAnnounce();
  const [saver] = useState(() => new DraftSaver(draft));
  const [stage, setStage] = useState(draft.stage);
  const [view, setView] = useState<InterviewView>(draft.view);
  const [handBack, setHandBack] = useState<HandBackReason | null>(null);
  const [completeOnceBack, setCompleteOnceBack] = useState(false);
  const [dialog, setDialog] = useState<"pause" | "stop" | null>(null);
  const [facts, setFacts] = useState<PageFacts>({ consent: false, sensitive: false });
  const [ending, setEnding] = useState(false);
  const [endFailed, setEndFailed] = useState<SaveFailure | null>(null);
  const retryEnd = useRef<(() => Promise<EndedAs>) | null>(null);
  /** What the participant asked for while they held the tablet, shown to the interviewer after. */
  const [asked, setAsked] = useState<"break" | "stop" | null>(null);
  const modelRef = useRef<Model | null>(null);
  // The participant's language: chosen at the start, or the version's main one (decision 0037).
  const language = draft.setup.language ?? mainLocale(draft.version.definition);
  const words = useParticipantWords(language);

  useEffect(() => interviewOpened(), []);
  // While the participant holds the tablet there is no way out of the interview but the hand-back.
  const participantHolds = view !== "interviewer" || handBack !== null;
  useHideChrome(participantHolds);
  useStayOnPage(participantHolds);

  const end = useCallback(
    async (how: () => Promise<EndedAs>) => {
      setEnding(true);
      setEndFailed(null);
      await saver.flush();
      // Storage full or refused while ending (issue 17): nothing is lost, the answers stay here.
      saver.stop();
      let ended: EndedAs;
      try {
        ended = await how();
      } catch (error) {
        saver.resume();
        retryEnd.current = how;
        setEnding(false);
        setEndFailed(isQuotaExceeded(error) ? "full" : "refused");
        return;
      }
      const about = {
        code: draft.setup.participantCode,
        surveyId: draft.survey.id,
        areaId: draft.setup.areaId,
        language,
      };
      navigate(fieldworkPath.finished(draft.id, ended), { replace: true, state: about });
    },
    [saver, draft, language],
  );

  const changeView = (next: InterviewView) => {
    setView(next);
    saver.save(next === "hand_over" ? { view: next, handedOver: true } : { view: next });
    if (next === "hand_over") announce("Hand the tablet to the participant.");
  };

  const takeBack = () => {
    const reason = handBack;
    setHandBack(null);
    changeView("interviewer");
    focusSurvey();
    if (reason === "break" || reason === "stop") {
      setAsked(reason);
      setDialog(reason === "break" ? "pause" : "stop");
    }
    if (reason === "complete") setCompleteOnceBack(true);
  };

  // The participant pressed Complete in hand-over; the interviewer has the tablet back and it completes
  // now. After the render that puts the interviewer view back: before it, the survey still saw
  // hand-over, refused to complete and asked for the tablet back again (the PIN seemed to do nothing).
  useEffect(() => {
    if (!completeOnceBack || view !== "interviewer") return;
    setCompleteOnceBack(false);
    modelRef.current?.tryComplete();
  }, [completeOnceBack, view]);

  const closeDialog = () => {
    setDialog(null);
    setAsked(null);
  };

  const HandBack = handBackScreen.current();
  const consentGiven = () => saver.current.data.consent === true || !("consent" in saver.current.data);

  return (
    <div className={`interview interview--${view.replace("_", "-")}`}>
      <PageHeading>{draft.version.title}</PageHeading>
      {handBack ? (
        <Suspense fallback={<Loading what="the next step" />}>
          <HandBack reason={handBack} words={words} onTakeBack={takeBack} />
        </Suspense>
      ) : (
        <InterviewBar
          draft={draft}
          saver={saver}
          view={view}
          words={words}
          questions={stage === "questions"}
          sensitivePage={facts.sensitive}
          onView={changeView}
          onPause={() => setDialog("pause")}
          onStop={() => setDialog("stop")}
          onParticipantBreak={() => setHandBack("break")}
          onParticipantStop={() => setHandBack("stop")}
          onGiveBack={() => setHandBack("give_back")}
        />
      )}
      {ending && <p className="notice">Saving the interview…</p>}
      {endFailed && (
        <EndFailed failure={endFailed} onRetry={() => retryEnd.current && void end(retryEnd.current)} />
      )}
      <div hidden={handBack !== null || ending}>
        {stage === "readiness" && (
          <ReadinessCheck
            onReady={() => {
              setStage("questions");
              saver.save({ stage: "questions" });
              focusSurvey();
            }}
            onReschedule={() => void end(() => rescheduleInterview(me, saver.current))}
          />
        )}
        {stage === "questions" && facts.consent && view === "show_card" && (
          <p className="consent-note" tabIndex={-1} {...languageAttributes(words.locale)}>
            {words.words.consentNote}
          </p>
        )}
        {stage === "questions" && facts.consent && view === "interviewer" && (
          <p className="consent-note" tabIndex={-1}>
            <strong>Consent for this interview: {waveLabel(draft.setup.wave)}.</strong> Ask every time, even
            if the person agreed at an earlier wave. If they say no, nothing but the “no” is kept.
          </p>
        )}
        {/* While the researcher reads the readiness check, the survey is built and its first page
            rendered out of sight, at low priority and with no effects (React's Activity), so "ready"
            only has to show it: the first question comes sooner on a slow tablet. */}
        <Activity mode={stage === "questions" ? "visible" : "hidden"}>
          <Suspense fallback={<Loading what="the questions" />}>
            <InterviewRunner
              draft={draft}
              view={view}
              words={words}
              modelRef={modelRef}
              onAnswers={(data, pageNo) => saver.save({ data, pageNo })}
              onPage={(pageNo, next) => {
                setFacts(next);
                if (pageNo !== saver.current.pageNo) saver.save({ pageNo });
              }}
              onSensitiveSectionEnd={() => setHandBack("section_end")}
              onCompleteDuringHandOver={() => setHandBack("complete")}
              onComplete={(data) => void end(() => finishInterview(saver.current, data, false))}
            />
          </Suspense>
        </Activity>
      </div>

      <Dialog open={dialog === "pause"} labelledBy="pause-heading" onCancel={closeDialog}>
        <h2 id="pause-heading">Interview paused</h2>
        {asked === "break" && (
          <p className="notice notice--warning">
            <strong>The participant asked for a break.</strong>
          </p>
        )}
        <p>Check in with the person. Nothing is lost while you pause.</p>
        <ul>
          <li>Ask how they are feeling, and whether they want a break, some water or some air.</li>
          <li>Remind them they can skip any question, or stop, and it will not change their support.</li>
          <li>
            If they are distressed, stop the interview: you will see the local support services to offer.
          </li>
        </ul>
        <div className="actions">
          <button type="button" className="button button--large" onClick={closeDialog}>
            Carry on with the interview
          </button>
          <button
            type="button"
            className="button button--danger button--large"
            onClick={() => setDialog("stop")}
          >
            Stop the interview
          </button>
        </div>
      </Dialog>

      <Dialog open={dialog === "stop"} labelledBy="stop-heading" onCancel={closeDialog}>
        <h2 id="stop-heading">Stop the interview now?</h2>
        {asked === "stop" && (
          <p className="notice notice--warning">
            <strong>The participant asked to stop.</strong> Check they are all right, then stop unless they
            change their mind.
          </p>
        )}
        <p>
          {stage === "questions" && consentGiven()
            ? "The answers given so far are kept on this tablet and marked as stopped. Nothing more is asked."
            : "Nothing from this interview is kept: consent was not given yet."}
        </p>
        <p>Next you will see the local support services to offer the person.</p>
        <div className="actions">
          <button
            type="button"
            className="button button--danger button--large"
            onClick={() => {
              setDialog(null);
              void end(() => finishInterview(saver.current, saver.current.data, true));
            }}
          >
            Yes, stop now
          </button>
          <button type="button" className="button button--secondary button--large" onClick={closeDialog}>
            No, go back
          </button>
        </div>
      </Dialog>
    </div>
  );
}

/**
 * While `locked`, the browser's Back (a swipe on a tablet) does not leave the page: it is put back
 * at once. Reloading the page does not unlock it either, as the view is kept in the draft.
 */
function useStayOnPage(locked: boolean): void {
  useEffect(() => {
    if (!locked) return;
    const here = window.location.pathname;
    window.history.pushState(null, "", here);
    const stay = () => {
      if (window.location.pathname !== here) navigate(here);
      else window.history.pushState(null, "", here);
    };
    window.addEventListener("popstate", stay);
    return () => window.removeEventListener("popstate", stay);
  }, [locked]);
}

/**
 * The button that was pressed is gone (readiness check done, tablet handed back): put focus at the
 * start of the questions, on the consent note where there is one, so the next Tab is in the survey.
 */
function focusSurvey(): void {
  window.requestAnimationFrame(() => {
    const target = document.querySelector<HTMLElement>(".consent-note, .interview__survey");
    target?.focus({ preventScroll: false });
  });
}

/** The finished interview could not be stored (storage full or refused): every answer is still here. */
function EndFailed({ failure, onRetry }: { failure: SaveFailure; onRetry: () => void }) {
  return (
    <div className="notice notice--warning" role="alert">
      <p>
        {failure === "full"
          ? "The tablet is full, so the interview could not be saved as finished. Every answer is kept on this screen. Upload what is waiting, or free some space on the tablet, then try again."
          : "The tablet's storage refused to save the finished interview. Every answer is kept on this screen: keep it open and try again."}
      </p>
      <button type="button" className="button" onClick={onRetry}>
        Try saving again
      </button>
    </div>
  );
}
