import type { WaveResults } from '../../../contracts/results.ts';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../i18n.ts';
import { formatValue } from './results-format.ts';

/** For staff: the weighting behind the numbers (margins and their licence, effective n, design effect) and who was left out. */
export function WeightingSummary({ results }: { results: WaveResults }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const { weights, margins } = results;
  return (
    <section className="results-section results-weighting" aria-labelledby="results-weighting">
      <h2 id="results-weighting">{t('results.weighting.heading')}</h2>
      {results.weightingProblem && (
        <div className="alert alert-info">
          <p>{results.weightingProblem}</p>
        </div>
      )}
      <dl className="details-list">
        <div>
          <dt>{t('results.weighting.state')}</dt>
          <dd>{results.weighted ? t('results.weighting.weighted') : t('results.weighting.unweighted')}</dd>
        </div>
        <div>
          <dt>{t('results.weighting.margins')}</dt>
          <dd>
            {margins.title}
            {margins.custom && ` (${t('results.weighting.custom')})`}
          </dd>
        </div>
        <div>
          <dt>{t('results.weighting.source')}</dt>
          <dd>{margins.source}</dd>
        </div>
        <div>
          <dt>{t('results.weighting.licence')}</dt>
          <dd>{margins.licence}</dd>
        </div>
        {margins.variables.length > 0 && (
          <div>
            <dt>{t('results.weighting.variables')}</dt>
            <dd>{margins.variables.map((v) => t(`results.breakdowns.${v}`, { defaultValue: v })).join(', ')}</dd>
          </div>
        )}
        {weights && (
          <>
            <div>
              <dt>{t('results.weighting.effectiveN')}</dt>
              <dd>{formatValue(weights.effectiveN, language, 0)}</dd>
            </div>
            <div>
              <dt>{t('results.weighting.deff')}</dt>
              <dd>{formatValue(weights.deff, language)}</dd>
            </div>
            <div>
              <dt>{t('results.weighting.range')}</dt>
              <dd>
                {t('results.weighting.rangeValue', { min: formatValue(weights.min, language), max: formatValue(weights.max, language) })}
              </dd>
            </div>
            <div>
              <dt>{t('results.weighting.convergence')}</dt>
              <dd>
                {weights.converged
                  ? t('results.weighting.converged', { count: weights.iterations })
                  : t('results.weighting.notConverged', { count: weights.iterations })}
              </dd>
            </div>
          </>
        )}
      </dl>
      <h3>{t('results.weighting.excludedHeading')}</h3>
      {results.excluded.length === 0 ? (
        <p>{t('results.weighting.noneExcluded')}</p>
      ) : (
        <ul>
          {results.excluded.map((e) => (
            <li key={e.reason}>
              {e.reason}: {e.count === null ? t('results.weighting.fewer', { minCell: results.minCell }) : e.count}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
