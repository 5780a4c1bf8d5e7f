import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { apiPath } from '../../../contracts/api.ts';
import {
  AdminLiveRoomSchema,
  type AdminLiveQuestion,
  type AdminLiveRoom,
  type AudienceQuestion,
  type AudienceQuestionStatus,
  type LiveQuestionBody,
  type LiveQuestionStatus,
} from '../../../contracts/live.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { CheckboxField } from '../../components/forms.tsx';
import { QrCode } from '../../components/QrCode.tsx';
import { ErrorAlert, Loading, PageHeading, StatusMessage, useMessage } from '../../components/ui.tsx';
import { api, isApiError } from '../../lib/api.ts';
import { pagePath, PATHS } from '../../lib/paths.ts';
import { useResource } from '../../lib/use-resource.ts';
import { ExpandablePanel } from '../study-admin/ExpandablePanel.tsx';
import { newer } from './live-room.ts';
import { ModeratorQuestion } from './ModeratorQuestion.tsx';
import { QaModeration } from './QaModeration.tsx';
import { QuestionEditor } from './QuestionEditor.tsx';
import { newQuestionValues, questionValues } from './question-form.ts';
import { useLiveStream } from './use-live-stream.ts';
import './live.css';

/** The room is not switched on yet: one button does it (Q&A allowed or not). */
function EnableLive({ sessionId, onEnabled }: { sessionId: string; onEnabled: () => void }) {
  const { t } = useTranslation();
  const [qaOpen, setQaOpen] = useState(true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  async function enable() {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await api.enableLive(sessionId, { qaOpen });
      onEnabled();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }
  return (
    <>
      <PageHeading title={t('live.moderator.setupTitle')} />
      <p>{t('live.moderator.setupText')}</p>
      <ErrorAlert error={error} />
      <CheckboxField form="live-einrichten" name="qa" label={t('live.moderator.qaToggle')} checked={qaOpen} onChange={setQaOpen} />
      <button type="button" className="button button-primary" aria-disabled={busy || undefined} onClick={() => void enable()}>
        {t('live.moderator.enable')}
      </button>
    </>
  );
}

function Room({ sessionId, initial, reload }: { sessionId: string; initial: AdminLiveRoom; reload: () => void }) {
  const { t } = useTranslation();
  const [streamed, setStreamed] = useState<AdminLiveRoom | null>(null);
  const room = newer(initial, streamed);
  const stream = useLiveStream(apiPath('adminLiveStream', { id: sessionId }), AdminLiveRoomSchema, setStreamed);
  const [message, setMessage] = useMessage();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [editing, setEditing] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<AdminLiveQuestion | null>(null);

  /** Runs one change; the stream (or a reload, if the stream is slow or down) brings the new state. */
  async function change(run: () => Promise<unknown>, done: string) {
    if (busy) return;
    setBusy(true);
    setError(null);
    setMessage();
    try {
      await run();
      setMessage({ key: done });
      reload();
    } catch (err) {
      setError(err);
      if (isApiError(err) && err.status === 409) reload();
    } finally {
      setBusy(false);
    }
  }

  async function save(body: LiveQuestionBody, question: AdminLiveQuestion | null) {
    if (question) await api.updateLiveQuestion(question.id, { ...body, version: question.version });
    else await api.createLiveQuestion(sessionId, body);
    setEditing(null);
    setMessage({ key: question ? 'live.moderator.saved' : 'live.moderator.created' });
    reload();
  }

  const setStatus = (q: AdminLiveQuestion, status: LiveQuestionStatus) =>
    void change(() => api.setLiveQuestionStatus(q.id, { status, version: q.version }), `live.moderator.done.${status}`);
  const moderate = (q: AudienceQuestion, status: AudienceQuestionStatus) =>
    void change(() => api.moderateAudienceQuestion(q.id, status), `live.moderation.done.${status}`);
  const setQa = (qaOpen: boolean) =>
    void change(() => api.enableLive(sessionId, { qaOpen }), qaOpen ? 'live.moderator.qaOpened' : 'live.moderator.qaClosed');
  const setScreen = (questionsOnScreen: boolean) =>
    void change(
      () => api.enableLive(sessionId, { qaOpen: room.qaOpen, projector: questionsOnScreen ? 'questions' : 'results' }),
      questionsOnScreen ? 'live.moderator.screenQuestions' : 'live.moderator.screenResults',
    );

  const questions = [...room.questions].sort((a, b) => a.position - b.position);
  const projector = pagePath(PATHS.adminLiveProjector, { sessionId });
  const editor = (q: AdminLiveQuestion | null) => (
    <QuestionEditor
      form={q ? `live-frage-${q.id}` : 'live-frage-neu'}
      initial={q ? questionValues(q) : newQuestionValues()}
      submitLabel={q ? t('live.editor.saveChanges') : t('live.editor.create')}
      onSave={(body) => save(body, q)}
      onCancel={() => setEditing(null)}
    />
  );

  return (
    <div className="live-moderator">
      <p className="live-kicker" dir="auto">
        {room.event.title}
      </p>
      <PageHeading title={t('live.moderator.title', { title: room.session.title })} />
      <p>
        <Link to={PATHS.adminEvents}>{t('live.moderator.backToEvents')}</Link>
      </p>
      <StatusMessage message={message} />
      <StatusMessage tone="info" message={stream === 'lost' ? t('live.stream.lostStaff') : null} />
      <ErrorAlert error={error} />

      <section className="section live-join-panel" aria-labelledby="live-zugang">
        <h2 id="live-zugang">{t('live.moderator.joinHeading')}</h2>
        <div className="live-join-grid">
          <QrCode className="live-qr" text={room.joinUrl} label={t('live.qrLabel', { url: room.joinUrl })} />
          <div>
            <p className="live-code-label">{t('live.moderator.code')}</p>
            <p className="live-code-big">{room.code}</p>
            <p>
              {t('live.moderator.address')} <span className="live-url">{room.joinUrl}</span>
            </p>
            <p className="actions">
              <a className="button button-secondary" href={projector} target="_blank" rel="noopener">
                {t('live.moderator.projector')}
                <span className="visually-hidden"> ({t('live.newTab')})</span>
              </a>
              <a className="button button-secondary" href={apiPath('exportLiveResults', { id: sessionId })} download>
                {t('live.moderator.export')}
              </a>
            </p>
          </div>
        </div>
      </section>

      <section className="section" aria-labelledby="live-fragen">
        <h2 id="live-fragen">{t('live.moderator.questionsHeading')}</h2>
        <ExpandablePanel
          id="live-frage-neu-bereich"
          open={editing === 'neu'}
          label={t('live.moderator.newQuestion')}
          onToggle={() => setEditing((open) => (open === 'neu' ? null : 'neu'))}
        >
          {editor(null)}
        </ExpandablePanel>
        {questions.length === 0 ? (
          <p>{t('live.moderator.noQuestions')}</p>
        ) : (
          <ol className="live-question-list">
            {questions.map((q) => (
              <ModeratorQuestion
                key={q.id}
                question={q}
                busy={busy}
                editing={editing === q.id}
                editor={editor(q)}
                onStatus={(status) => setStatus(q, status)}
                onEdit={() => setEditing((open) => (open === q.id ? null : q.id))}
                onDelete={() => setDeleting(q)}
              />
            ))}
          </ol>
        )}
      </section>

      <section className="section" aria-labelledby="live-publikum">
        <h2 id="live-publikum">{t('live.moderation.heading')}</h2>
        <CheckboxField
          form="live-qa"
          name="offen"
          label={t('live.moderator.qaToggle')}
          hint={t('live.moderator.qaHint')}
          checked={room.qaOpen}
          onChange={setQa}
        />
        {room.qaOpen && (
          <CheckboxField
            form="live-qa"
            name="projektor"
            label={t('live.moderator.screenToggle')}
            hint={t('live.moderator.screenHint')}
            checked={room.projector === 'questions'}
            onChange={setScreen}
          />
        )}
        <QaModeration questions={room.audienceQuestions} busy={busy} onModerate={moderate} />
      </section>

      <ConfirmDialog
        id="live-frage-loeschen"
        item={deleting}
        title={t('live.moderator.deleteTitle')}
        text={t('live.moderator.deleteText', { prompt: deleting?.prompt ?? '' })}
        confirmLabel={t('live.moderator.deleteConfirm')}
        busy={busy}
        onConfirm={(q) => {
          setDeleting(null);
          void change(() => api.deleteLiveQuestion(q.id), 'live.moderator.deleted');
        }}
        onClose={() => setDeleting(null)}
      />
    </div>
  );
}

/** The moderator's page of a session's live room (staff): code and QR, questions, results, Q&A. */
export default function ModeratorPage() {
  const { t } = useTranslation();
  const { sessionId = '' } = useParams();
  const room = useResource((signal) => api.adminLiveRoom(sessionId, { signal }), sessionId);

  if (room.data) return <Room key={sessionId} sessionId={sessionId} initial={room.data} reload={room.reload} />;
  if (room.error) {
    // 404: the session has no live room yet (or does not exist: then switching it on says so).
    if (isApiError(room.error) && room.error.status === 404) return <EnableLive sessionId={sessionId} onEnabled={room.reload} />;
    return (
      <>
        <PageHeading title={t('live.moderator.setupTitle')} />
        <ErrorAlert error={room.error}>
          <button type="button" className="button button-secondary" onClick={room.reload}>
            {t('common.retry')}
          </button>
        </ErrorAlert>
      </>
    );
  }
  return <Loading />;
}
