import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeading } from '../../components/ui.tsx';
import { PATHS } from '../../lib/paths.ts';

export default function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeading title={t('notFound.title')} />
      <p>{t('notFound.text')}</p>
      <p>
        <Link to={PATHS.home}>{t('notFound.home')}</Link>
      </p>
    </>
  );
}
