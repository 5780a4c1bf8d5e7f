import { useEffect, useEffectEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { apiPath } from '../../../contracts/api.ts';
import { AdminLiveRoomSchema, LIVE_MIN_VOTES_SHOWN, type AdminLiveRoom } from '../../../contracts/live.ts';
import { RequireRole } from '../../components/guards.tsx';
import { QrCode } from '../../components/QrCode.tsx';
import { ErrorAlert, Loading, usePageTitle } from '../../components/ui.tsx';
import { api } from '../../lib/api.ts';
import { useResource } from '../../lib/use-resource.ts';
import { EVENT_ROLES } from '../events/use-event-access.ts';
import { useFullscreen } from '../study/kiosk-hooks.ts';
import { shownQuestion } from './live-results.ts';
import { newer } from './live-room.ts';
import { projectorQuestions } from './moderation.ts';
import { ResultsView } from './ResultsView.tsx';
import { useLiveStream } from './use-live-stream.ts';
import './live.css';

/** The address without "https://", as people type it. */
function shortAddress(url: string): string {
  return url.replace(/^https?:\/\//, '');
}

function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
}

function Projector({ sessionId, initial }: { sessionId: string; initial: AdminLiveRoom }) {
  const { t } = useTranslation();
  const [streamed, setStreamed] = useState<AdminLiveRoom | null>(null);
  const room = newer(initial, streamed);
  const stream = useLiveStream(apiPath('adminLiveStream', { id: sessionId }), AdminLiveRoomSchema, setStreamed);
  const fullscreen = useFullscreen();
  const question = shownQuestion(room.questions);
  const audience = projectorQuestions(room.audienceQuestions);
  const qa = room.projector === 'questions' && room.qaOpen;
  // The screen's view belongs to the room, so the moderator can switch it from another device too.
  const toggle = () =>
    void api.enableLive(sessionId, { qaOpen: room.qaOpen, projector: qa ? 'results' : 'questions' }).catch(() => undefined);
  usePageTitle(t('live.projector.title', { title: room.session.title }));

  // "F" switches between the poll and the audience's questions (Esc leaves full screen by itself).
  const onKey = useEffectEvent((event: KeyboardEvent) => {
    if (event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
    if ((event.key === 'f' || event.key === 'F') && room.qaOpen) toggle();
  });
  useEffect(() => {
    const listener = (event: KeyboardEvent) => onKey(event);
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, []);

  return (
    <div className="live-projector">
      <aside className="live-projector-join" aria-label={t('live.projector.joinLabel')}>
        <QrCode className="live-qr" text={room.joinUrl} label={t('live.qrLabel', { url: room.joinUrl })} />
        <p className="live-projector-address">{shortAddress(room.joinUrl)}</p>
        <p className="live-projector-code">
          <span className="live-projector-code-label">{t('live.projector.code')}</span> {room.code}
        </p>
      </aside>

      <main className="live-projector-main">
        {/* Read out when the question (or the view) changes, not with every vote. */}
        <p role="status" className="visually-hidden">
          {qa ? t('live.projector.qaHeading') : question ? question.prompt : t('live.audience.waiting')}
        </p>
        {qa ? (
          <>
            <h1 className="live-projector-prompt">{t('live.projector.qaHeading')}</h1>
            {audience.length === 0 ? (
              <p className="live-projector-empty">{t('live.qa.none')}</p>
            ) : (
              <ol className="live-projector-qa">
                {audience.map((q) => (
                  <li key={q.id}>
                    <span className="live-projector-qa-text" dir="auto">
                      {q.text}
                    </span>
                    <span className="live-projector-qa-votes">{t('live.moderation.upvotes', { count: q.upvotes })}</span>
                  </li>
                ))}
              </ol>
            )}
          </>
        ) : question ? (
          <>
            <h1 className="live-projector-prompt" dir="auto">
              {question.prompt}
            </h1>
            {question.status === 'closed' && <p className="live-projector-closed">{t('live.projector.closed')}</p>}
            {question.results.voters < LIVE_MIN_VOTES_SHOWN ? (
              <>
                <p className="live-voters">{t('live.results.voters', { count: question.results.voters })}</p>
                <p className="live-projector-empty">{t('live.projector.tooFew', { min: LIVE_MIN_VOTES_SHOWN })}</p>
              </>
            ) : (
              <ResultsView results={question.results} scaleLabels={question.scaleLabels} large />
            )}
          </>
        ) : (
          <h1 className="live-projector-prompt">{t('live.audience.waiting')}</h1>
        )}
      </main>

      <div className="live-projector-tools">
        {stream === 'lost' && (
          <p className="live-projector-offline" role="status">
            {t('live.stream.lostStaff')}
          </p>
        )}
        {room.qaOpen && (
          <button type="button" className="button button-quiet" aria-pressed={qa} onClick={toggle}>
            {t('live.projector.toggleQa')} <kbd>F</kbd>
          </button>
        )}
        {fullscreen.available && !fullscreen.active && (
          <button type="button" className="button button-quiet" onClick={fullscreen.enter}>
            {t('live.projector.fullscreen')}
          </button>
        )}
      </div>
    </div>
  );
}

function ProjectorLoader() {
  const { t } = useTranslation();
  const { sessionId = '' } = useParams();
  const room = useResource((signal) => api.adminLiveRoom(sessionId, { signal }), sessionId);
  if (room.data) return <Projector key={sessionId} sessionId={sessionId} initial={room.data} />;
  if (room.error)
    return (
      <main className="container">
        <h1>{t('live.projector.titlePlain')}</h1>
        <ErrorAlert error={room.error}>
          <button type="button" className="button button-secondary" onClick={room.reload}>
            {t('common.retry')}
          </button>
        </ErrorAlert>
      </main>
    );
  return <Loading />;
}

/** The hall's screen (staff): join code and QR always in the corner, the question with live results. */
export default function ProjectorPage() {
  return (
    <RequireRole roles={EVENT_ROLES}>
      <ProjectorLoader />
    </RequireRole>
  );
}
