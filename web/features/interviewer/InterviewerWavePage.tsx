import { useEffect, useEffectEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { Model } from 'survey-core';
import { Survey } from 'survey-react-ui';
import type { PublicWave } from '../../../contracts/study.ts';
import { Dialog, ErrorAlert, Loading, PageHeading } from '../../components/ui.tsx';
import { api, isAbortError } from '../../lib/api.ts';
import { PATHS } from '../../lib/paths.ts';
import { InterviewerFrame, type Interviewer } from './InterviewerFrame.tsx';
import { interviewerQueue } from './interviewer-queue.ts';
import { OfflineReadiness } from './OfflineReadiness.tsx';
import { QueueStatus } from './QueueStatus.tsx';
import { newInterview } from './queue.ts';
import { cacheWave, cachedWave, loadSetup } from './store.ts';
import { answeredOnly, localisedText } from '../study/questionnaire-text.ts';
import { createInterviewModel } from './survey-model.ts';

/** The wave's questionnaire: the stored copy at once (works offline), then the server's, which is stored in turn. */
function useWave(code: string) {
  const [wave, setWave] = useState<PublicWave | null | undefined>(undefined);
  const [stored, setStored] = useState(false);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    const controller = new AbortController();
    void (async () => {
      const copy = await cachedWave(code).catch(() => null);
      if (controller.signal.aborted) return;
      if (copy) {
        setWave(copy);
        setStored(true);
      }
      try {
        const fresh = await api.publicWave(code, { signal: controller.signal });
        const kept = await cacheWave(fresh).then(
          () => true,
          () => false,
        );
        if (controller.signal.aborted) return;
        setWave(fresh);
        setStored(kept);
      } catch (err) {
        if (controller.signal.aborted || isAbortError(err)) return;
        if (!copy) {
          setWave(null);
          setError(err);
        }
      }
    })();
    return () => controller.abort();
  }, [code]);
  return { wave, stored, error };
}

type Stage = 'ready' | 'answering' | 'saving' | 'saved' | 'failed';

interface Current {
  id: string;
  wave: PublicWave;
  model: Model;
}

