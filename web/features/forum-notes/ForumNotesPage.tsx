import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import {
  FORUM_DISTRICTS,
  FORUM_TOPICS,
  type ForumDistrict,
  type ForumNote,
  type ForumNoteQuery,
  type ForumTopic,
} from '../../../contracts/session-results.ts';
import { RequireRole } from '../../components/guards.tsx';
import { SelectField } from '../../components/forms.tsx';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { ErrorAlert, Loading, PageHeading, StatusMessage, useMessage } from '../../components/ui.tsx';
import { currentLanguage } from '../../i18n.ts';
import { isApiError } from '../../lib/api.ts';
import { PATHS } from '../../lib/paths.ts';
import { useSession } from '../../lib/session.tsx';
import { useResource } from '../../lib/use-resource.ts';
import { isVersionConflict } from '../events/event-errors.ts';
import { adminEventPath } from '../events/event-paths.ts';
import { formatDay, formatTime } from '../events/event-time.ts';
import { canManageEvents } from '../events/use-event-access.ts';
import '../session-results/session-results.css';
import { CountTable } from './CountTable.tsx';
import { forumApi, forumCsvUrl } from './forum-notes-api.ts';
import { NoteForm } from './NoteForm.tsx';

const READERS = ['admin', 'staff', 'analyst'] as const;

function NoteView({ note, sessions }: { note: ForumNote; sessions: Map<string, string> }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  return (
    <>
      <p className="note-text" dir="auto">
        {note.text}
      </p>
      <p className="cell-sub">
        {note.topics.map((topic) => t(`forumNotes.topics.${topic}`)).join(', ')}
        {' · '}
        {t(`forumNotes.districts.${note.district}`)}
        {note.sessionId && sessions.has(note.sessionId) && (
          <>
            {' · '}
            <bdi>{sessions.get(note.sessionId)}</bdi>
          </>
        )}
        {' · '}
        <time dateTime={note.createdAt}>
          {formatDay(note.createdAt.slice(0, 10), language)}, {formatTime(note.createdAt, language)}
        </time>
        {note.createdBy && (
          <>
            {' · '}
            {t('forumNotes.by')} <bdi>{note.createdBy}</bdi>
          </>
        )}
      </p>
    </>
  );
}

