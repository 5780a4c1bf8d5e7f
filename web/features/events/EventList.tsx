import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert, Loading, PageHeading } from '../../components/ui.tsx';
import { api } from '../../lib/api.ts';
import { PATHS } from '../../lib/paths.ts';
import { useSession } from '../../lib/session.tsx';
import { useResource } from '../../lib/use-resource.ts';
import { EventCard } from './EventCard.tsx';
import { canManageEvents } from './use-event-access.ts';

type Zeit = 'kommend' | 'vergangen';

/** The public list of upcoming or past events, with the way to the other list. */
export function EventList({ zeit }: { zeit: Zeit }) {
  const { t } = useTranslation();
  const { user } = useSession();
  const events = useResource((signal) => api.listEvents({ zeit }, { signal }), zeit);
  const items = events.data?.items ?? [];
  const key = zeit === 'kommend' ? 'upcoming' : 'archive';

  return (
    <>
      <PageHeading title={t(`events.${key}.title`)}>
        <p className="lead">{t(`events.${key}.intro`)}</p>
      </PageHeading>
      <ul className="link-list event-list-links">
        <li>
          {zeit === 'kommend' ? (
            <Link to={PATHS.eventArchive}>{t('events.upcoming.toArchive')}</Link>
          ) : (
            <Link to={PATHS.events}>{t('events.archive.toUpcoming')}</Link>
          )}
        </li>
        {canManageEvents(user?.role) && (
          <li>
            <Link to={PATHS.adminEvents}>{t('events.upcoming.manage')}</Link>
          </li>
        )}
      </ul>
      <ErrorAlert error={events.error} />
      {events.loading && !events.data && <Loading />}
      {events.data && items.length === 0 && <p>{t(`events.${key}.none`)}</p>}
      {items.length > 0 && (
        <ul className="event-list" aria-label={t(`events.${key}.title`)}>
          {items.map((event) => (
            <li key={event.id}>
              <EventCard event={event} />
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
