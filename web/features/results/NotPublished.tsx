import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeading } from '../../components/ui.tsx';
import { PATHS } from '../../lib/paths.ts';

/** The public page of a wave whose results are not (yet) published: a friendly word, no error code. */
export function NotPublished() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeading title={t('results.public.notPublishedTitle')} />
      <p>{t('results.public.notPublished')}</p>
      <p>
        <Link to={PATHS.home}>{t('notFound.home')}</Link>
      </p>
    </>
  );
}
