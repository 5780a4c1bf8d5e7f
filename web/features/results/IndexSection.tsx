import type { IndexResult } from '../../../contracts/results.ts';
import { useTranslation } from 'react-i18next';
import { IndexCard } from './IndexCard.tsx';
import { breakdownsWithGroups, indexScale } from './results-charts.ts';
import { ResultsChart } from './ResultsChart.tsx';

/** One index: its card, then its value by district (map and bars), age band, sex and automotive work. */
export function IndexSection({ index, audience, print }: { index: IndexResult; audience: 'staff' | 'public'; print: boolean }) {
  const { t } = useTranslation();
  const scale = indexScale(index);
  const breakdowns = breakdownsWithGroups(index);
  return (
    <section className="results-section results-index" aria-labelledby={`index-${index.scale}`}>
      <h2 id={`index-${index.scale}`}>{index.title}</h2>
      <IndexCard index={index} audience={audience} />
      {breakdowns.length > 0 && (
        <div className="results-charts">
          {breakdowns.map(({ breakdown, rows }) => {
            const by = t(`results.breakdowns.${breakdown}`);
            const title = t('results.index.by', { index: index.title, breakdown: by });
            return breakdown === 'district' ? (
              <div key={breakdown} className="results-chart-pair">
                <ResultsChart
                  title={t('results.index.map', { index: index.title })}
                  kind="map"
                  rows={rows}
                  scale={scale}
                  groupHeader={by}
                  tableOpen={print}
                />
                <ResultsChart title={title} kind="bars" rows={rows} scale={scale} groupHeader={by} tableOpen={print} />
              </div>
            ) : (
              <ResultsChart key={breakdown} title={title} kind="bars" rows={rows} scale={scale} groupHeader={by} tableOpen={print} />
            );
          })}
        </div>
      )}
    </section>
  );
}
