import { useTranslation } from 'react-i18next';
import { Link, useRouteError } from 'react-router';
import { PATHS } from '../lib/paths.ts';
import { PageHeading } from './ui.tsx';

/**
 * Shown when a page cannot be displayed at all, e.g. because a new version was deployed and the
 * old page files are gone. Reloading fetches the current version.
 */
export function RouteError() {
  const { t } = useTranslation();
  const error = useRouteError();
  const chunkMissing = error instanceof TypeError && /import|module/i.test(error.message);
  return (
    <>
      <PageHeading title={t('routeError.title')} />
      <p>{chunkMissing ? t('routeError.newVersion') : t('routeError.text')}</p>
      <p className="actions">
        <button type="button" className="button button-primary" onClick={() => window.location.reload()}>
          {t('routeError.reload')}
        </button>
        <Link to={PATHS.home}>{t('routeError.home')}</Link>
      </p>
    </>
  );
}
