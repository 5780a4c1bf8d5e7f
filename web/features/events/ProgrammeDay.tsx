import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProgrammeSession as Session } from '../../../contracts/events.ts';
import { currentLanguage } from '../../i18n.ts';
import { formatDay, formatTime } from './event-time.ts';
import { isParallel, type ProgrammeDayLayout } from './programme-layout.ts';
import { ProgrammeSession } from './ProgrammeSession.tsx';

/**
 * One day of the programme. Sessions in parallel stand side by side, one column per room, on
 * wide screens; on a phone they are one list (see the events section of styles.css).
 */
export function ProgrammeDay({ slug, day }: { slug: string; day: ProgrammeDayLayout<Session> }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const headingId = `tag-${day.date}`;
  return (
    <section className="programme-day" aria-labelledby={headingId}>
      <h3 id={headingId}>
        <time dateTime={day.date}>{formatDay(day.date, language)}</time>
      </h3>
      {day.slots.map((slot) => {
        const parallel = isParallel(slot);
        return (
          <div key={slot.startsAt} className={parallel ? 'programme-slot is-parallel' : 'programme-slot'}>
            {parallel && (
              <p className="programme-slot-time">
                <time dateTime={slot.startsAt}>{formatTime(slot.startsAt, language)}</time>–
                <time dateTime={slot.endsAt}>{formatTime(slot.endsAt, language)}</time>
                {': '}
                {t('events.page.parallel', { count: slot.columns.length })}
              </p>
            )}
            <ul className="programme-columns" style={{ '--programme-columns': slot.columns.length } as CSSProperties}>
              {slot.columns.map((column) => (
                <li key={column.room} className="programme-column">
                  {column.sessions.map((session) => (
                    <ProgrammeSession key={session.id} slug={slug} session={session} />
                  ))}
                </li>
              ))}
            </ul>
          </div>
        );
      })}
    </section>
  );
}
