import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RESERVED_CODES } from '../questionnaire/rules.ts';
import { categorical, numeric } from './columns.ts';
import { crosstab } from './crosstab.ts';
import { logitInterval, waveDifference, weightedMean, weightedShares, Z95 } from './estimates.ts';
import { calibratedDesign, uncalibratedDesign } from './linearization.ts';
import { resilienzMargins, type PopulationTable } from './margins.ts';
import { rake } from './raking.ts';
import { cronbachAlpha, NON_SUBSTANTIVE_CODES, scaleIndex, scalesOf } from './scales.ts';

const QUESTIONNAIRE = path.join(import.meta.dirname, '../questionnaires/resilienz-studie-suedwestsachsen.json');
const POPULATION = path.join(import.meta.dirname, 'margins/population-2017-kreis-geschlecht-alter.json');

describe('estimates', () => {
  it('gives the plain mean and s/√n without weights', () => {
    const y = [2, 4, 4, 5, 1, 3, 3, 2];
    const r = weightedMean(uncalibratedDesign(y.length), numeric('y', y)).overall;
    const mean = y.reduce((a, b) => a + b, 0) / y.length;
    const s2 = y.reduce((a, b) => a + (b - mean) ** 2, 0) / (y.length - 1);
    expect(r.estimate).toBeCloseTo(mean, 14);
    expect(r.se).toBeCloseTo(Math.sqrt(s2 / y.length), 14);
    expect(r.ciLow).toBeCloseTo(mean - Z95 * r.se!, 14);
    expect(r.n).toBe(8);
  });

  it('reports the SE of a group with one respondent as undefined (null, never NaN) and keeps JSON clean', () => {
    const district = categorical('district', ['A', 'A', 'A', 'B', 'B', 'B', 'C']);
    const y = numeric('y', [1, 2, 3, 2, 5, null, 4]);
    const raked = rake([district], { district: { A: 30, B: 30, C: 10 } });
    const design = calibratedDesign(raked.weights, raked.calibration);
    const r = weightedMean(design, y, district);
    const c = r.groups.find((g) => g.group === 'C')!;
    expect(c).toEqual({ group: 'C', estimate: 4, se: null, ciLow: null, ciHigh: null, n: 1 });
    expect(r.groups.find((g) => g.group === 'B')!.n).toBe(2);
    const shares = weightedShares(design, categorical('x', ['1', '2', '1', '1', '2', null, '2']), district);
    const cShare = shares.groups.filter((g) => g.group === 'C');
    expect(cShare.map((g) => [g.level, g.estimate, g.se])).toEqual([
      ['1', 0, null],
      ['2', 1, null],
    ]);
    expect(JSON.stringify(r)).not.toContain('NaN');
    expect(JSON.parse(JSON.stringify(shares.groups))).toEqual(shares.groups);
  });

  it('gives no estimate for a group without answers', () => {
    const g = categorical('g', ['A', 'A', 'B']);
    const r = weightedMean(uncalibratedDesign(3), numeric('y', [1, 3, null]), g);
    expect(r.groups).toEqual([
      {
        group: 'A',
        estimate: 2,
        se: Math.SQRT2 * Math.sqrt(3 / 2) * 0.5,
        ciLow: expect.any(Number) as number,
        ciHigh: expect.any(Number) as number,
        n: 2,
      },
      { group: 'B', estimate: null, se: null, ciLow: null, ciHigh: null, n: 0 },
    ]);
  });

  it('keeps logit intervals inside 0…1 and asymmetric, degenerate at 0 and 1', () => {
    const ci = logitInterval(0.05, 0.02, 1.96);
    expect(ci.ciLow).toBeGreaterThan(0);
    expect(ci.ciHigh - 0.05).toBeGreaterThan(0.05 - ci.ciLow);
    expect(logitInterval(0, 0, 1.96)).toEqual({ ciLow: 0, ciHigh: 0 });
    expect(logitInterval(1, 0, 1.96)).toEqual({ ciLow: 1, ciHigh: 1 });
  });

  it('compares two waves as independent samples', () => {
    const d = waveDifference(
      { estimate: 3.0, se: 0.03, ciLow: 0, ciHigh: 0, n: 900 },
      { estimate: 3.1, se: 0.04, ciLow: 0, ciHigh: 0, n: 800 },
    )!;
    expect(d.difference).toBeCloseTo(0.1, 14);
    expect(d.se).toBeCloseTo(0.05, 14);
    expect(d.z).toBeCloseTo(2, 12);
    expect(d.p).toBeCloseTo(0.04550026389635842, 12); // 2·pnorm(−2) in R
    expect(d.ciLow).toBeCloseTo(0.1 - Z95 * 0.05, 12);
    expect(
      waveDifference({ estimate: 3, se: null, ciLow: null, ciHigh: null, n: 1 }, { estimate: 3.1, se: 0.04, ciLow: 0, ciHigh: 0, n: 800 }),
    ).toBeNull();
  });

  it('finds no association in a table whose rows have identical distributions', () => {
    const rows = categorical('r', [...'aaaabbbb']);
    const cols = categorical('c', [...'xyxyxyxy']);
    const t = crosstab(uncalibratedDesign(8), rows, cols);
    expect(t.statistic).toBeCloseTo(0, 12);
    expect(t.p).toBeCloseTo(1, 12);
    expect(t.counts).toEqual([
      [2, 2],
      [2, 2],
    ]);
  });
});

