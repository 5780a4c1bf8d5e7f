import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ErrorAlert, Loading, PageHeading } from '../../components/ui.tsx';
import { publicReportPath } from '../study-admin/study-paths.ts';
import { MethodSection } from './MethodSection.tsx';
import { NotPublished } from './NotPublished.tsx';
import { PublicIntro } from './PublicIntro.tsx';
import { ResultsBody } from './ResultsBody.tsx';
import { usePublicResults } from './use-public-results.ts';

/** The published "Stimmungsbild" of a wave for everyone: plain words, charts with tables, and how it was made. */
export default function PublicResultsPage() {
  const { t } = useTranslation();
  const { code = '' } = useParams();
  const loaded = usePublicResults(code);

  if (loaded.notPublished) return <NotPublished />;
  const data = loaded.data;
  if (!data)
    return (
      <>
        <PageHeading title={t('results.public.fallbackTitle')} />
        {loaded.loading ? <Loading /> : <ErrorAlert error={loaded.error} />}
      </>
    );

  return (
    <>
      <PageHeading title={t('results.public.title', { study: data.studyTitle })}>
        <p className="lead">
          <bdi>{data.waveName}</bdi>
        </p>
      </PageHeading>
      <PublicIntro results={data} />
      <ResultsBody results={data} audience="public" />
      <MethodSection results={data} />
      <p className="no-print">
        <Link to={publicReportPath(code)}>{t('results.public.printVersion')}</Link>
      </p>
    </>
  );
}
