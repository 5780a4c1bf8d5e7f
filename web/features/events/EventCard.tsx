import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Event } from '../../../contracts/events.ts';
import { currentLanguage } from '../../i18n.ts';
import { formatEventRange } from './event-time.ts';
import { eventPath } from './event-paths.ts';
import { EventKicker } from './EventKicker.tsx';

/** One event in a list: what, when, where, by whom, on which fields of action. */
export function EventCard({ event, headingLevel = 2 }: { event: Event; headingLevel?: 2 | 3 }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <article className="event-card">
      <p className="event-card-kicker">
        <EventKicker event={event} />
      </p>
      <Heading className="event-card-title">
        <Link to={eventPath(event.slug)}>
          <bdi>{event.title}</bdi>
        </Link>
      </Heading>
      <dl className="event-facts">
        <div>
          <dt>{t('events.card.when')}</dt>
          <dd>
            <time dateTime={event.startsAt}>{formatEventRange(event.startsAt, event.endsAt, language)}</time>
          </dd>
        </div>
        <div>
          <dt>{t('events.card.where')}</dt>
          <dd>
            <bdi>{event.venue.name}</bdi>, <bdi>{event.venue.city}</bdi>
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
            <dd>
              <ul className="tag-list">
                {event.fieldsOfAction.map((f) => (
                  <li key={f}>{t(`events.fields.${f}`)}</li>
                ))}
              </ul>
            </dd>
          </div>
        )}
      </dl>
    </article>
  );
}
