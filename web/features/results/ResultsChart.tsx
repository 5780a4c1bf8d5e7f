import { useEffect, useEffectEvent, useId, useRef, useState } from 'react';
import type { EChartsType } from 'echarts/core';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../i18n.ts';
import { downloadBlob } from '../../lib/download.ts';
import { svgToPng } from './chart-download.ts';
import {
  barChartOption,
  chartCsvFile,
  chartSummary,
  fileSlug,
  MAP_ATTRIBUTION,
  MAP_DISTRICTS,
  mapChartOption,
  type ChartRow,
  type ChartScale,
} from './results-charts.ts';
import { ChartTable } from './ChartTable.tsx';

export type ChartKind = 'bars' | 'map';

const reducedMotion = () => typeof window.matchMedia === 'function' && window.matchMedia('(prefers-reduced-motion: reduce)').matches;

/**
 * One chart of the results: a visible title, the ECharts drawing (SVG, loaded on demand) as an
 * image with a spoken summary, a download menu (SVG, PNG, CSV), the notes on hidden groups and
 * the same numbers as a table. `tableOpen` shows the table without a <details> (print).
 */
export function ResultsChart({
  title,
  kind,
  rows,
  scale,
  groupHeader,
  level = 3,
  tableOpen = false,
}: {
  title: string;
  kind: ChartKind;
  rows: ChartRow[];
  scale: ChartScale;
  groupHeader: string;
  level?: 2 | 3 | 4;
  tableOpen?: boolean;
}) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const id = useId();
  const canvas = useRef<HTMLDivElement>(null);
  const [chart, setChart] = useState<EChartsType | null>(null);
  const [failed, setFailed] = useState(false);
  const texts = { notShown: t('results.chart.notShown'), ci: t('results.chart.ci') };
  const optionKey = JSON.stringify([kind, rows, scale, language, texts]);
  const Heading = level === 2 ? 'h2' : level === 3 ? 'h3' : 'h4';
  const hidden = rows.filter((r) => r.estimate.suppressed || r.estimate.estimate === null);
  const height = kind === 'map' ? 380 : Math.max(120, rows.length * 44 + 48);

  useEffect(() => {
    let disposed = false;
    let instance: EChartsType | null = null;
    let observer: ResizeObserver | null = null;
    // The print layout is narrower than the screen: redraw for it before the page is printed.
    const fit = () => instance?.resize();
    import('./echarts-setup.ts').then(
      ({ echarts }) => {
        const element = canvas.current;
        if (disposed || !element) return;
        instance = echarts.init(element, undefined, { renderer: 'svg' });
        observer = new ResizeObserver(() => instance?.resize());
        observer.observe(element);
        window.addEventListener('beforeprint', fit);
        window.addEventListener('afterprint', fit);
        setChart(instance);
      },
      () => setFailed(true),
    );
    return () => {
      disposed = true;
      observer?.disconnect();
      window.removeEventListener('beforeprint', fit);
      window.removeEventListener('afterprint', fit);
      instance?.dispose();
    };
  }, []);

  const buildOption = useEffectEvent(() => {
    const animation = !reducedMotion();
    // Category labels take at most a third of a narrow chart (phones), 160 px otherwise.
    const labelWidth = Math.max(80, Math.min(160, Math.round((canvas.current?.clientWidth ?? 480) / 3)));
    return kind === 'map'
      ? mapChartOption(rows, scale, language, { animation })
      : barChartOption(rows, scale, texts, { animation, labelWidth });
  });
  useEffect(() => {
    chart?.setOption(buildOption(), { notMerge: true });
  }, [chart, optionKey]);

  const fileName = fileSlug(title);
  const saveSvg = () => {
    if (chart) downloadBlob(`${fileName}.svg`, new Blob([chart.renderToSVGString()], { type: 'image/svg+xml;charset=utf-8' }));
  };
  const savePng = () => {
    if (!chart) return;
    svgToPng(chart.renderToSVGString(), chart.getWidth(), chart.getHeight()).then(
      (blob) => downloadBlob(`${fileName}.png`, blob),
      () => setFailed(true),
    );
  };
  const saveCsv = () => {
    const headers = [
      groupHeader,
      t('results.chart.estimate'),
      t('results.chart.ciLow'),
      t('results.chart.ciHigh'),
      'n',
      t('results.chart.note'),
    ];
    downloadBlob(`${fileName}.csv`, new Blob([chartCsvFile(headers, rows, language)], { type: 'text/csv;charset=utf-8' }));
  };

  return (
    <figure className="results-chart" aria-labelledby={`${id}-title`}>
      <div className="results-chart-head">
        <Heading id={`${id}-title`} className="results-chart-title">
          {title}
        </Heading>
        <details className="results-download no-print">
          <summary>
            {t('results.chart.download')}
            <span className="visually-hidden">: {title}</span>
          </summary>
          <ul>
            <li>
              <button
                type="button"
                className="button button-secondary"
                onClick={saveSvg}
                disabled={!chart}
                aria-label={t('results.chart.svgLabel')}
              >
                SVG
              </button>
            </li>
            <li>
              <button
                type="button"
                className="button button-secondary"
                onClick={savePng}
                disabled={!chart}
                aria-label={t('results.chart.pngLabel')}
              >
                PNG
              </button>
            </li>
            <li>
              <button type="button" className="button button-secondary" onClick={saveCsv} aria-label={t('results.chart.csvLabel')}>
                {t('results.chart.csv')}
              </button>
            </li>
          </ul>
        </details>
      </div>
      <div
        ref={canvas}
        className={`results-chart-canvas results-chart-${kind}`}
        style={{ height }}
        role="img"
        aria-label={chartSummary(title, rows, scale, language, texts)}
      />
      {failed && <p className="field-hint">{t('results.chart.failed')}</p>}
      {hidden.length > 0 && (
        <ul className="results-chart-notes">
          {hidden.map((r) => (
            <li key={r.key}>
              {kind === 'map' && MAP_DISTRICTS.includes(r.key) && (
                <span className="results-hatch" aria-hidden="true">
                  {' '}
                </span>
              )}
              {t('results.chart.hiddenNote', { group: r.label, reason: r.estimate.reason ?? t('results.chart.notShown') })}
            </li>
          ))}
        </ul>
      )}
      {kind === 'map' && <figcaption className="results-map-attribution">{MAP_ATTRIBUTION}</figcaption>}
      {tableOpen ? (
        <ChartTable caption={title} rows={rows} scale={scale} groupHeader={groupHeader} />
      ) : (
        <details className="results-table-details">
          <summary>{t('results.chart.showTable')}</summary>
          <ChartTable caption={title} rows={rows} scale={scale} groupHeader={groupHeader} />
        </details>
      )}
    </figure>
  );
}
