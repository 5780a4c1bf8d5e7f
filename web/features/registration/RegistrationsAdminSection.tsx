import { useTranslation } from 'react-i18next';
import { apiPath } from '../../../contracts/api.ts';
import type { Programme } from '../../../contracts/events.ts';
import { BOOKABLE_SESSION_TYPES, type RegistrationList, type StatusCounts } from '../../../contracts/registration.ts';
import { ErrorAlert, Loading, TableScroll } from '../../components/ui.tsx';
import { currentLanguage } from '../../i18n.ts';
import { api } from '../../lib/api.ts';
import { useResource } from '../../lib/use-resource.ts';
import { berlinDate, formatDay, formatTime } from '../events/event-time.ts';
import { CapacityForm, type BookableSession } from './CapacityForm.tsx';
import { SeatBadge } from './RegistrationStatus.tsx';

const COUNT_COLUMNS = ['confirmed', 'waitlisted', 'offered', 'pending', 'cancelled', 'expired'] as const;

function CountHeaders() {
  const { t } = useTranslation();
  return (
    <>
      {COUNT_COLUMNS.map((status) => (
        <th key={status} scope="col" className="numeric">
          {t(`registration.counts.${status}`)}
        </th>
      ))}
    </>
  );
}

function CountCells({ counts }: { counts: Partial<StatusCounts> }) {
  return (
    <>
      {COUNT_COLUMNS.map((status) => (
        <td key={status} className="numeric">
          {counts[status] ?? '–'}
        </td>
      ))}
    </>
  );
}

/** Sessions people can sign up for, from the programme, with the capacity the registration list knows. */
function bookableSessions(programme: Programme, list: RegistrationList, language: 'de' | 'en'): BookableSession[] {
  const types: readonly string[] = BOOKABLE_SESSION_TYPES;
  return programme.days
    .flatMap((d) => d.slots.flatMap((s) => s.sessions))
    .filter((s) => types.includes(s.type))
    .map((s) => ({
      sessionId: s.id,
      title: s.title,
      start: formatTime(s.startsAt, language),
      capacity: list.workshops.find((w) => w.sessionId === s.id)?.capacity ?? null,
    }));
}

