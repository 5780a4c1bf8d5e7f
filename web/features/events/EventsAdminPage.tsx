import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { Badge, ErrorAlert, Loading, PageHeading, TableScroll } from '../../components/ui.tsx';
import { currentLanguage } from '../../i18n.ts';
import { api } from '../../lib/api.ts';
import { PATHS } from '../../lib/paths.ts';
import { useResource } from '../../lib/use-resource.ts';
import { ExpandablePanel } from '../study-admin/ExpandablePanel.tsx';
import { eventBody, emptyEventValues } from './event-form.ts';
import { adminEventPath } from './event-paths.ts';
import { formatEventRange } from './event-time.ts';
import { EventForm } from './EventForm.tsx';
import { eventFormError } from './event-errors.ts';

/** All events, public and internal, latest first; "Neue Veranstaltung" opens the form. */
export default function EventsAdminPage() {
  const { t } = useTranslation();
  const language = currentLanguage();
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  const events = useResource((signal) => api.listEvents({}, { signal }), 'alle');
  const list = events.data?.items ?? [];

  return (
    <>
      <PageHeading title={t('events.admin.title')}>
        <p className="lead">{t('events.admin.intro')}</p>
      </PageHeading>
      <p>
        <Link to={PATHS.events}>{t('events.admin.publicLink')}</Link>
      </p>

      <section className="section" aria-labelledby="veranstaltung-neu-titel">
        <h2 id="veranstaltung-neu-titel" className="visually-hidden">
          {t('events.admin.create')}
        </h2>
        <ExpandablePanel
          id="veranstaltung-neu-bereich"
          label={t('events.admin.create')}
          open={creating}
          onToggle={() => setCreating((o) => !o)}
        >
          <EventForm
            form="veranstaltung-neu"
            initial={emptyEventValues()}
            submitLabel={t('events.admin.createSubmit')}
            onCancel={() => setCreating(false)}
            onSave={async (values) => {
              try {
                const event = await api.createEvent(eventBody(values, null));
                void navigate(adminEventPath(event.id), { state: { created: true } });
              } catch (err) {
                throw eventFormError(err);
              }
            }}
          />
        </ExpandablePanel>
      </section>

      <section className="section" aria-labelledby="veranstaltungen-liste">
        <h2 id="veranstaltungen-liste">{t('events.admin.listHeading')}</h2>
        <ErrorAlert error={events.error} />
        {events.loading && !events.data && <Loading />}
        {events.data && list.length === 0 && <p>{t('events.admin.none')}</p>}
        {list.length > 0 && (
          <TableScroll label={t('events.admin.listHeading')}>
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('events.form.title')}</th>
                  <th scope="col">{t('events.card.when')}</th>
                  <th scope="col">{t('events.form.format')}</th>
                  <th scope="col" className="numeric">
                    {t('events.admin.sessions')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {list.map((event) => (
                  <tr key={event.id}>
                    <th scope="row" className="cell-main">
                      <Link to={adminEventPath(event.id)}>
                        <bdi>{event.title}</bdi>
                      </Link>
                      {event.demo && (
                        <>
                          {' '}
                          <Badge tone="demo">{t('events.demoBadge')}</Badge>
                        </>
                      )}
                      {event.visibility === 'internal' && (
                        <>
                          {' '}
                          <Badge tone="warning">{t('events.visibility.internal')}</Badge>
                        </>
                      )}
                      <span className="cell-sub">
                        <bdi>{event.slug}</bdi>
                      </span>
                    </th>
                    <td>
                      <time dateTime={event.startsAt}>{formatEventRange(event.startsAt, event.endsAt, language)}</time>
                    </td>
                    <td>{t(`events.formats.${event.format}`)}</td>
                    <td className="numeric">{event.sessionCount}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </section>
    </>
  );
}
