import { useTranslation } from 'react-i18next';
import type { LiveResults } from '../../../contracts/live.ts';
import { currentLanguage } from '../../i18n.ts';
import { formatMean, resultBars } from './live-results.ts';
import { WordCloud } from './WordCloud.tsx';

interface Props {
  results: LiveResults;
  /** Labels of the scale's ends, shown next to 1 and 5. */
  scaleLabels: { min: string; max: string } | null;
  /** Large type for the projector. */
  large?: boolean;
}

/** Results of one question: bars with numbers (and percentages), the mean of a scale, or the word cloud. */
export function ResultsView({ results, scaleLabels, large = false }: Props) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const scaleLabel = (value: number) => {
    const end = value === 1 ? scaleLabels?.min : value === 5 ? scaleLabels?.max : undefined;
    return end ? `${value} – ${end}` : String(value);
  };
  const bars = resultBars(results, scaleLabel);
  const cls = large ? 'live-results is-large' : 'live-results';
  // A ranking is an order; choices and scale points are not.
  const List = results.kind === 'ranking' ? 'ol' : 'ul';

  return (
    <div className={cls}>
      <p className="live-voters">{t('live.results.voters', { count: results.voters })}</p>
      {results.kind === 'words' ? (
        <WordCloud
          words={results.words}
          scale={large ? { minRem: 2, maxRem: 7 } : { minRem: 1, maxRem: 2.5 }}
          label={t('live.results.cloudLabel')}
        />
      ) : (
        <List className={results.kind === 'ranking' ? 'live-bars is-ranking' : 'live-bars'}>
          {bars.map((bar) => (
            <li key={bar.id} className="live-bar">
              <span className="live-bar-label" dir="auto">
                {bar.label}
              </span>
              <span className="live-bar-track" aria-hidden="true">
                <span className="live-bar-fill" style={{ width: `${bar.width}%` }} />
              </span>
              <span className="live-bar-value">
                {bar.percent === null
                  ? t('live.results.points', { count: bar.count })
                  : t('live.results.countPercent', { count: bar.count, percent: bar.percent })}
              </span>
            </li>
          ))}
        </List>
      )}
      {results.kind === 'scale' && <p className="live-mean">{t('live.results.mean', { mean: formatMean(results.mean, language) })}</p>}
    </div>
  );
}
