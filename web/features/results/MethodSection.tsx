import type { WaveResults } from '../../../contracts/results.ts';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../i18n.ts';
import { formatDay } from '../study-admin/study-helpers.ts';
import { formatValue } from './results-format.ts';

/** How the numbers came about, in plain words: sample, field period, weighting, margin of error, hidden groups. */
export function MethodSection({ results }: { results: WaveResults }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const channels = Object.entries(results.sample.byChannel)
    .filter(([, count]) => count > 0)
    .map(([channel, count]) => t('results.method.channel', { channel: t(`studies.channels.${channel}`, { defaultValue: channel }), count }))
    .join(', ');
  return (
    <section className="results-section results-method" aria-labelledby="results-method">
      <h2 id="results-method">{t('results.method.heading')}</h2>
      <h3>{t('results.method.sampleHeading')}</h3>
      <p>
        {t('results.method.period', { from: formatDay(results.opensOn, language), to: formatDay(results.closesOn, language) })}{' '}
        {t('results.method.sample', { count: results.sample.total })}
        {channels ? ` ${t('results.method.channels', { channels })}` : '.'}{' '}
        {results.n === null ? t('results.method.usedHidden', { minCell: results.minCell }) : t('results.method.used', { count: results.n })}
      </p>
      <h3>{t('results.method.weightingHeading')}</h3>
      {results.weighted ? (
        <p>
          {t('results.method.weighted')}{' '}
          {t('results.method.margins', { title: results.margins.title, source: results.margins.source, licence: results.margins.licence })}
        </p>
      ) : (
        <p>
          {t('results.method.unweighted')} {results.weightingProblem}
        </p>
      )}
      <h3>{t('results.method.errorHeading')}</h3>
      <p>
        {results.marginOfError === null
          ? t('results.method.noMarginOfError')
          : t('results.method.marginOfError', { points: formatValue(results.marginOfError, language, 1) })}
      </p>
      <h3>{t('results.method.privacyHeading')}</h3>
      <p>{t('results.method.minCell', { minCell: results.minCell })}</p>
    </section>
  );
}
