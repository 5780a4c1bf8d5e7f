import { describe, expect, it } from 'vitest';
import type { Estimate } from '../../../contracts/results.ts';
import {
  chartCsv,
  formatEstimateWithCi,
  formatShare,
  formatValue,
  parseMarginsCsv,
  suppressionNote,
  SUPPRESSED,
} from './results-format.ts';

const shown: Estimate = { estimate: 3.4156, se: 0.06, ciLow: 3.2979, ciHigh: 3.5333, n: 212, suppressed: false, reason: null };
const hidden: Estimate = {
  estimate: null,
  se: null,
  ciLow: null,
  ciHigh: null,
  n: 3,
  suppressed: true,
  reason: 'Weniger als 5 Antworten',
};

describe('estimate formatting', () => {
  it('shows estimate and CI with German decimals and English decimals', () => {
    expect(formatEstimateWithCi(shown, 'de')).toBe('3,42 [3,30–3,53]');
    expect(formatEstimateWithCi(shown, 'en')).toBe('3.42 [3.30–3.53]');
  });
  it('shows a dash and the reason for suppressed cells', () => {
    expect(formatEstimateWithCi(hidden, 'de')).toBe(SUPPRESSED);
    expect(suppressionNote(hidden)).toBe('Weniger als 5 Antworten');
    expect(suppressionNote(shown)).toBeNull();
  });
  it('formats shares as percentages and null as a dash', () => {
    expect(formatShare(0.425, 'de')).toBe('42,5 %');
    expect(formatShare(0.425, 'en')).toBe('42.5%');
    expect(formatShare(null, 'de')).toBe(SUPPRESSED);
    expect(formatValue(Number.NaN, 'de')).toBe(SUPPRESSED);
  });
});

describe('chartCsv', () => {
  it('writes a BOM, semicolons, CRLF and neutralises formulas', () => {
    const csv = chartCsv(
      ['Gruppe', 'Wert'],
      [
        ['=HYPERLINK("x")', 3.5],
        ['Zwickau; Land', null],
      ],
    );
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    expect(lines[0]).toBe('Gruppe;Wert');
    expect(lines[1]).toBe(`"'=HYPERLINK(""x"")";3,5000`);
    expect(lines[2]).toBe('"Zwickau; Land";');
  });
});

describe('parseMarginsCsv', () => {
  it('reads semicolon files with decimal commas into margins', () => {
    const result = parseMarginsCsv('\uFEFFvariable;level;total\r\nsex;1;120.500\r\nsex;2;125000,5\r\ndistrict;14521;300000\r\n');
    expect(result).toEqual({ ok: true, margins: { sex: { '1': 120500, '2': 125000.5 }, district: { '14521': 300000 } } });
  });
  it('reads comma files', () => {
    expect(parseMarginsCsv('level,variable,total\n1,sex,10.5\n')).toEqual({ ok: true, margins: { sex: { '1': 10.5 } } });
  });
  it('reports errors per line and field', () => {
    const result = parseMarginsCsv('variable;level;total\nsex;1;0\n;2;5\nsex;3;abc\nsex;4;7\nsex;4;8\n');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => [e.line, e.field])).toEqual([
      [2, 'total'],
      [3, 'variable'],
      [4, 'total'],
      [6, 'level'],
    ]);
  });
  it('rejects a file without the required header', () => {
    const result = parseMarginsCsv('a;b\n1;2\n');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]).toMatchObject({ line: 1, field: 'file' });
  });
});
