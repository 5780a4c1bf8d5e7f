import { useTranslation } from 'react-i18next';
import type { Person, ProgrammeSession as Session } from '../../../contracts/events.ts';
import { currentLanguage } from '../../i18n.ts';
import { formatTime } from './event-time.ts';
import { sessionAnchor, sessionCalendarUrl } from './event-paths.ts';
import { Paragraphs } from './Paragraphs.tsx';
import { SessionResultsBlock } from '../session-results/SessionResultsBlock.tsx';

function People({ label, people }: { label: string; people: Person[] }) {
  if (people.length === 0) return null;
  return (
    <div>
      <dt>{label}</dt>
      <dd>
        <ul className="person-list">
          {people.map((person) => (
            <li key={person.id}>
              <bdi className="person-name">{person.name}</bdi>
              {(person.role || person.organisation) && (
                <span className="person-detail">
                  {', '}
                  <bdi>{[person.role, person.organisation].filter(Boolean).join(', ')}</bdi>
                </span>
              )}
            </li>
          ))}
        </ul>
      </dd>
    </div>
  );
}

/** One programme item: type, time and room, title, abstract, who moderates and who speaks. */
export function ProgrammeSession({ slug, session }: { slug: string; session: Session }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const anchor = sessionAnchor(session.id);
  return (
    <article id={anchor} className={`programme-session programme-session-${session.type}`} aria-labelledby={`${anchor}-titel`}>
      <p className="programme-session-meta">
        <span className="programme-session-type">{t(`events.sessionTypes.${session.type}`)}</span>
        {' · '}
        <span className="nowrap">
          <time dateTime={session.startsAt}>{formatTime(session.startsAt, language)}</time>–
          <time dateTime={session.endsAt}>{formatTime(session.endsAt, language)}</time>
          {language === 'de' ? ' Uhr' : ''}
        </span>
        {session.room && (
          <>
            {' · '}
            <span className="visually-hidden">{t('events.session.room')}: </span>
            <bdi>{session.room}</bdi>
          </>
        )}
        {session.track && (
          <>
            {' · '}
            <span className="visually-hidden">{t('events.session.track')}: </span>
            <bdi>{session.track}</bdi>
          </>
        )}
      </p>
      <h4 id={`${anchor}-titel`} className="programme-session-title">
        <bdi>{session.title}</bdi>
      </h4>
      {session.abstract && <Paragraphs text={session.abstract} className="programme-session-abstract" />}
      {(session.moderators.length > 0 || session.speakers.length > 0) && (
        <dl className="programme-people">
          <People label={t('events.session.moderation')} people={session.moderators} />
          <People label={t('events.session.speakers')} people={session.speakers} />
        </dl>
      )}
      <SessionResultsBlock sessionId={session.id} title={session.title} />
      {session.type !== 'pause' && (
        <p className="programme-session-links">
          <a
            href={sessionCalendarUrl(slug, session.id)}
            download={`${anchor}.ics`}
            aria-label={`${t('events.page.calendar')}: ${session.title}`}
          >
            {t('events.page.calendar')}
          </a>
        </p>
      )}
    </article>
  );
}