function ForumNotes() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const { user } = useSession();
  const canWrite = canManageEvents(user?.role);
  const [query, setQuery] = useState<ForumNoteQuery>({});
  const loaded = useResource((signal) => forumApi.overview(id, query, { signal }), `${id}:${query.thema ?? ''}:${query.kreis ?? ''}`);
  const [message, setMessage] = useMessage();
  const [editing, setEditing] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<ForumNote | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [conflict, setConflict] = useState(false);
  const data = loaded.data;

  if (!data) {
    return (
      <>
        {canWrite && (
          <p className="breadcrumb">
            <Link to={id ? adminEventPath(id) : PATHS.adminEvents}>{t('forumNotes.back')}</Link>
          </p>
        )}
        {isApiError(loaded.error) && (loaded.error.status === 404 || loaded.error.status === 409) && (
          <PageHeading title={t('forumNotes.unavailable')} />
        )}
        <ErrorAlert error={loaded.error} />
        {loaded.loading && <Loading />}
      </>
    );
  }
  const sessions = new Map(data.sessions.map((s) => [s.id, s.title]));
  const filtered = Boolean(query.thema || query.kreis);

  async function remove(note: ForumNote) {
    setError(null);
    try {
      await forumApi.remove(id, note.id);
      setMessage({ key: 'forumNotes.deleted' });
      loaded.reload();
    } catch (err) {
      setError(err);
    } finally {
      setDeleting(null);
    }
  }

  return (
    <>
      {canWrite && (
        <p className="breadcrumb">
          <Link to={adminEventPath(data.event.id)}>{t('forumNotes.back')}</Link>
        </p>
      )}
      <PageHeading title={t('forumNotes.title')}>
        <p className="lead">
          <bdi>{data.event.title}</bdi>
        </p>
      </PageHeading>
      <p>{t('forumNotes.intro')}</p>
      <StatusMessage message={message} />
      <ErrorAlert error={error} />
      {conflict && (
        <div className="alert alert-error" role="alert">
          <p>{t('forumNotes.conflict')}</p>
          <button
            type="button"
            className="button button-secondary"
            onClick={() => {
              setConflict(false);
              setEditing(null);
              loaded.reload();
            }}
          >
            {t('events.admin.reload')}
          </button>
        </div>
      )}

      {canWrite && (
        <section className="section panel panel-wide" aria-labelledby="notiz-neu">
          <h2 id="notiz-neu">{t('forumNotes.newHeading')}</h2>
          <NoteForm
            form="notiz-neu-form"
            sessions={data.sessions}
            submitLabel={t('forumNotes.add')}
            onSave={async (body) => {
              await forumApi.create(id, body);
              setMessage({ key: 'forumNotes.created' });
              loaded.reload();
            }}
          />
        </section>
      )}

      <section className="section" aria-labelledby="uebersicht">
        <h2 id="uebersicht">{t('forumNotes.overviewHeading')}</h2>
        <div className="filters">
          <SelectField
            form="filter"
            name="thema"
            label={t('forumNotes.filterTopic')}
            value={query.thema ?? ''}
            onChange={(v) => setQuery((q) => ({ ...q, thema: (v || undefined) as ForumTopic | undefined }))}
            placeholder={t('forumNotes.all')}
            options={FORUM_TOPICS.map((topic) => ({ value: topic, label: t(`forumNotes.topics.${topic}`) }))}
          />
          <SelectField
            form="filter"
            name="kreis"
            label={t('forumNotes.filterDistrict')}
            value={query.kreis ?? ''}
            onChange={(v) => setQuery((q) => ({ ...q, kreis: (v || undefined) as ForumDistrict | undefined }))}
            placeholder={t('forumNotes.all')}
            options={FORUM_DISTRICTS.map((d) => ({ value: d, label: t(`forumNotes.districts.${d}`) }))}
          />
        </div>
        <p className="result-count" role="status">
          {t(filtered ? 'forumNotes.countFiltered' : 'forumNotes.count', { count: data.total })}
        </p>
        <div className="count-tables">
          <CountTable
            id="zaehlung-thema"
            caption={t('forumNotes.byTopic')}
            keyLabel={t('forumNotes.form.topics')}
            countLabel={t('forumNotes.notes')}
            rows={data.byTopic.map((r) => ({ key: r.key, label: t(`forumNotes.topics.${r.key}`), count: r.count }))}
          />
          <CountTable
            id="zaehlung-kreis"
            caption={t('forumNotes.byDistrict')}
            keyLabel={t('forumNotes.form.district')}
            countLabel={t('forumNotes.notes')}
            rows={data.byDistrict.map((r) => ({ key: r.key, label: t(`forumNotes.districts.${r.key}`), count: r.count }))}
          />
        </div>
        <p className="hint">{t('forumNotes.countHint')}</p>
        <p>
          <a href={forumCsvUrl(id, query)} download>
            {t('forumNotes.csv')}
          </a>
        </p>

        <h3>{t('forumNotes.listHeading')}</h3>
        {data.items.length === 0 && <p>{t('forumNotes.none')}</p>}
        <ul className="note-list">
          {data.items.map((note) => (
            <li key={note.id} className="note-item">
              {editing === note.id ? (
                <NoteForm
                  form={`notiz-${note.id}`}
                  note={note}
                  sessions={data.sessions}
                  submitLabel={t('common.saveChanges')}
                  onCancel={() => setEditing(null)}
                  onSave={async (body) => {
                    try {
                      await forumApi.update(id, note.id, { ...body, version: note.version });
                    } catch (err) {
                      if (isVersionConflict(err)) return setConflict(true);
                      throw err;
                    }
                    setEditing(null);
                    setMessage({ key: 'forumNotes.saved' });
                    loaded.reload();
                  }}
                />
              ) : (
                <>
                  <NoteView note={note} sessions={sessions} />
                  {canWrite && (
                    <div className="actions">
                      <button type="button" className="button button-secondary button-small" onClick={() => setEditing(note.id)}>
                        {t('common.edit')}
                        <span className="visually-hidden">: {note.text.slice(0, 40)}</span>
                      </button>
                      <button type="button" className="button button-danger button-small" onClick={() => setDeleting(note)}>
                        {t('forumNotes.delete')}
                        <span className="visually-hidden">: {note.text.slice(0, 40)}</span>
                      </button>
                    </div>
                  )}
                </>
              )}
            </li>
          ))}
        </ul>
      </section>

      <ConfirmDialog
        id="notiz-loeschen"
        item={deleting}
        title={t('forumNotes.deleteTitle')}
        text={t('forumNotes.deleteText')}
        confirmLabel={t('forumNotes.delete')}
        onConfirm={(note) => void remove(note)}
        onClose={() => setDeleting(null)}
      />
    </>
  );
}

/** Bürgerforum notes of one event: staff record, staff and analysts read the overview and export it. */
export default function ForumNotesPage() {
  return (
    <RequireRole roles={READERS}>
      <ForumNotes />
    </RequireRole>
  );
}
