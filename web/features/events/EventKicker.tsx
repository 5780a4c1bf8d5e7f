import { useTranslation } from 'react-i18next';
import type { Event } from '../../../contracts/events.ts';
import { Badge } from '../../components/ui.tsx';

/** The line above an event's title: format, series, and the demo and internal badges. */
export function EventKicker({ event }: { event: Event }) {
  const { t } = useTranslation();
  return (
    <>
      {t(`events.formats.${event.format}`)}
      {event.series && (
        <>
          {' · '}
          <bdi>{event.series.title}</bdi>
        </>
      )}
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
    </>
  );
}