/** "Kapazität und Anmeldungen" on the staff page of an event: seats, counts per state, the participant list. */
export function RegistrationsAdminSection({ programme, onSaved }: { programme: Programme; onSaved: () => void }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const { event } = programme;
  const list = useResource((signal) => api.listRegistrations(event.id, { signal }), `${event.id}:${event.version}`);
  const data = list.data;
  const titles = new Map(data?.workshops.map((w) => [w.sessionId, w.title]) ?? []);

  return (
    <section className="section registrations-admin" aria-labelledby="anmeldungen">
      <h2 id="anmeldungen">{t('registration.staff.heading')}</h2>
      <ErrorAlert error={list.error} />
      {list.loading && !data && <Loading />}
      {data && (
        <>
          {data.retention && (
            <p className="alert alert-info">
              {t('registration.staff.purged', {
                date: formatDay(berlinDate(data.retention.purgedAt), language),
                days: data.retention.retentionDays,
              })}{' '}
              {t('registration.staff.purgedCheckedIn', { count: data.retention.checkedIn })}
            </p>
          )}
          <CapacityForm
            key={`${data.event.version}:${data.workshops.map((w) => `${w.sessionId}=${w.capacity}`).join(',')}`}
            list={data}
            sessions={bookableSessions(programme, data, language)}
            onSaved={() => {
              onSaved();
              list.reload();
            }}
          />

          <h3 id="anmeldungen-zahlen">{t('registration.staff.countsHeading')}</h3>
          <TableScroll label={t('registration.staff.countsHeading')}>
            <table className="table registration-counts" aria-labelledby="anmeldungen-zahlen">
              <thead>
                <tr>
                  <th scope="col">{t('registration.staff.what')}</th>
                  <th scope="col" className="numeric">
                    {t('registration.staff.capacityShort')}
                  </th>
                  <CountHeaders />
                </tr>
              </thead>
              <tbody>
                <tr>
                  <th scope="row">{t('registration.staff.eventRow')}</th>
                  <td className="numeric">{data.event.capacity ?? t('registration.staff.unlimited')}</td>
                  <CountCells counts={data.counts} />
                </tr>
                {data.workshops.map((w) => (
                  <tr key={w.sessionId}>
                    <th scope="row">
                      <bdi>{w.title}</bdi>
                      <span className="cell-sub">{formatTime(w.startsAt, language)}</span>
                    </th>
                    <td className="numeric">{w.capacity ?? t('registration.staff.unlimited')}</td>
                    <CountCells counts={w.counts} />
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>

          {data.retention && data.retention.participantTypes.length > 0 && (
            <>
              <h3 id="anmeldungen-gruppen">{t('registration.staff.typesHeading')}</h3>
              <TableScroll label={t('registration.staff.typesHeading')}>
                <table className="table registration-counts" aria-labelledby="anmeldungen-gruppen">
                  <thead>
                    <tr>
                      <th scope="col">{t('registration.staff.type')}</th>
                      <CountHeaders />
                    </tr>
                  </thead>
                  <tbody>
                    {data.retention.participantTypes.map((p) => (
                      <tr key={p.participantType}>
                        <th scope="row">{t(`registration.types.${p.participantType}`)}</th>
                        <CountCells counts={p.counts} />
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableScroll>
            </>
          )}

          {/* After the retention period the personal list is gone; the notice above says so. */}
          {!data.retention && (
            <>
              <h3 id="anmeldungen-liste">{t('registration.staff.listHeading', { count: data.items.length })}</h3>
              <p>
                <a href={apiPath('exportRegistrations', { id: event.id })} download={`teilnehmerliste-${data.event.slug}.csv`}>
                  {t('registration.staff.csv')}
                </a>
                {' · '}
                <a href={apiPath('exportRegistrationsXlsx', { id: event.id })} download={`teilnehmerliste-${data.event.slug}.xlsx`}>
                  {t('registration.staff.xlsx')}
                </a>
              </p>
            </>
          )}
          {data.retention ? null : data.items.length === 0 ? (
            <p>{t('registration.staff.none')}</p>
          ) : (
            <TableScroll label={t('registration.staff.listLabel')}>
              <table className="table registration-participants" aria-labelledby="anmeldungen-liste">
                <thead>
                  <tr>
                    <th scope="col">{t('registration.form.name')}</th>
                    <th scope="col">{t('registration.form.organisation')}</th>
                    <th scope="col">{t('registration.staff.type')}</th>
                    <th scope="col">{t('registration.staff.status')}</th>
                    <th scope="col">{t('registration.view.workshops')}</th>
                    <th scope="col">{t('registration.form.accessibility')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.items.map((item) => (
                    <tr key={item.id}>
                      <th scope="row">
                        <bdi>{item.name}</bdi>
                        <span className="cell-sub">
                          <bdi>{item.email}</bdi>
                        </span>
                      </th>
                      <td>
                        <bdi>{item.organisation}</bdi>
                      </td>
                      <td>{t(`registration.types.${item.participantType}`)}</td>
                      <td>
                        <SeatBadge seat={{ ...item, waitlistPosition: null }} />
                      </td>
                      <td>
                        {item.workshops.length > 0 && (
                          <ul className="registration-cell-list">
                            {item.workshops.map((w) => (
                              <li key={w.sessionId}>
                                <bdi>{titles.get(w.sessionId) ?? ''}</bdi>: {t(`registration.status.${w.status}`)}
                              </li>
                            ))}
                          </ul>
                        )}
                      </td>
                      <td className="cell-wide">
                        <bdi>{item.accessibilityNeeds}</bdi>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          )}
        </>
      )}
    </section>
  );
}
