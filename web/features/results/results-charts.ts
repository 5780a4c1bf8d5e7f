import type { Estimate, GroupEstimate, IndexResult, QuestionResult } from '../../../contracts/results.ts';
import type { Language } from '../../i18n.ts';
import { chartCsv, formatShare, formatValue, suppressionNote, SUPPRESSED } from './results-format.ts';

/**
 * Pure builders of the results charts: the rows a chart shows, its ECharts option, the summary a
 * screen reader hears and its CSV. No ECharts import here, so they run in unit tests and the
 * chart library stays in its own chunk.
 */

/** One bar (or district) of a chart: a label and its estimate. `key` is the group code (AGS for districts). */
export interface ChartRow {
  key: string;
  label: string;
  estimate: Estimate;
}

/** How the numbers of a chart read: an index on its answer scale, or a share shown in percent. */
export interface ChartScale {
  kind: 'index' | 'share';
  min: number;
  max: number;
}

/** Texts a chart needs from the translations (the builders stay free of i18next). */
export interface ChartTexts {
  notShown: string;
  ci: string;
}

/** Colours with at least 4.5:1 against white (text) and 3:1 between neighbouring areas (WCAG 2.1 AA). */
export const CHART_COLOURS = {
  bar: '#0a4f8f',
  whisker: '#1b1f24',
  axis: '#4a5563',
  grid: '#d5dbe2',
  suppressed: '#d5dbe2',
  hatch: '#4a5563',
  mapLow: '#cfe0f3',
  mapHigh: '#073a69',
  text: '#1b1f24',
} as const;

export const MAP_NAME = 'suedwestsachsen';

/** The districts drawn on the map (AGS, as in the GeoJSON); other groups ("outside the region") appear in its table only. */
export const MAP_DISTRICTS: readonly string[] = ['14511', '14521', '14522', '14523', '14524'];

export const indexScale = (index: Pick<IndexResult, 'min' | 'max'>): ChartScale => ({ kind: 'index', min: index.min, max: index.max });
export const SHARE_SCALE: ChartScale = { kind: 'share', min: 0, max: 1 };

export const groupRows = (groups: GroupEstimate[] | undefined): ChartRow[] =>
  (groups ?? []).map((g) => ({ key: g.group, label: g.label, estimate: g }));

export const questionRows = (question: QuestionResult): ChartRow[] =>
  question.levels.map((l) => ({ key: String(l.code), label: l.label, estimate: l }));

/** Whether a row has a number to draw (suppressed and undefined estimates have none). */
const shown = (e: Estimate): e is Estimate & { estimate: number } => !e.suppressed && e.estimate !== null;

/** Chart units: shares are drawn in percent (0–100), indices as they are. */
const toChart = (value: number, scale: ChartScale): number => (scale.kind === 'share' ? Math.round(value * 1000) / 10 : value);

/** A number as the page shows it: "62,0 %" for shares, "3,42" for indices, the dash for null. */
export function formatScaled(value: number | null, scale: ChartScale, language: Language): string {
  return scale.kind === 'share' ? formatShare(value, language) : formatValue(value, language);
}

/** What a screen reader hears instead of the chart: the title and every group's value, the hidden ones named as such. */
export function chartSummary(title: string, rows: ChartRow[], scale: ChartScale, language: Language, texts: ChartTexts): string {
  const parts = rows.map((r) => `${r.label}: ${shown(r.estimate) ? formatScaled(r.estimate.estimate, scale, language) : texts.notShown}`);
  return `${title}. ${parts.join('; ')}.`;
}

