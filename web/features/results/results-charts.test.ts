import { describe, expect, it } from 'vitest';
import {
  barChartOption,
  breakdownsWithGroups,
  changeDirection,
  leadingLevel,
  chartCsvFile,
  chartSummary,
  chartTable,
  fileSlug,
  groupRows,
  indexScale,
  mapChartOption,
  mapData,
  MAP_ATTRIBUTION,
  questionRows,
  renderWhisker,
  SHARE_SCALE,
  shortDistrictName,
} from './results-charts.ts';
import { resultsFixture } from './fixture.test-data.ts';
import { SUPPRESSED } from './results-format.ts';

const index = resultsFixture.indices[0]!;
const districts = groupRows(index.groups.district);
const question = resultsFixture.questions[1]!;
const texts = { notShown: 'nicht ausgewiesen', ci: '95-%-Konfidenzintervall' };

describe('bar chart option', () => {
  it('draws a bar per shown group and none for a suppressed one, never a zero', () => {
    const option = barChartOption(districts, indexScale(index), texts, { animation: true });
    const bars = option.series[0]!.data as (number | null)[];
    expect(bars).toEqual([3.55, 3.31, 3.4, null, 3.28]);
    expect(option.yAxis.data[3]).toBe(`Vogtlandkreis (${SUPPRESSED})`);
    expect(option.xAxis).toMatchObject({ min: 1, max: 5 });
  });

  it('gives error bars only to groups with a confidence interval', () => {
    const option = barChartOption(districts, indexScale(index), texts, { animation: false });
    const whiskers = option.series[1]!.data as number[][];
    expect(whiskers.map((w) => w[0])).toEqual([0, 1, 2, 4]);
    expect(whiskers[0]![1]).toBeCloseTo(3.55 - 1.96 * 0.09);
    expect(option.animation).toBe(false);
  });

  it('draws shares in percent', () => {
    const option = barChartOption(questionRows(question), SHARE_SCALE, texts, { animation: true });
    expect(option.series[0]!.data).toEqual([31, 12, null]);
    expect(option.xAxis).toMatchObject({ min: 0, max: 100, axisLabel: { formatter: '{value} %' } });
  });

  it('renders an error bar as a line with two caps', () => {
    const api = {
      value: (d: number) => [1, 10, 20][d]!,
      coord: ([x, y]: (number | string)[]) => [Number(x) * 10, Number(y) * 30],
      size: () => [0, 30],
    };
    const shape = renderWhisker(null, api);
    expect(shape.children).toHaveLength(3);
    expect(shape.children[0]!.shape).toEqual({ x1: 100, y1: 30, x2: 200, y2: 30 });
    expect(shape.children[1]!.shape).toEqual({ x1: 100, y1: 24, x2: 100, y2: 36 });
  });
});

describe('district map', () => {
  it('hatches suppressed districts and keys every district by its AGS', () => {
    const data = mapData(districts, indexScale(index));
    expect(data.map((d) => d.name)).toEqual(['14511', '14521', '14522', '14523', '14524']);
    const vogtland = data[3]!;
    expect(vogtland).toMatchObject({ value: null, suppressed: true });
    expect(vogtland.itemStyle?.decal).toBeDefined();
    expect(data[0]).toMatchObject({ value: 3.55, suppressed: false });
    expect(data[0]!.itemStyle).toBeUndefined();
  });

  it('spans its colour scale over the shown values only', () => {
    const option = mapChartOption(districts, indexScale(index), 'de', { animation: true });
    expect(option.visualMap).toMatchObject({ min: 3.28, max: 3.55, text: ['3,55', '3,28'] });
    const formatter = option.series[0]!.label.formatter;
    expect(formatter({ name: '14523' })).toBe(`Vogtlandkreis\n${SUPPRESSED}`);
    expect(formatter({ name: '14511' })).toBe('Chemnitz\n3,55');
    expect(shortDistrictName('Landkreis Mittelsachsen')).toBe('Mittelsachsen');
    expect(shortDistrictName('Stadt Chemnitz')).toBe('Chemnitz');
    expect(shortDistrictName('Erzgebirgskreis')).toBe('Erzgebirgskreis');
  });
});

describe('table, summary and CSV of a chart', () => {
  it('shows dashes and the reason for a suppressed row', () => {
    const table = chartTable(districts, indexScale(index), 'de');
    expect(table[3]).toMatchObject({ estimate: SUPPRESSED, ciLow: SUPPRESSED, n: SUPPRESSED });
    expect(table[3]!.note).toContain('Weniger als 5');
    expect(table[0]).toMatchObject({ estimate: '3,55', n: '132', note: null });
  });

  it('names hidden groups in the summary a screen reader hears', () => {
    const summary = chartSummary('Resilienz nach Kreis', districts, indexScale(index), 'de', texts);
    expect(summary).toContain('Chemnitz: 3,55');
    expect(summary).toContain('Vogtlandkreis: nicht ausgewiesen');
    expect(chartSummary('Engagement', questionRows(question), SHARE_SCALE, 'de', texts)).toContain('Verein: 31,0 %');
  });

  it('writes empty cells and the reason for suppressed rows in the CSV', () => {
    const csv = chartCsvFile(['Kreis', 'Wert', 'KI unten', 'KI oben', 'n', 'Hinweis'], districts, 'de');
    const lines = csv.replace('\uFEFF', '').trim().split('\r\n');
    expect(lines).toHaveLength(6);
    expect(lines[1]).toBe('Chemnitz;3,5500;3,3736;3,7264;132;');
    expect(lines[4]).toMatch(/^Vogtlandkreis;;;;;Weniger als 5/);
  });

  it('makes file names from titles', () => {
    expect(fileSlug('Resilienz nach Kreis – Südwestsachsen')).toBe('resilienz-nach-kreis-suedwestsachsen');
    expect(fileSlug('???')).toBe('diagramm');
  });
});

describe('map attribution', () => {
  it('repeats the attribution of the district borders word for word', async () => {
    const geo = (await import('./suedwestsachsen-kreise.json', { with: { type: 'json' } })).default;
    expect(MAP_ATTRIBUTION).toBe(geo.attribution);
    expect(geo.features.map((f) => f.properties.ags).sort()).toEqual(['14511', '14521', '14522', '14523', '14524']);
  });
});

describe('words around the numbers', () => {
  it('names the direction of a change', () => {
    expect(changeDirection(index.change)).toBe('up');
    expect(changeDirection({ ...index.change!, difference: -0.2 })).toBe('down');
    expect(changeDirection({ ...index.change!, difference: null })).toBeNull();
    expect(changeDirection(null)).toBeNull();
  });

  it('finds the most frequent shown answer and skips suppressed ones', () => {
    expect(leadingLevel(resultsFixture.questions[0]!)?.label).toBe('eher zuversichtlich');
    expect(leadingLevel(question)?.label).toBe('Verein');
    expect(leadingLevel({ ...question, levels: [question.levels[2]!] })).toBeNull();
  });

  it('leaves out breakdowns without groups', () => {
    expect(breakdownsWithGroups(index).map((b) => b.breakdown)).toEqual(['district', 'age_band', 'sex', 'automotive']);
    expect(breakdownsWithGroups(resultsFixture.indices[1]!)).toEqual([]);
  });
});