function Interviews({ wave, place, interviewer }: { wave: PublicWave; place: string; interviewer: Interviewer }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'de';
  const [stage, setStage] = useState<Stage>('ready');
  const [current, setCurrent] = useState<Current | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [cancelling, setCancelling] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const shown = useRef(false);

  // After each step (interview started, saved, back to the start) focus goes to its heading; not on arrival.
  useEffect(() => {
    if (shown.current && stage !== 'saving') headingRef.current?.focus();
    shown.current = true;
  }, [stage]);

  function start() {
    // A new model for every respondent: nothing of the previous interview can show.
    setCurrent({ id: crypto.randomUUID(), wave, model: createInterviewModel(wave.definition, lang) });
    setProblem(null);
    setStage('answering');
  }

  async function save() {
    if (!current) return;
    setStage('saving');
    setProblem(null);
    try {
      await interviewerQueue.save(
        newInterview({
          id: current.id,
          code: current.wave.code,
          versionId: current.wave.versionId,
          answers: answeredOnly(current.model.data as Record<string, unknown>),
          place,
          interviewerId: interviewer.userId,
          now: new Date(),
        }),
      );
      setCurrent(null);
      setStage('saved');
    } catch (err) {
      setProblem(err instanceof Error ? err.message : String(err));
      setStage('failed');
    }
  }
  const onComplete = useEffectEvent(() => void save());

  useEffect(() => {
    if (!current) return;
    const handler = (_: Model, options: { allow: boolean }) => {
      options.allow = false; // "gespeichert" only after the interview is on the device
      onComplete();
    };
    current.model.onCompleting.add(handler);
    return () => current.model.onCompleting.remove(handler);
  }, [current]);

  useEffect(() => {
    // The SurveyJS model is an external, mutable object (like a DOM node): syncing its language is this effect's job.
    // eslint-disable-next-line react-hooks/immutability
    if (current) current.model.locale = lang;
  }, [current, lang]);

  if (current && (stage === 'answering' || stage === 'saving' || stage === 'failed')) {
    return (
      <section className="section survey-page" aria-labelledby="interview-laeuft">
        <h2 id="interview-laeuft" ref={headingRef} tabIndex={-1}>
          {t('interviewer.wave.running')}
        </h2>
        {stage === 'saving' && (
          <p role="status" className="hint">
            {t('interviewer.wave.saving')}
          </p>
        )}
        {stage === 'failed' && (
          <div className="alert alert-error" role="alert">
            <p>{t('interviewer.wave.saveFailed', { error: problem ?? '' })}</p>
            <button type="button" className="button button-primary" onClick={() => void save()}>
              {t('interviewer.wave.saveRetry')}
            </button>
          </div>
        )}
        <Survey key={current.id} model={current.model} />
        <p>
          <button type="button" className="button button-secondary" onClick={() => setCancelling(true)}>
            {t('interviewer.wave.cancel')}
          </button>
        </p>
        <Dialog id="interview-abbrechen" open={cancelling} title={t('interviewer.wave.cancelTitle')} onClose={() => setCancelling(false)}>
          <p>{t('interviewer.wave.cancelText')}</p>
          <div className="actions">
            <button
              type="button"
              className="button button-danger"
              onClick={() => {
                setCancelling(false);
                setCurrent(null);
                setStage('ready');
              }}
            >
              {t('interviewer.wave.cancelConfirm')}
            </button>
            <button type="button" className="button button-secondary" onClick={() => setCancelling(false)}>
              {t('interviewer.wave.keepGoing')}
            </button>
          </div>
        </Dialog>
      </section>
    );
  }

  return (
    <section className="section" aria-labelledby="naechstes-interview">
      {stage === 'saved' ? (
        <div className="alert alert-success interviewer-saved" role="status">
          <h2 id="naechstes-interview" ref={headingRef} tabIndex={-1}>
            {t('interviewer.wave.savedTitle')}
          </h2>
          <p>{t('interviewer.wave.savedText')}</p>
        </div>
      ) : (
        <h2 id="naechstes-interview" ref={headingRef} tabIndex={-1}>
          {t('interviewer.wave.consentTitle')}
        </h2>
      )}
      {localisedText(wave.definition.description, lang) && <p>{localisedText(wave.definition.description, lang)}</p>}
      <p className="hint">{t('interviewer.wave.consentHint')}</p>
      <p className="preformatted">{wave.consent[lang]}</p>
      <button type="button" className="button button-primary" onClick={start}>
        {t(stage === 'saved' ? 'interviewer.wave.next' : 'interviewer.wave.start')}
      </button>
    </section>
  );
}

function WaveInterviews({ interviewer }: { interviewer: Interviewer }) {
  const { t } = useTranslation();
  const { code = '' } = useParams();
  const { wave, stored, error } = useWave(code);
  const [place, setPlace] = useState<string | null | undefined>(undefined);

  useEffect(() => {
    loadSetup().then(
      (setup) => setPlace(setup?.place ?? null),
      () => setPlace(null),
    );
  }, []);

  if (wave === undefined || place === undefined) return <Loading />;
  if (wave === null) {
    return (
      <div className="narrow">
        <PageHeading title={t('interviewer.wave.unavailableTitle')} />
        <ErrorAlert error={error} />
        <p>{t('interviewer.wave.unavailable')}</p>
        <p>
          <Link to={PATHS.interviewer}>{t('interviewer.wave.change')}</Link>
        </p>
        <QueueStatus interviewer={interviewer} />
      </div>
    );
  }
  const accepts = wave.status === 'open' && wave.channels.includes('interviewer');
  return (
    <div>
      <PageHeading title={wave.studyTitle} />
      <p className="lead">{wave.waveName}</p>
      <p>
        {place ? t('interviewer.wave.place', { place }) : t('interviewer.wave.placeMissing')}{' '}
        <Link to={PATHS.interviewer}>{t('interviewer.wave.change')}</Link>
      </p>
      {!interviewer.signedIn && <p className="hint">{t('interviewer.gate.offlineAs', { name: interviewer.displayName })}</p>}
      <OfflineReadiness questionnaireStored={stored} />
      <QueueStatus interviewer={interviewer} />
      {!accepts ? (
        <div className="alert alert-info" role="status">
          <p>{t('interviewer.wave.closed')}</p>
        </div>
      ) : (
        place && <Interviews wave={wave} place={place} interviewer={interviewer} />
      )}
    </div>
  );
}

/** /interview/:code: interviews one after another, each saved on the device before the next begins. */
export default function InterviewerWavePage() {
  return <InterviewerFrame>{(interviewer) => <WaveInterviews interviewer={interviewer} />}</InterviewerFrame>;
}