/** Horizontal bars with 95 % confidence intervals as error bars (a custom series). Suppressed rows get no bar, their label a dash. */
export function barChartOption(
  rows: ChartRow[],
  scale: ChartScale,
  texts: ChartTexts,
  options: { animation: boolean; labelWidth?: number },
) {
  const labels = rows.map((r) => (shown(r.estimate) ? r.label : `${r.label} (${SUPPRESSED})`));
  const whiskers = rows.flatMap((r, i) => {
    const { ciLow, ciHigh } = r.estimate;
    return shown(r.estimate) && ciLow !== null && ciHigh !== null ? [[i, toChart(ciLow, scale), toChart(ciHigh, scale)]] : [];
  });
  return {
    animation: options.animation,
    aria: { enabled: false },
    grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
    xAxis: {
      type: 'value',
      min: toChart(scale.min, scale),
      max: toChart(scale.max, scale),
      axisLabel: { color: CHART_COLOURS.axis, formatter: scale.kind === 'share' ? '{value} %' : '{value}' },
      splitLine: { lineStyle: { color: CHART_COLOURS.grid } },
    },
    yAxis: {
      type: 'category',
      inverse: true,
      data: labels,
      axisLabel: { color: CHART_COLOURS.text, width: options.labelWidth ?? 160, overflow: 'break' },
      axisLine: { lineStyle: { color: CHART_COLOURS.axis } },
      axisTick: { show: false },
    },
    series: [
      {
        type: 'bar',
        name: 'estimate',
        barMaxWidth: 28,
        itemStyle: { color: CHART_COLOURS.bar },
        data: rows.map((r) => (shown(r.estimate) ? toChart(r.estimate.estimate, scale) : null)),
      },
      {
        type: 'custom',
        name: texts.ci,
        encode: { x: [1, 2], y: 0 },
        z: 10,
        data: whiskers,
        renderItem: renderWhisker,
      },
    ],
  };
}

interface WhiskerApi {
  value: (dimension: number) => number | string;
  coord: (point: (number | string)[]) => number[];
  size?: (value: number[]) => number[] | number;
}

/** One error bar: a line from the lower to the upper CI bound with short caps. */
export function renderWhisker(_params: unknown, api: WhiskerApi) {
  const category = api.value(0);
  const [x1 = 0, y = 0] = api.coord([api.value(1), category]);
  const [x2 = 0] = api.coord([api.value(2), category]);
  const band = api.size?.([0, 1]);
  const half = (Array.isArray(band) ? (band[1] ?? 20) : 20) * 0.2;
  const style = { stroke: CHART_COLOURS.whisker, lineWidth: 2 };
  return {
    type: 'group',
    children: [
      { type: 'line', shape: { x1, y1: y, x2, y2: y }, style },
      { type: 'line', shape: { x1, y1: y - half, x2: x1, y2: y + half }, style },
      { type: 'line', shape: { x1: x2, y1: y - half, x2, y2: y + half }, style },
    ],
  };
}

/** A district's map entry: its value, or grey hatching when it is not shown. */
export interface MapDatum {
  name: string;
  value: number | null;
  label: string;
  suppressed: boolean;
  itemStyle?: { areaColor: string; decal: Record<string, unknown> };
}

const HATCH = { symbol: 'rect', symbolSize: 1, dashArrayX: [1, 0], dashArrayY: [2, 5], rotation: -Math.PI / 4, color: CHART_COLOURS.hatch };

export function mapData(rows: ChartRow[], scale: ChartScale): MapDatum[] {
  return rows.map((r) =>
    shown(r.estimate)
      ? { name: r.key, value: toChart(r.estimate.estimate, scale), label: r.label, suppressed: false }
      : {
          name: r.key,
          value: null,
          label: r.label,
          suppressed: true,
          itemStyle: { areaColor: CHART_COLOURS.suppressed, decal: HATCH },
        },
  );
}

/** "Landkreis Mittelsachsen" → "Mittelsachsen": the map has little room; its table keeps the full names. */
export const shortDistrictName = (label: string): string => label.replace(/^(Landkreis|Stadt|Kreisfreie Stadt)\s+/, '');

