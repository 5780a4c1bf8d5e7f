import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeading } from '../../components/ui.tsx';
import { PATHS } from '../../lib/paths.ts';

/** A registration page opened without its personal link: say so and lead back to the events. */
export function MissingToken({ title, message }: { title: string; message: string }) {
  const { t } = useTranslation();
  return (
    <div className="narrow">
      <PageHeading title={title} />
      <div className="alert alert-error" role="alert">
        <p>{message}</p>
      </div>
      <p>
        <Link to={PATHS.events}>{t('registration.view.toEvents')}</Link>
      </p>
    </div>
  );
}