describe('scales of the shipped questionnaire', () => {
  const definition: unknown = JSON.parse(readFileSync(QUESTIONNAIRE, 'utf8'));

  it('reads every scale with its items, reverse-coded items and the range 1…5', () => {
    const scales = scalesOf(definition);
    expect(scales.map((s) => [s.scale, s.items.length, s.min, s.max])).toEqual([
      ['veraenderungsbereitschaft', 6, 1, 5],
      ['krisenresilienz', 6, 1, 5],
      ['betroffenheit', 5, 1, 5],
      ['information_teilhabe', 6, 1, 5],
      ['vertrauen', 6, 1, 5],
    ]);
    const vb = scales[0]!;
    expect(vb.items.filter((i) => i.reverse).map((i) => i.name)).toEqual(['vb_03', 'vb_06']);
    expect(NON_SUBSTANTIVE_CODES).toEqual([RESERVED_CODES.dontKnow, RESERVED_CODES.noAnswer]);
  });

  it('reverse-codes, ignores 98/99 and needs the minimum number of answered items', () => {
    const def = {
      scale: 's',
      items: [
        { name: 'a', reverse: false },
        { name: 'b', reverse: true },
        { name: 'c', reverse: false },
      ],
      min: 1,
      max: 5,
    };
    const cols = new Map([
      ['a', numeric('a', [5, 4, 98, 2])],
      ['b', numeric('b', [1, null, 99, 4])],
      ['c', numeric('c', [4, 4, 3, null])],
    ]);
    const idx = scaleIndex(def, cols, 2);
    expect(Array.from(idx.values)).toEqual([(5 + 5 + 4) / 3, 4, NaN, (2 + 2) / 2]);
    const alpha = cronbachAlpha(def, cols);
    expect(alpha.n).toBe(1);
    expect(alpha.alpha).toBeNull();
    expect(() => scaleIndex(def, cols, 4)).toThrow('zwischen 1 und 3');
  });
});

describe('shipped population margins', () => {
  it('give district, sex and age band in the questionnaire’s codes, all adding up to the same total', () => {
    const table = JSON.parse(readFileSync(POPULATION, 'utf8')) as PopulationTable;
    const m = resilienzMargins(table);
    const sum = (o: Record<string, number>) => Object.values(o).reduce((a, b) => a + b, 0);
    expect(sum(m.district!)).toBe(1266148);
    expect(sum(m.sex!)).toBe(1266148);
    expect(sum(m.age_band!)).toBe(1266148);
    expect(m.district!['14511']).toBe(215788);
    const definition = JSON.parse(readFileSync(QUESTIONNAIRE, 'utf8')) as {
      pages: { elements: { name: string; choices?: { value: number }[] }[] }[];
    };
    const codes = (name: string) =>
      definition.pages
        .flatMap((p) => p.elements)
        .find((e) => e.name === name)!
        .choices!.map((c) => String(c.value));
    for (const v of ['district', 'sex', 'age_band'] as const) {
      for (const level of Object.keys(m[v]!)) expect(codes(v), `${v} ${level}`).toContain(level);
    }
  });
});