/** The five districts coloured by their value (continuous scale with a legend); hidden districts hatched grey. */
export function mapChartOption(rows: ChartRow[], scale: ChartScale, language: Language, options: { animation: boolean }) {
  const data = mapData(rows, scale);
  const values = data.flatMap((d) => (d.value === null ? [] : [d.value]));
  const low = values.length > 0 ? Math.min(...values) : toChart(scale.min, scale);
  const high = values.length > 0 ? Math.max(...values) : toChart(scale.max, scale);
  const names = new Map(data.map((d) => [d.name, d]));
  const format = (v: number) => (scale.kind === 'share' ? formatShare(v / 100, language) : formatValue(v, language));
  return {
    animation: options.animation,
    aria: { enabled: false },
    visualMap: {
      type: 'continuous',
      min: low === high ? low - 0.1 : low,
      max: low === high ? high + 0.1 : high,
      left: 0,
      bottom: 0,
      calculable: false,
      itemHeight: 100,
      text: [format(high), format(low)],
      textStyle: { color: CHART_COLOURS.text },
      inRange: { color: [CHART_COLOURS.mapLow, CHART_COLOURS.mapHigh] },
      seriesIndex: 0,
    },
    series: [
      {
        type: 'map',
        map: MAP_NAME,
        nameProperty: 'ags',
        roam: false,
        selectedMode: false,
        emphasis: { disabled: true },
        left: 90,
        right: 8,
        top: 8,
        bottom: 8,
        itemStyle: { borderColor: '#ffffff', borderWidth: 1.5 },
        label: {
          show: true,
          color: CHART_COLOURS.text,
          textBorderColor: '#ffffff',
          textBorderWidth: 3,
          fontSize: 12,
          lineHeight: 16,
          formatter: (p: { name: string }) => {
            const d = names.get(p.name);
            if (!d) return p.name;
            return `${shortDistrictName(d.label)}\n${d.value === null ? SUPPRESSED : format(d.value)}`;
          },
        },
        data,
      },
    ],
  };
}

/** The table and CSV columns of a chart: group, estimate, CI, n and the note on missing numbers. */
export function chartTable(rows: ChartRow[], scale: ChartScale, language: Language) {
  return rows.map((r) => ({
    key: r.key,
    label: r.label,
    estimate: formatScaled(r.estimate.estimate, scale, language),
    ciLow: formatScaled(r.estimate.ciLow, scale, language),
    ciHigh: formatScaled(r.estimate.ciHigh, scale, language),
    n: r.estimate.n === null ? SUPPRESSED : String(r.estimate.n),
    note: suppressionNote(r.estimate),
  }));
}

/** The numbers of a chart for Excel: raw values (shares as fractions), empty cells where suppressed, and the reason. */
export function chartCsvFile(headers: string[], rows: ChartRow[], language: Language): string {
  return chartCsv(
    headers,
    rows.map((r) => {
      const e = r.estimate;
      // Counts are whole numbers: as text, so they do not get the four decimals of the estimates.
      return [r.label, e.estimate, e.ciLow, e.ciHigh, e.n === null ? null : String(e.n), suppressionNote(e)];
    }),
    language,
  );
}

/** A file name for downloads: "resilienz-nach-kreis.svg". */
export function fileSlug(title: string): string {
  const slug = title
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return slug || 'diagramm';
}

/** The licence notice of the district borders (the GeoJSON's `attribution`), shown under every map. */
export const MAP_ATTRIBUTION =
  '© GeoBasis-DE / BKG 2021 (Daten verändert: Auswahl der fünf Kreise Südwestsachsens, Koordinaten auf 4 Nachkommastellen gerundet) – https://www.bkg.bund.de – Datenlizenz Deutschland – Namensnennung – Version 2.0';

/** Which way an index moved since the previous wave (null when there is nothing to compare). */
export function changeDirection(change: IndexResult['change']): 'up' | 'down' | 'same' | null {
  if (!change || change.difference === null) return null;
  if (change.difference > 0) return 'up';
  if (change.difference < 0) return 'down';
  return 'same';
}

/** The answer most people gave (the largest shown share), for a sentence in plain words; null when none is shown. */
export function leadingLevel(question: QuestionResult): QuestionResult['levels'][number] | null {
  let best: QuestionResult['levels'][number] | null = null;
  for (const level of question.levels) {
    if (!shown(level)) continue;
    if (best === null || (best.estimate ?? 0) < level.estimate) best = level;
  }
  return best;
}

/** A breakdown in the order the pages show it, with its groups; breakdowns without groups are left out. */
export function breakdownsWithGroups(index: IndexResult): { breakdown: keyof IndexResult['groups']; rows: ChartRow[] }[] {
  const order = ['district', 'age_band', 'sex', 'automotive'] as const;
  return order.flatMap((breakdown) => {
    const rows = groupRows(index.groups[breakdown]);
    return rows.length > 0 ? [{ breakdown, rows }] : [];
  });
}
