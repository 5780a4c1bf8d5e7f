import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert, Loading, PageHeading } from '../../components/ui.tsx';
import { PATHS } from '../../lib/paths.ts';
import type { Resource } from '../../lib/use-resource.ts';

/** What a wave page shows until its wave has loaded: a spinner, or the error with a way back. */
export function WaveNotLoaded({ loaded }: { loaded: Pick<Resource<unknown>, 'loading' | 'error'> }) {
  const { t } = useTranslation();
  return (
    <>
      <PageHeading title={t('studies.wave.fallbackTitle')} />
      {loaded.loading ? <Loading /> : <ErrorAlert error={loaded.error} />}
      <p>
        <Link to={PATHS.adminStudies}>{t('studies.backToList')}</Link>
      </p>
    </>
  );
}
