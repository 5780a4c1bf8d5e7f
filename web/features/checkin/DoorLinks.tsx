import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { apiPath } from '../../../contracts/api.ts';
import { pagePath, PATHS } from '../../lib/paths.ts';

/** On the staff page of an event: the check-in page for the door and the badge sheet. */
export function DoorLinks({ eventId, slug }: { eventId: string; slug: string }) {
  const { t } = useTranslation();
  return (
    <ul className="link-list no-print">
      <li>
        <Link to={pagePath(PATHS.adminEventCheckin, { id: eventId })}>{t('checkin.openLink')}</Link>
      </li>
      <li>
        <a href={apiPath('badgesPdf', { id: eventId })} download={`namensschilder-${slug}.pdf`}>
          {t('checkin.badgesLink')}
        </a>
      </li>
    </ul>
  );
}
