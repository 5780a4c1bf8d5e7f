import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import type { WaveResults } from '../../../contracts/results.ts';
import { ErrorAlert, Loading, PageHeading, usePageTitle } from '../../components/ui.tsx';
import { currentLanguage } from '../../i18n.ts';
import { api } from '../../lib/api.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useResource, type Resource } from '../../lib/use-resource.ts';
import { publicResultsPath, resultsPath } from '../study-admin/study-paths.ts';
import { FilterNote } from './FilterNote.tsx';
import { MethodSection } from './MethodSection.tsx';
import { NotPublished } from './NotPublished.tsx';
import { PublicIntro } from './PublicIntro.tsx';
import { ResultsBody } from './ResultsBody.tsx';
import { queryFromSearch, queryKey } from './results-query.ts';
import { usePublicResults } from './use-public-results.ts';
import { WeightingSummary } from './WeightingSummary.tsx';

/**
 * The results laid out for A4 (print or "save as PDF"): every table visible, no navigation.
 * Staff open it with the dashboard's filters (/verwaltung/wellen/:id/ergebnisse/bericht), everyone
 * else for a published wave (/ergebnisse/:code/bericht).
 */
export default function ReportPage() {
  const { id, code } = useParams();
  return id ? <StaffReport id={id} /> : <PublicReport code={code ?? ''} />;
}

function StaffReport({ id }: { id: string }) {
  const [search] = useSearchParams();
  const query = queryFromSearch(search);
  const loaded = useResource((signal) => api.waveResults(id, query, { signal }), `${id}?${queryKey(query)}`);
  const back = `${resultsPath(id)}${search.size > 0 ? `?${search.toString()}` : ''}`;
  return <Report loaded={loaded} back={back} audience="staff" />;
}

function PublicReport({ code }: { code: string }) {
  const loaded = usePublicResults(code);
  if (loaded.notPublished) return <NotPublished />;
  return <Report loaded={loaded} back={publicResultsPath(code)} audience="public" />;
}

function Report({ loaded, back, audience }: { loaded: Resource<WaveResults>; back: string; audience: 'staff' | 'public' }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const data = loaded.data;
  usePageTitle(data ? t('results.report.title', { study: data.studyTitle, wave: data.waveName }) : t('results.public.fallbackTitle'));

  return (
    <div className="print-page results-report">
      <div className="print-toolbar no-print">
        <p className="breadcrumb">
          <Link to={back}>{t('results.report.back')}</Link>
        </p>
        <p>
          <button type="button" className="button button-primary" onClick={() => window.print()} disabled={!data}>
            {t('results.report.print')}
          </button>
        </p>
      </div>
      {!data ? (
        <>
          <PageHeading title={t('results.public.fallbackTitle')} />
          {loaded.loading ? <Loading /> : <ErrorAlert error={loaded.error} />}
        </>
      ) : (
        <article className="print-sheet results-sheet">
          <header className="results-report-header">
            <p className="results-report-kicker">{t('results.report.kicker')}</p>
            <h1 tabIndex={-1}>
              <bdi>{data.studyTitle}</bdi>
            </h1>
            <p className="lead">
              <bdi>{data.waveName}</bdi> · {t('results.report.generatedAt', { time: formatDateTime(data.generatedAt, language) })}
            </p>
          </header>
          {audience === 'public' ? (
            <PublicIntro results={data} print />
          ) : (
            <>
              <FilterNote results={data} />
              <WeightingSummary results={data} />
            </>
          )}
          <ResultsBody results={data} audience={audience} print />
          <MethodSection results={data} />
        </article>
      )}
    </div>
  );
}
