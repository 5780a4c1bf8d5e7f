import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { ErrorAlert, Loading, PageHeading } from '../../components/ui.tsx';
import { currentLanguage } from '../../i18n.ts';
import { api, isApiError } from '../../lib/api.ts';
import { PATHS } from '../../lib/paths.ts';
import { useResource } from '../../lib/use-resource.ts';
import { RegistrationSection } from '../registration/RegistrationSection.tsx';
import { EventResultsPart } from '../session-results/EventResultsPart.tsx';
import { EventResultsProvider } from '../session-results/EventResultsProvider.tsx';
import { formatEventRange, isPast } from './event-time.ts';
import { adminEventPath, eventCalendarUrl, eventScheduleUrl } from './event-paths.ts';
import { layoutProgramme } from './programme-layout.ts';
import { Paragraphs } from './Paragraphs.tsx';
import { ProgrammeDay } from './ProgrammeDay.tsx';
import { useCanManageEvents } from './use-event-access.ts';
import { EventKicker } from './EventKicker.tsx';

function NotFound() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeading title={t('events.page.notFoundTitle')} />
      <p>{t('events.page.notFound')}</p>
      <p>
        <Link to={PATHS.events}>{t('events.page.back')}</Link>
      </p>
    </>
  );
}

/** An event and its programme, with calendar files and the schedule for programme apps. */
export default function EventPage() {
  const { t } = useTranslation();
  const language = currentLanguage();
  const { slug = '' } = useParams();
  const { hash } = useLocation();
  const canManage = useCanManageEvents();
  const loaded = useResource((signal) => api.getEvent(slug, { signal }), slug);
  const programme = loaded.data;

  // A link to one session (…#sitzung-<id>) arrives before the programme: scroll there once it is shown.
  useEffect(() => {
    if (!programme || !hash) return;
    const target = document.getElementById(decodeURIComponent(hash.slice(1)));
    target?.scrollIntoView();
  }, [programme, hash]);

  if (!programme) {
    if (isApiError(loaded.error) && loaded.error.status === 404) return <NotFound />;
    return (
      <>
        <ErrorAlert error={loaded.error} />
        {loaded.loading && <Loading />}
      </>
    );
  }

  const { event } = programme;
  const past = isPast(event.endsAt);
  const days = layoutProgramme(programme.days.flatMap((day) => day.slots.flatMap((slot) => slot.sessions)));
  const venue = event.venue;

  return (
    <>
      <p className="breadcrumb">
        <Link to={past ? PATHS.eventArchive : PATHS.events}>{t(past ? 'events.page.backArchive' : 'events.page.back')}</Link>
      </p>
      <PageHeading title={event.title}>
        <p className="lead">
          <EventKicker event={event} />
        </p>
      </PageHeading>
      <ErrorAlert error={loaded.error} />

      <dl className="details-list event-details">
        <div>
          <dt>{t('events.card.when')}</dt>
          <dd>
            <time dateTime={event.startsAt}>{formatEventRange(event.startsAt, event.endsAt, language)}</time>
          </dd>
        </div>
        <div>
          <dt>{t('events.card.where')}</dt>
          <dd>
            <bdi>{venue.name}</bdi>
            {venue.street && (
              <>
                , <bdi>{venue.street}</bdi>
              </>
            )}
            , {venue.postalCode} <bdi>{venue.city}</bdi>
          </dd>
        </div>
        {event.organisers.length > 0 && (
          <div>
            <dt>{t('events.card.organisers')}</dt>
            <dd>{event.organisers.map((o) => t(`events.organisers.${o}`)).join(', ')}</dd>
          </div>
        )}
        {event.fieldsOfAction.length > 0 && (
          <div>
            <dt>{t('events.card.fields')}</dt>
            <dd>{event.fieldsOfAction.map((f) => t(`events.fields.${f}`)).join(', ')}</dd>
          </div>
        )}
      </dl>

      <ul className="link-list event-links">
        <li>
          <a href={eventCalendarUrl(event.slug)} download={`${event.slug}.ics`} aria-label={`${t('events.page.calendar')}: ${event.title}`}>
            {t('events.page.calendar')}
          </a>
        </li>
        <li>
          <a href={eventScheduleUrl(event.slug)} type="application/json">
            {t('events.page.schedule')}
          </a>{' '}
          <span className="hint">{t('events.page.scheduleHint')}</span>
        </li>
        {canManage && (
          <li>
            <Link to={adminEventPath(event.id)}>{t('events.page.edit')}</Link>
          </li>
        )}
      </ul>

      {event.description && <Paragraphs text={event.description} className="event-description" />}

      <EventResultsProvider slug={event.slug}>
        <section className="section programme" aria-labelledby="programm">
          <h2 id="programm">{t('events.page.programme')}</h2>
          {days.length === 0 && <p>{t('events.page.noSessions')}</p>}
          {days.map((day) => (
            <ProgrammeDay key={day.date} slug={event.slug} day={day} />
          ))}
        </section>
        <EventResultsPart programme={programme} />
      </EventResultsProvider>

      {/* Registration only for upcoming public events; the section itself asks whether it is open. */}
      {!past && event.visibility === 'public' && <RegistrationSection slug={event.slug} />}
    </>
  );
}
