import { useTranslation } from 'react-i18next';
import type { Programme } from '../../../contracts/events.ts';
import { sessionAnchor } from '../events/event-paths.ts';
import { useEventResults } from './use-event-results.ts';

/** "Ergebnisse" on the event page: which sessions have published results, with a link to each. */
export function EventResultsPart({ programme }: { programme: Programme }) {
  const { t } = useTranslation();
  const results = useEventResults();
  const sessions = programme.days.flatMap((d) => d.slots.flatMap((s) => s.sessions)).filter((s) => results.has(s.id));
  if (sessions.length === 0) return null;
  return (
    <section className="section event-results" aria-labelledby="ergebnisse">
      <h2 id="ergebnisse">{t('sessionResults.public.heading')}</h2>
      <p>{t('sessionResults.public.intro')}</p>
      <ul className="link-list">
        {sessions.map((s) => (
          <li key={s.id}>
            <a href={`#${sessionAnchor(s.id)}`}>
              <bdi>{s.title}</bdi>
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
