import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Programme } from '../../../contracts/events.ts';
import { pagePath, PATHS } from '../../lib/paths.ts';

/** On the staff page of a Bürgerforum (or an event with one on its programme): the way to the notes. */
export function ForumNotesLink({ programme }: { programme: Programme }) {
  const { t } = useTranslation();
  const { event } = programme;
  const hasForum =
    event.format === 'buergerforum' || programme.days.some((d) => d.slots.some((s) => s.sessions.some((x) => x.type === 'buergerforum')));
  if (!hasForum) return null;
  return (
    <p>
      <Link to={pagePath(PATHS.adminForumNotes, { id: event.id })}>{t('forumNotes.link')}</Link>
    </p>
  );
}
