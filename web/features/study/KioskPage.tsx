import 'survey-core/survey-core.fontless.css';
import 'survey-core/i18n/german';
import { useEffect, useEffectEvent, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { Model, surveyLocalization } from 'survey-core';
import { Survey } from 'survey-react-ui';
import type { PublicWave, ResponseItem } from '../../../contracts/study.ts';
import { Dialog, ErrorAlert, Loading, PageHeading, usePageTitle } from '../../components/ui.tsx';
import { api, errorMessage, isApiError } from '../../lib/api.ts';
import { useResource } from '../../lib/use-resource.ts';
import { clearDraft } from './draft.ts';
import { isTransientStatus, parseIdleSeconds, THANKS_SECONDS } from './kiosk.ts';
import { answeredOnly, localisedText } from './questionnaire-text.ts';
import { replaceKioskEntry, useBackGuard, useFullscreen, useIdle } from './kiosk-hooks.ts';
import { KioskOutbox, type OutboxStatus } from './kiosk-outbox.ts';

// Questionnaires are written German-first: their "default" texts are German, English sits under "en".
surveyLocalization.defaultLocale = 'de';

/** How long a person waits for the server's confirmation before being told the answers follow later. */
const CONFIRM_WAIT_MS = 15_000;

type Stage = 'start' | 'answering' | 'sending' | 'thanks' | 'queued';
type Lang = 'de' | 'en';

/** One passer-by: a fresh response id and a questionnaire of their own, in memory only. */
interface Person {
  id: string;
  model: Model;
}

function dispose(person: Person | null) {
  // Later, so that the questionnaire component has unmounted before its model goes away.
  if (person) setTimeout(() => person.model.isDisposed || person.model.dispose(), 0);
}

function OutboxNote({ status }: { status: OutboxStatus }) {
  const { t } = useTranslation();
  const parts = [
    status.waiting > 0 ? t('kiosk.outboxWaiting', { count: status.waiting }) : '',
    status.lost > 0 ? t('kiosk.outboxLost', { count: status.lost }) : '',
  ].filter(Boolean);
  return (
    <p role="status" className={parts.length > 0 ? 'kiosk-outbox' : 'live-region-empty'}>
      {parts.join(' ')}
    </p>
  );
}

/** The stand itself: start screen → questionnaire → thank-you → start screen, for one person after another. */
function KioskStand({ wave, idleSeconds }: { wave: PublicWave; idleSeconds: number }) {
  const { t, i18n } = useTranslation();
  const lang: Lang = i18n.language === 'en' ? 'en' : 'de';
  const [stage, setStage] = useState<Stage>('start');
  const [person, setPerson] = useState<Person | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [confirmCancel, setConfirmCancel] = useState(false);
  const [outboxStatus, setOutboxStatus] = useState<OutboxStatus>({ waiting: 0, lost: 0, sending: false });
  const [outbox] = useState(
    () =>
      new KioskOutbox({
        send: (responses) => api.submitResponses(wave.code, { channel: 'kiosk', responses }),
        isTransient: (err) => !isApiError(err) || isTransientStatus(err.status) || err.code === 'response.invalid',
        describe: (err) => (err ? errorMessage(err) : i18n.t('kiosk.rejected')),
        waitMs: CONFIRM_WAIT_MS,
        onChange: setOutboxStatus,
      }),
  );
  /** The id of the person at the tablet; a late answer for someone who has left changes nothing on screen. */
  const current = useRef<string | null>(null);
  const titleRef = useRef<HTMLHeadingElement>(null);
  const stageHeadingRef = useRef<HTMLHeadingElement>(null);
  const fullscreen = useFullscreen();
  const title = localisedText(wave.definition.title, lang) || wave.studyTitle;
  usePageTitle(title);

  /** Back to the start screen: answers discarded, questionnaire disposed, history entry replaced, German again. */
  function reset() {
    current.current = null;
    dispose(person);
    setPerson(null);
    setStage('start');
    setProblem(null);
    setConfirmCancel(false);
    replaceKioskEntry();
    if (i18n.language !== 'de') void i18n.changeLanguage('de');
    window.scrollTo(0, 0);
  }
  const resetLater = useEffectEvent(reset);

  function start() {
    const id = crypto.randomUUID();
    const model = new Model(wave.definition);
    model.showTitle = false; // the kiosk's own heading names the study
    model.clearInvisibleValues = 'onHidden';
    model.locale = lang;
    const reached = new Set<number>();
    const progress = () => {
      // Drop-off figures only: which page was reached, nothing about who or what was answered.
      if (reached.has(model.currentPageNo)) return;
      reached.add(model.currentPageNo);
      api.recordProgress(wave.code, { channel: 'kiosk', page: model.currentPageNo }).catch(() => undefined);
    };
    model.onCurrentPageChanged.add(progress);
    let sending = false;
    model.onCompleting.add((_, options) => {
      options.allow = false; // the thank-you comes only after the server confirmed the answers
      if (sending) return;
      sending = true;
      void send().finally(() => {
        sending = false;
      });
    });
    async function send() {
      setStage('sending');
      setProblem(null);
      const item: ResponseItem = { id, versionId: wave.versionId, answers: answeredOnly(model.data as Record<string, unknown>) };
      const delivery = await outbox.submit(item);
      if (current.current !== id) return;
      if (delivery.kind === 'rejected') {
        setProblem(delivery.message);
        setStage('answering');
        return;
      }
      // From here on the answers exist only in the outbox (if not confirmed yet), no longer on screen.
      setStage(delivery.kind === 'confirmed' ? 'thanks' : 'queued');
      setPerson(null);
      dispose({ id, model });
    }
    current.current = id;
    setPerson({ id, model });
    setStage('answering');
    progress();
  }

  function switchLanguage(next: Lang) {
    void i18n.changeLanguage(next);
    // The SurveyJS model is an external, mutable object (like a DOM node), not React state to copy.
    // eslint-disable-next-line react-hooks/immutability
    if (person) person.model.locale = next;
  }

  const idle = useIdle(stage === 'answering' || (stage === 'start' && lang !== 'de'), idleSeconds, reset);

  useBackGuard(() => {
    if (stage === 'answering' && person && !person.model.isFirstPage) person.model.prevPage();
    else if (stage === 'thanks' || stage === 'queued') reset();
  });

  useEffect(() => {
    if (stage !== 'thanks' && stage !== 'queued') return;
    const timer = setTimeout(() => resetLater(), THANKS_SECONDS * 1000);
    return () => clearTimeout(timer);
  }, [stage]);

  useEffect(() => {
    (stage === 'start' || stage === 'answering' ? titleRef : stageHeadingRef).current?.focus({ preventScroll: true });
  }, [stage]);

  useEffect(() => {
    // An answer set of the online channel left in this tab's storage is not for the next person either.
    clearDraft(wave.code);
    // The page may be kept in the back-forward cache: clear it before it is stored, and again when it returns.
    const hide = () => flushSync(() => resetLater());
    const show = (event: PageTransitionEvent) => {
      if (event.persisted) resetLater();
    };
    const online = () => outbox.retryNow();
    window.addEventListener('pagehide', hide);
    window.addEventListener('pageshow', show);
    window.addEventListener('online', online);
    return () => {
      window.removeEventListener('pagehide', hide);
      window.removeEventListener('pageshow', show);
      window.removeEventListener('online', online);
    };
  }, [wave.code, outbox]);

  useEffect(() => {
    if (outboxStatus.waiting === 0) return;
    // Unsent answers live in memory only: a reload or closing the tab now would lose them.
    const ask = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', ask);
    return () => window.removeEventListener('beforeunload', ask);
  }, [outboxStatus.waiting]);

  const other: Lang = lang === 'en' ? 'de' : 'en';
  return (
    <main id="inhalt" className="kiosk survey-page">
      <header className="kiosk-bar">
        <h1 ref={titleRef} tabIndex={-1}>
          {title}
        </h1>
        <div className="kiosk-tools">
          {stage === 'answering' && (
            <button type="button" className="button button-secondary" onClick={() => setConfirmCancel(true)}>
              {t('kiosk.cancel')}
            </button>
          )}
          <button type="button" className="button button-secondary" lang={other} onClick={() => switchLanguage(other)}>
            {other === 'en' ? 'English' : 'Deutsch'}
          </button>
          {fullscreen.available && !fullscreen.active && (
            <button type="button" className="button button-quiet" onClick={fullscreen.enter}>
              {t('kiosk.fullscreen')}
            </button>
          )}
        </div>
      </header>

      {stage === 'start' && (
        <section className="kiosk-start" aria-labelledby="kiosk-consent">
          <p className="kiosk-invitation">{t('kiosk.invitation')}</p>
          {localisedText(wave.definition.description, lang) && <p>{localisedText(wave.definition.description, lang)}</p>}
          <h2 id="kiosk-consent">{t('kiosk.consentTitle')}</h2>
          <p className="preformatted">{wave.consent[lang]}</p>
          <p className="kiosk-device-note">{t('kiosk.deviceNote', { count: idleSeconds })}</p>
          <button type="button" className="button button-primary kiosk-start-button" onClick={start}>
            {t('kiosk.start')}
          </button>
        </section>
      )}

      {stage === 'sending' && (
        <p role="status" className="kiosk-message">
          {t('kiosk.sending')}
        </p>
      )}

      {stage === 'answering' && person && (
        <>
          {problem && (
            <div className="alert alert-error" role="alert">
              <p>{problem}</p>
            </div>
          )}
          <Survey model={person.model} />
        </>
      )}

      {(stage === 'thanks' || stage === 'queued') && (
        <section className="kiosk-message" role="status">
          <h2 ref={stageHeadingRef} tabIndex={-1}>
            {stage === 'thanks' ? t('kiosk.thanksTitle') : t('kiosk.queuedTitle')}
          </h2>
          <p>{stage === 'thanks' ? t('kiosk.thanksText') : t('kiosk.queuedText')}</p>
          <button type="button" className="button button-primary" onClick={reset}>
            {t('kiosk.next')}
          </button>
        </section>
      )}

      <OutboxNote status={outboxStatus} />

      <Dialog
        id="kiosk-idle"
        open={stage === 'answering' && idle.phase === 'warning'}
        title={t('kiosk.idleTitle')}
        onClose={idle.stillHere}
      >
        <p>{t('kiosk.idleText', { count: idle.secondsLeft })}</p>
        <p className="actions">
          <button type="button" className="button button-primary" onClick={idle.stillHere}>
            {t('kiosk.idleContinue')}
          </button>
        </p>
      </Dialog>

      <Dialog id="kiosk-cancel" open={confirmCancel} title={t('kiosk.cancelTitle')} onClose={() => setConfirmCancel(false)}>
        <p>{t('kiosk.cancelText')}</p>
        <p className="actions">
          <button type="button" className="button button-danger" onClick={reset}>
            {t('kiosk.cancelConfirm')}
          </button>
          <button type="button" className="button button-secondary" onClick={() => setConfirmCancel(false)}>
            {t('kiosk.cancelKeep')}
          </button>
        </p>
      </Dialog>
    </main>
  );
}

/**
 * The kiosk channel of a wave: a tablet at a stand shows the questionnaire full-screen for one
 * passer-by after another. Anonymous (no session, no cookie), answers only in memory; after
 * completion or `?leerlauf=` seconds without a touch it starts over, and nothing of the previous
 * person can be reached again (not by Back, reload, history or storage).
 */
export default function KioskPage() {
  const { t } = useTranslation();
  const { code = '' } = useParams();
  const [search] = useSearchParams();
  const idleSeconds = parseIdleSeconds(search.get('leerlauf'));
  const wave = useResource((signal) => api.publicWave(code, { signal }), code);

  if (wave.loading) {
    return (
      <main id="inhalt" className="kiosk">
        <Loading />
      </main>
    );
  }
  const w = wave.data;
  const problem =
    wave.error || !w ? null : !w.channels.includes('kiosk') ? t('kiosk.notEnabled') : w.status !== 'open' ? t('survey.closed') : null;
  if (wave.error || !w || problem) {
    return (
      <main id="inhalt" className="kiosk">
        <PageHeading title={t('survey.unavailableTitle')} />
        <ErrorAlert error={wave.error} />
        {problem && (
          <div className="alert alert-info" role="status">
            <p>{problem}</p>
          </div>
        )}
      </main>
    );
  }
  return <KioskStand key={w.code} wave={w} idleSeconds={idleSeconds} />;
}
