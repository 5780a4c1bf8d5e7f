import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Person, Programme, ProgrammeSession } from '../../../contracts/events.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { ErrorAlert, Loading } from '../../components/ui.tsx';
import { currentLanguage } from '../../i18n.ts';
import { api } from '../../lib/api.ts';
import { pagePath, PATHS } from '../../lib/paths.ts';
import { useResource } from '../../lib/use-resource.ts';
import { ExpandablePanel } from '../study-admin/ExpandablePanel.tsx';
import { newSessionValues, sessionBody, sessionValues, type SessionValues } from './event-form.ts';
import { sessionFormError } from './event-errors.ts';
import { formatDay, formatTime, toLocalInput } from './event-time.ts';
import { layoutProgramme } from './programme-layout.ts';
import { SessionForm } from './SessionForm.tsx';

export interface SaveOutcome {
  message: string;
  warnings: string[];
}

/** The server's hints about a saved session (overlaps in a room, times outside the event): saved, but worth a look. */
function Warnings({ warnings }: { warnings: string[] }) {
  const { t } = useTranslation();
  return (
    <div role="status" className={warnings.length > 0 ? 'alert events-warnings' : 'live-region-empty'}>
      {warnings.length > 0 && (
        <>
          <p className="alert-title">{t('events.sessions.warningsTitle')}</p>
          <ul>
            {warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

/** The programme items of an event for staff: add, change, delete; each save may bring warnings. */
export function SessionsSection({ programme, onChanged }: { programme: Programme; onChanged: (outcome: SaveOutcome) => void }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const { event } = programme;
  const people = useResource((signal) => api.listPeople(undefined, { signal }), 'people');
  const [known, setKnown] = useState<Person[]>([]);
  const [editing, setEditing] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<ProgrammeSession | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [warnings, setWarnings] = useState<string[]>([]);

  const all = programme.days.flatMap((d) => d.slots.flatMap((s) => s.sessions));
  const allPeople = [...(people.data?.items ?? []), ...programme.people, ...known].filter(
    (p, i, list) => list.findIndex((q) => q.id === p.id) === i,
  );
  const sorted = allPeople.sort((a, b) => a.name.localeCompare(b.name, 'de'));
  const days = layoutProgramme(all);
  const last = all.reduce<string | null>((end, s) => (end === null || new Date(s.endsAt) > new Date(end) ? s.endsAt : end), null);

  async function save(values: SessionValues, session: ProgrammeSession | null) {
    try {
      const body = sessionBody(values);
      const result = session
        ? await api.updateSession(event.id, session.id, { ...body, version: session.version })
        : await api.createSession(event.id, body);
      setEditing(null);
      setWarnings(result.warnings);
      onChanged({ message: session ? 'events.sessions.saved' : 'events.sessions.created', warnings: result.warnings });
    } catch (err) {
      throw sessionFormError(err);
    }
  }

  async function remove(session: ProgrammeSession) {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await api.deleteSession(event.id, session.id);
      setDeleting(null);
      setWarnings([]);
      onChanged({ message: 'events.sessions.deleted', warnings: [] });
    } catch (err) {
      setDeleting(null);
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  const form = (session: ProgrammeSession | null) => (
    <SessionForm
      form={session ? `sitzung-${session.id}-form` : 'sitzung-neu'}
      initial={
        session
          ? sessionValues({ ...session, moderators: session.moderators.map((p) => p.id), speakers: session.speakers.map((p) => p.id) })
          : newSessionValues(toLocalInput(last ?? event.startsAt))
      }
      people={sorted}
      submitLabel={session ? t('events.sessions.saveChanges') : t('events.sessions.add')}
      onPersonCreated={(person) => setKnown((list) => [...list, person])}
      onSave={(values) => save(values, session)}
      onCancel={() => setEditing(null)}
    />
  );

  return (
    <section className="section" aria-labelledby="programmpunkte">
      <h2 id="programmpunkte">{t('events.sessions.heading')}</h2>
      <Warnings warnings={warnings} />
      <ErrorAlert error={error} />
      <ErrorAlert error={people.error} />
      {people.loading && !people.data && <Loading label={t('events.people.loading')} />}

      <ExpandablePanel
        id="sitzung-neu-bereich"
        open={editing === 'neu'}
        label={t('events.sessions.new')}
        onToggle={() => setEditing((open) => (open === 'neu' ? null : 'neu'))}
      >
        {form(null)}
      </ExpandablePanel>

      {all.length === 0 && <p>{t('events.sessions.none')}</p>}
      {days.map((day) => (
        <section key={day.date} aria-labelledby={`verwaltung-tag-${day.date}`} className="admin-day">
          <h3 id={`verwaltung-tag-${day.date}`}>{formatDay(day.date, language)}</h3>
          <ul className="admin-sessions">
            {day.slots.flatMap((slot) =>
              slot.columns.flatMap((column) =>
                column.sessions.map((session) => (
                  <li key={session.id} className="admin-session">
                    <p className="admin-session-line">
                      <span className="nowrap">
                        <time dateTime={session.startsAt}>{formatTime(session.startsAt, language)}</time>–
                        <time dateTime={session.endsAt}>{formatTime(session.endsAt, language)}</time>
                      </span>{' '}
                      <strong>
                        <bdi>{session.title}</bdi>
                      </strong>
                      <span className="cell-sub">
                        {t(`events.sessionTypes.${session.type}`)}
                        {session.room && (
                          <>
                            {' · '}
                            <bdi>{session.room}</bdi>
                          </>
                        )}
                        {session.speakers.length > 0 && <> · {session.speakers.map((p) => p.name).join(', ')}</>}
                      </span>
                    </p>
                    <div className="actions">
                      <Link
                        className="button button-secondary button-small"
                        to={pagePath(PATHS.adminLive, { sessionId: session.id })}
                        aria-label={t('live.sessionLinkNamed', { title: session.title })}
                      >
                        {t('live.sessionLink')}
                      </Link>
                      {session.type !== 'pause' && (
                        <Link
                          className="button button-secondary button-small"
                          to={pagePath(PATHS.adminSessionResults, { id: event.id, sessionId: session.id })}
                          aria-label={`${t('sessionResults.link')}: ${session.title}`}
                        >
                          {t('sessionResults.link')}
                        </Link>
                      )}
                      <button
                        type="button"
                        className="button button-secondary button-small"
                        aria-expanded={editing === session.id}
                        aria-controls={`sitzung-${session.id}-bereich`}
                        aria-label={`${t('common.edit')}: ${session.title}`}
                        onClick={() => setEditing((open) => (open === session.id ? null : session.id))}
                      >
                        {t('common.edit')}
                      </button>
                      <button
                        type="button"
                        className="button button-danger button-small"
                        aria-label={`${t('events.sessions.delete')}: ${session.title}`}
                        onClick={() => setDeleting(session)}
                      >
                        {t('events.sessions.delete')}
                      </button>
                    </div>
                    <div id={`sitzung-${session.id}-bereich`} hidden={editing !== session.id} className="panel panel-wide">
                      {editing === session.id && form(session)}
                    </div>
                  </li>
                )),
              ),
            )}
          </ul>
        </section>
      ))}

      <ConfirmDialog
        id="sitzung-loeschen"
        item={deleting}
        title={t('events.sessions.deleteTitle')}
        text={t('events.sessions.deleteText', { title: deleting?.title ?? '' })}
        confirmLabel={t('events.sessions.deleteConfirm')}
        busy={busy}
        onConfirm={(session) => void remove(session)}
        onClose={() => setDeleting(null)}
      />
    </section>
  );
}
