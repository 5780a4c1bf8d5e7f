import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { ErrorAlert, Loading, PageHeading } from '../../components/ui.tsx';
import { currentLanguage } from '../../i18n.ts';
import { api } from '../../lib/api.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useResource } from '../../lib/use-resource.ts';
import { formatDay } from '../study-admin/study-helpers.ts';
import { publicResultsPath, reportPath, wavePath } from '../study-admin/study-paths.ts';
import { useWave } from '../study-admin/use-wave.ts';
import { FilterNote } from './FilterNote.tsx';
import { ResultsBody } from './ResultsBody.tsx';
import { ResultsFilters } from './ResultsFilters.tsx';
import { queryFromSearch, queryKey, withChoice } from './results-query.ts';
import { useAutoRefresh } from './use-auto-refresh.ts';
import { WeightingSummary } from './WeightingSummary.tsx';

const REFRESH_MS = 30_000;

/**
 * The "Stimmungsbild" of a wave for staff and analysts: indices with their confidence intervals
 * and changes, breakdowns by district, age, sex and automotive work, every question's distribution
 * and the weighting behind it. Filters live in the URL; the numbers refresh every 30 s.
 */
export default function ResultsPage() {
  const { t } = useTranslation();
  const language = currentLanguage();
  const { id = '' } = useParams();
  const [search, setSearch] = useSearchParams();
  const query = queryFromSearch(search);
  const key = `${id}?${queryKey(query)}`;
  const loaded = useResource((signal) => api.waveResults(id, query, { signal }), key);
  const wave = useWave(id);
  useAutoRefresh(loaded.reload, REFRESH_MS);

  // Announce new numbers (a new count or another view) politely; a refresh without news stays quiet.
  const data = loaded.data;
  const [announced, setAnnounced] = useState<{ key: string; n: number | null } | null>(null);
  const [announcement, setAnnouncement] = useState('');
  if (data && !loaded.loading && (announced?.key !== key || announced.n !== data.n)) {
    if (announced !== null) setAnnouncement(t('results.staff.updated', { time: formatDateTime(data.generatedAt, language) }));
    setAnnounced({ key, n: data.n });
  }

  // "Aktualisieren" always gets an answer, even when the numbers stayed the same.
  const [manual, setManual] = useState(false);
  if (manual && !loaded.loading) {
    setManual(false);
    // A failed reload is announced by the error alert instead.
    if (data && !loaded.error) setAnnouncement(t('results.staff.refreshed', { time: formatDateTime(data.generatedAt, language) }));
  }
  const refresh = () => {
    setAnnouncement('');
    setManual(true);
    loaded.reload();
  };

  const title = data ? t('results.staff.title', { wave: data.waveName }) : t('results.staff.fallbackTitle');
  const code = wave.data?.wave.code;

  return (
    <>
      <p className="breadcrumb no-print">
        <Link to={wavePath(id)}>{t('studies.print.backToWave')}</Link>
      </p>
      <PageHeading title={title}>
        {data && (
          <p className="lead">
            <bdi>{data.studyTitle}</bdi>
          </p>
        )}
      </PageHeading>
      <p role="status" className="visually-hidden">
        {announcement}
      </p>
      <ErrorAlert error={loaded.error} />
      {!data ? (
        loaded.loading && <Loading />
      ) : (
        <>
          <dl className="details-list results-facts">
            <div>
              <dt>{t('results.staff.n')}</dt>
              <dd>
                {data.n === null
                  ? t('results.staff.nHidden', { minCell: data.minCell, total: data.sample.total })
                  : t('results.staff.nValue', { n: data.n, total: data.sample.total })}
              </dd>
            </div>
            <div>
              <dt>{t('results.staff.period')}</dt>
              <dd>{t('studies.waves.periodValue', { from: formatDay(data.opensOn, language), to: formatDay(data.closesOn, language) })}</dd>
            </div>
            <div>
              <dt>{t('results.staff.generatedAt')}</dt>
              <dd>{formatDateTime(data.generatedAt, language)}</dd>
            </div>
            <div>
              <dt>{t('results.staff.published')}</dt>
              <dd>{data.published ? t('common.yes') : t('common.no')}</dd>
            </div>
          </dl>
          <div className="actions results-actions no-print">
            <button type="button" className="button button-secondary" onClick={refresh} aria-busy={loaded.loading || undefined}>
              {t('common.refresh')}
            </button>
            <Link className="button button-secondary" to={`${reportPath(id)}${search.size > 0 ? `?${search.toString()}` : ''}`}>
              {t('results.staff.report')}
            </Link>
            {data.published && code && <Link to={publicResultsPath(code)}>{t('results.staff.publicPage')}</Link>}
          </div>
          <ResultsFilters
            results={data}
            weighted={query.weighted !== 'false'}
            filters={query}
            onWeighted={(weighted) => setSearch(withChoice(currentSearch(), { weighted }), { replace: true })}
            onFilter={(breakdown, group) => setSearch(withChoice(currentSearch(), { breakdown, group }), { replace: true })}
          />
          <FilterNote results={data} />
          <WeightingSummary results={data} />
          <ResultsBody results={data} audience="staff" />
        </>
      )}
    </>
  );
}

/**
 * The address as it is now: the router writes it before the page re-renders, so two quick
 * choices in a row must build on the address, not on the search params of the last render.
 */
const currentSearch = () => new URLSearchParams(window.location.search);
