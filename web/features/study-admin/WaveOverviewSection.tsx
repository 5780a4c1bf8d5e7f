import { useTranslation } from 'react-i18next';
import type { Wave } from '../../../contracts/study-admin.ts';
import { ErrorAlert, Loading, TableScroll } from '../../components/ui.tsx';
import { currentLanguage } from '../../i18n.ts';
import { api } from '../../lib/api.ts';
import { formatNumber } from '../../lib/format.ts';
import { useResource } from '../../lib/use-resource.ts';
import { channelRows, formatDay, shareOfFirst } from './study-helpers.ts';

function formatPercent(value: number | null, language: 'de' | 'en'): string {
  if (value === null) return '–';
  return `${new Intl.NumberFormat(language === 'en' ? 'en-GB' : 'de-DE', { maximumFractionDigits: 1 }).format(value)} %`;
}

/** Intake of a wave: complete answers per channel, how far people got, conflicts, codes used. */
export function WaveOverviewSection({ wave }: { wave: Wave }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const overview = useResource((signal) => api.waveOverview(wave.id, { signal }), `${wave.id}:${wave.version}`);
  const o = overview.data;
  const first = o?.pages[0]?.reached ?? 0;

  return (
    <section className="section" aria-labelledby="ruecklauf">
      <h2 id="ruecklauf">{t('studies.overview.heading')}</h2>
      <p>
        <button type="button" className="button button-secondary" aria-disabled={overview.loading || undefined} onClick={overview.reload}>
          {t('studies.overview.refresh')}
        </button>
      </p>
      <ErrorAlert error={overview.error} />
      {!o && overview.loading && <Loading />}
      {o && (
        <>
          <p role="status" className="result-count">
            {overview.loading
              ? t('common.loading')
              : t('studies.overview.total', {
                  count: o.total,
                  formatted: formatNumber(o.total, language),
                  day: formatDay(o.today, language),
                })}
          </p>

          <h3>{t('studies.overview.byChannel')}</h3>
          <TableScroll label={t('studies.overview.byChannel')}>
            <table className="table table-compact">
              <thead>
                <tr>
                  <th scope="col">{t('studies.overview.channel')}</th>
                  <th scope="col" className="numeric">
                    {t('studies.overview.complete')}
                  </th>
                  <th scope="col" className="numeric">
                    {t('studies.overview.today')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {channelRows(wave.channels, o.channels).map((row) => (
                  <tr key={row.channel}>
                    <th scope="row">{t(`studies.channels.${row.channel}`)}</th>
                    <td className="numeric">{formatNumber(row.complete, language)}</td>
                    <td className="numeric">{formatNumber(row.today, language)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>

          <h3>{t('studies.overview.pages')}</h3>
          <p className="hint">{t('studies.overview.pagesHint')}</p>
          {first === 0 && <p>{t('studies.overview.noPages')}</p>}
          <TableScroll label={t('studies.overview.pages')}>
            <table className="table table-compact">
              <thead>
                <tr>
                  <th scope="col">{t('studies.overview.page')}</th>
                  <th scope="col" className="numeric">
                    {t('studies.overview.reached')}
                  </th>
                  <th scope="col">{t('studies.overview.share')}</th>
                </tr>
              </thead>
              <tbody>
                {o.pages.map((page) => {
                  const share = shareOfFirst(page.reached, first);
                  return (
                    <tr key={page.index}>
                      <th scope="row">
                        {page.index + 1}. <bdi>{page.title}</bdi>
                      </th>
                      <td className="numeric">{formatNumber(page.reached, language)}</td>
                      <td className="share-cell">
                        <span className="share-value">{formatPercent(share, language)}</span>
                        {share !== null && <meter className="share-bar" min={0} max={100} value={share} aria-hidden="true" />}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </TableScroll>

          <dl className="details-list">
            <div>
              <dt>{t('studies.overview.conflicts')}</dt>
              <dd>
                {formatNumber(o.conflicts, language)}
                <span className="cell-sub">{t('studies.overview.conflictsHint')}</span>
              </dd>
            </div>
            <div>
              <dt>{t('studies.overview.invitations')}</dt>
              <dd>
                {t('studies.overview.invitationsValue', {
                  used: formatNumber(o.invitations.used, language),
                  total: formatNumber(o.invitations.total, language),
                })}
              </dd>
            </div>
          </dl>
        </>
      )}
    </section>
  );
}
