import './interviewer.css';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { Dialog } from '../../components/ui.tsx';
import { currentLanguage } from '../../i18n.ts';
import { formatDateTime } from '../../lib/format.ts';
import { loginPath } from '../../lib/paths.ts';
import type { Interviewer } from './InterviewerFrame.tsx';
import { interviewerQueue, useInterviewerQueue, type QueueSnapshot } from './interviewer-queue.ts';
import type { PendingInterview } from './queue.ts';

/** Clock time on this device; with seconds for the next retry, which is often less than a minute away. */
function time(ms: number, seconds = false): string {
  return new Intl.DateTimeFormat(currentLanguage() === 'en' ? 'en-GB' : 'de-DE', {
    hour: '2-digit',
    minute: '2-digit',
    ...(seconds ? { second: '2-digit' } : {}),
  }).format(new Date(ms));
}

function SyncLine({ queue }: { queue: QueueSnapshot }) {
  const { t } = useTranslation();
  const { phase, nextAttemptAt } = queue.sync;
  if (phase === 'running') return <p>{t('interviewer.queue.running')}</p>;
  if (phase === 'offline') return <p>{t('interviewer.queue.offline')}</p>;
  if (phase === 'retrying') {
    return (
      <p>
        {t('interviewer.queue.retrying', {
          error: queue.lastError ?? t('errors.unknown'),
          time: nextAttemptAt ? time(nextAttemptAt, true) : '–',
        })}
      </p>
    );
  }
  if (queue.lastUpload)
    return <p>{t('interviewer.queue.lastUpload', { count: queue.lastUpload.count, time: time(queue.lastUpload.at) })}</p>;
  return null;
}

function Refused({ items }: { items: PendingInterview[] }) {
  const { t } = useTranslation();
  const [discarding, setDiscarding] = useState<PendingInterview | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const act = (action: Promise<void>) =>
    action.then(
      () => setProblem(null),
      (err: unknown) => setProblem(err instanceof Error ? err.message : String(err)),
    );
  return (
    <div className="alert alert-error" role="alert">
      <h3>{t('interviewer.queue.refusedTitle', { count: items.length })}</h3>
      <p>{t('interviewer.queue.refusedIntro')}</p>
      {problem && <p>{t('interviewer.queue.storageError', { error: problem })}</p>}
      <ul className="interviewer-refused">
        {items.map((item) => (
          <li key={item.id}>
            <p>
              <strong>{t('interviewer.queue.item', { date: formatDateTime(item.savedAt, currentLanguage()), place: item.place })}</strong>
              <br />
              {t(`interviewer.queue.${item.status === 'conflict' ? 'conflict' : 'invalid'}`)}
              {item.lastError && (
                <>
                  {' '}
                  {t('interviewer.queue.reason')}: <bdi>{item.lastError}</bdi>
                </>
              )}
            </p>
            <div className="actions">
              <button type="button" className="button button-secondary" onClick={() => void act(interviewerQueue.resend(item.id))}>
                {t('interviewer.queue.resend')}
              </button>
              <button type="button" className="button button-secondary" onClick={() => setDiscarding(item)}>
                {t('interviewer.queue.discard')}
              </button>
            </div>
          </li>
        ))}
      </ul>
      <Dialog
        id="interview-verwerfen"
        open={discarding !== null}
        title={t('interviewer.queue.discardTitle')}
        onClose={() => setDiscarding(null)}
      >
        <p>{t('interviewer.queue.discardText')}</p>
        <div className="actions">
          <button
            type="button"
            className="button button-danger"
            onClick={() => {
              if (discarding) void act(interviewerQueue.discard(discarding.id));
              setDiscarding(null);
            }}
          >
            {t('interviewer.queue.discardConfirm')}
          </button>
          <button type="button" className="button button-secondary" onClick={() => setDiscarding(null)}>
            {t('common.cancel')}
          </button>
        </div>
      </Dialog>
    </div>
  );
}

/** The counter of waiting interviews, how the upload goes, the upload button and refused interviews. */
export function QueueStatus({ interviewer }: { interviewer: Interviewer }) {
  const { t } = useTranslation();
  const location = useLocation();
  const queue = useInterviewerQueue();
  const pending = queue.items.filter((i) => i.status === 'pending');
  const others = pending.filter((i) => i.interviewerId !== interviewer.userId).length;
  const refused = queue.items.filter((i) => i.status !== 'pending');
  const running = queue.sync.phase === 'running';

  return (
    <section className="section interviewer-queue" aria-labelledby="uebertragung">
      <h2 id="uebertragung">{t('interviewer.queue.title')}</h2>
      <p className="interviewer-counter" role="status">
        {queue.loaded ? t('interviewer.queue.waiting', { count: pending.length }) : t('common.loading')}
      </p>
      {others > 0 && <p className="hint">{t('interviewer.queue.others', { count: others })}</p>}
      <div aria-live="polite">
        <SyncLine queue={queue} />
      </div>
      {queue.storageError && (
        <div className="alert alert-error" role="alert">
          <p>{t('interviewer.queue.storageError', { error: queue.storageError })}</p>
        </div>
      )}
      {queue.sync.phase === 'signin' && (
        <div className="alert alert-info" role="alert">
          <p>{t('interviewer.queue.signIn')}</p>
          <p>
            <Link to={loginPath(location.pathname)}>{t('interviewer.queue.signInLink')}</Link>
          </p>
        </div>
      )}
      <button
        type="button"
        className="button button-secondary"
        aria-disabled={running || undefined}
        onClick={() => {
          if (!running) void interviewerQueue.syncNow();
        }}
      >
        {t('interviewer.queue.syncNow')}
      </button>
      {refused.length > 0 && <Refused items={refused} />}
    </section>
  );
}
