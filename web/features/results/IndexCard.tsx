import type { IndexResult } from '../../../contracts/results.ts';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../i18n.ts';
import { changeDirection } from './results-charts.ts';
import { formatEstimateWithCi, formatValue, suppressionNote, SUPPRESSED } from './results-format.ts';

const ARROWS = { up: '▲', down: '▼', same: '▶' } as const;

/** An index at a glance: estimate with 95 % CI, n, Cronbach's alpha and the change since the previous wave, in words. */
export function IndexCard({ index, audience }: { index: IndexResult; audience: 'staff' | 'public' }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const { overall, change } = index;
  const note = suppressionNote(overall);
  const direction = changeDirection(change);
  return (
    <div className="results-index-card">
      <p className="results-index-value">
        <span className="results-index-estimate">{formatValue(overall.suppressed ? null : overall.estimate, language)}</span>{' '}
        <span className="results-index-range">{t('results.index.range', { min: index.min, max: index.max })}</span>
      </p>
      <dl className="details-list results-index-facts">
        <div>
          <dt>{t('results.index.ci')}</dt>
          <dd>{formatEstimateWithCi(overall, language)}</dd>
        </div>
        <div>
          <dt>{t('results.index.n')}</dt>
          <dd>{overall.n ?? SUPPRESSED}</dd>
        </div>
        {audience === 'staff' && (
          <div>
            <dt>{t('results.index.alpha')}</dt>
            <dd>{formatValue(index.alpha, language)}</dd>
          </div>
        )}
        {change && (
          <div>
            <dt>{t('results.index.change', { wave: change.previousWaveName })}</dt>
            <dd>
              {direction && (
                <span className={`results-change results-change-${direction}`} aria-hidden="true">
                  {ARROWS[direction]}{' '}
                </span>
              )}
              {direction
                ? t(`results.index.changed.${direction}`, {
                    difference: formatValue(change.difference === null ? null : Math.abs(change.difference), language),
                    previous: formatValue(change.previous, language),
                  })
                : SUPPRESSED}{' '}
              {direction && (
                <strong>
                  {change.significant ? t('results.index.significant') : t('results.index.notSignificant')}
                  {audience === 'staff' && change.p !== null && ` (p = ${formatValue(change.p, language, 3)})`}
                </strong>
              )}
            </dd>
          </div>
        )}
      </dl>
      {note && <p className="results-note">{note}</p>}
    </div>
  );
}
