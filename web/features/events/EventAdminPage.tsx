import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import type { Programme } from '../../../contracts/events.ts';
import { Badge, ErrorAlert, Loading, PageHeading, StatusMessage, useMessage } from '../../components/ui.tsx';
import i18n from '../../i18n.ts';
import { api, ApiError, isApiError } from '../../lib/api.ts';
import { PATHS } from '../../lib/paths.ts';
import { useResource } from '../../lib/use-resource.ts';
import { DoorLinks } from '../checkin/DoorLinks.tsx';
import { ForumNotesLink } from '../forum-notes/ForumNotesLink.tsx';
import { RegistrationsAdminSection } from '../registration/RegistrationsAdminSection.tsx';
import { eventBody, eventValues } from './event-form.ts';
import { eventFormError, isVersionConflict } from './event-errors.ts';
import { eventPath } from './event-paths.ts';
import { EventForm } from './EventForm.tsx';
import { SessionsSection } from './SessionsSection.tsx';

/**
 * The API finds an event's programme by its slug; staff pages address events by id (the slug
 * may change). So the id is looked up in the list of all events first.
 */
async function loadProgramme(id: string, signal: AbortSignal): Promise<Programme> {
  const { items } = await api.listEvents({}, { signal });
  const event = items.find((e) => e.id === id);
  if (!event) throw new ApiError({ status: 404, code: 'event.not_found', message: i18n.t('events.admin.notFound') });
  return api.getEvent(event.slug, { signal });
}

/** One event for staff: its details (with optimistic locking) and its programme items. */
export default function EventAdminPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const location = useLocation();
  const loaded = useResource((signal) => loadProgramme(id, signal), id);
  const state: unknown = location.state;
  const created = Boolean(state && typeof state === 'object' && 'created' in state && state.created === true);
  const [message, setMessage] = useMessage(created ? [{ key: 'events.admin.created' }] : null);
  const [conflict, setConflict] = useState(false);
  const programme = loaded.data;

  if (!programme) {
    return (
      <>
        <p className="breadcrumb">
          <Link to={PATHS.adminEvents}>{t('events.admin.back')}</Link>
        </p>
        {isApiError(loaded.error) && loaded.error.status === 404 && <PageHeading title={t('events.admin.notFoundTitle')} />}
        <ErrorAlert error={loaded.error} />
        {loaded.loading && <Loading />}
      </>
    );
  }
  const { event } = programme;

  function reload() {
    setConflict(false);
    loaded.reload();
  }

  return (
    <>
      <p className="breadcrumb">
        <Link to={PATHS.adminEvents}>{t('events.admin.back')}</Link>
      </p>
      <PageHeading title={event.title}>
        <p className="lead">
          {t(`events.formats.${event.format}`)}{' '}
          <Badge tone={event.visibility === 'internal' ? 'warning' : 'neutral'}>{t(`events.visibility.${event.visibility}`)}</Badge>
          {event.demo && (
            <>
              {' '}
              <Badge tone="demo">{t('events.demoBadge')}</Badge>
            </>
          )}
        </p>
      </PageHeading>
      <p>
        <Link to={eventPath(event.slug)}>{t('events.admin.publicPage')}</Link>
      </p>
      <ForumNotesLink programme={programme} />
      <DoorLinks eventId={event.id} slug={event.slug} />
      <StatusMessage message={message} />
      <ErrorAlert error={loaded.error} />

      <section className="section" aria-labelledby="angaben">
        <h2 id="angaben">{t('events.admin.details')}</h2>
        <EventForm
          // A fresh form for every stored version: after saving or reloading it shows what is stored.
          key={`${event.id}:${event.version}`}
          form="veranstaltung-bearbeiten"
          initial={eventValues(event)}
          submitLabel={t('common.saveChanges')}
          onSave={async (values) => {
            setConflict(false);
            try {
              const saved = await api.updateEvent(event.id, { ...eventBody(values, event.seriesId), version: event.version });
              loaded.setData({ ...programme, event: saved });
              setMessage({ key: 'events.admin.saved' });
            } catch (err) {
              // Someone else was quicker: say so below the form, with the way to what is stored now.
              if (isVersionConflict(err)) return setConflict(true);
              throw eventFormError(err);
            }
          }}
        />
        {conflict && (
          <div className="alert alert-error" role="alert">
            <p>{t('events.admin.conflict')}</p>
            <button type="button" className="button button-secondary" onClick={reload}>
              {t('events.admin.reload')}
            </button>
          </div>
        )}
      </section>

      <SessionsSection
        programme={programme}
        onChanged={({ message: key }) => {
          setMessage({ key });
          loaded.reload();
        }}
      />

      <RegistrationsAdminSection
        programme={programme}
        onSaved={() => {
          setMessage({ key: 'registration.staff.saved' });
          loaded.reload();
        }}
      />
    </>
  );
}
