import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { RegistrationView, RegistrationWorkshop } from '../../../contracts/registration.ts';
import { Badge } from '../../components/ui.tsx';
import { currentLanguage } from '../../i18n.ts';
import { formatEventRange, formatTime } from '../events/event-time.ts';
import { eventPath } from '../events/event-paths.ts';
import { seatStateMessage, seatTone, type SeatState } from './registration-status.ts';

/** A seat's state in words, as a badge (the words carry the meaning; the colour only repeats it). */
export function SeatBadge({ seat }: { seat: SeatState }) {
  const { t } = useTranslation();
  const message = seatStateMessage(seat, currentLanguage());
  return <Badge tone={seatTone(seat.status)}>{t(message.key, message.values)}</Badge>;
}

/** What a person registered for: the event, the event seat and each workshop with its state. */
export function RegistrationStatus({
  view,
  workshopAction,
  seatAction,
}: {
  view: RegistrationView;
  /** E.g. "accept the offered seat", shown beside a workshop. */
  workshopAction?: (workshop: RegistrationWorkshop) => ReactNode;
  seatAction?: ReactNode;
}) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const { event } = view;
  return (
    <>
      <dl className="details-list registration-details">
        <div>
          <dt>{t('registration.view.event')}</dt>
          <dd>
            <Link to={eventPath(event.slug)}>
              <bdi>{event.title}</bdi>
            </Link>
          </dd>
        </div>
        <div>
          <dt>{t('events.card.when')}</dt>
          <dd>
            <time dateTime={event.startsAt}>{formatEventRange(event.startsAt, event.endsAt, language)}</time>
          </dd>
        </div>
        <div>
          <dt>{t('events.card.where')}</dt>
          <dd>
            <bdi>{event.venue.name}</bdi>
            {event.venue.street && (
              <>
                , <bdi>{event.venue.street}</bdi>
              </>
            )}
            , {event.venue.postalCode} <bdi>{event.venue.city}</bdi>
          </dd>
        </div>
        <div>
          <dt>{t('registration.view.name')}</dt>
          <dd>
            <bdi>{view.name}</bdi>
            {view.organisation && (
              <>
                {' · '}
                <bdi>{view.organisation}</bdi>
              </>
            )}
            {' · '}
            {t(`registration.types.${view.participantType}`)}
          </dd>
        </div>
        <div>
          <dt>{t('registration.view.seat')}</dt>
          <dd className="registration-seat" data-status={view.status}>
            <SeatBadge seat={view} />
            {seatAction}
          </dd>
        </div>
      </dl>

      <h2 id="anmeldung-workshops">{t('registration.view.workshops')}</h2>
      {view.workshops.length === 0 ? (
        <p>{t('registration.view.noWorkshops')}</p>
      ) : (
        <ul className="registration-workshop-list" aria-labelledby="anmeldung-workshops">
          {view.workshops.map((w) => (
            <li key={w.sessionId} className="registration-workshop" data-status={w.status}>
              <p className="registration-workshop-title">
                <strong>
                  <bdi>{w.title}</bdi>
                </strong>
                <span className="cell-sub">
                  {t('registration.form.slotTime', { start: formatTime(w.startsAt, language), end: formatTime(w.endsAt, language) })}
                </span>
              </p>
              <p className="registration-workshop-state">
                <SeatBadge seat={w} />
              </p>
              {workshopAction?.(w)}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
