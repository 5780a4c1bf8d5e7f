import { describe, expect, it } from 'vitest';
import { categorical } from './columns.ts';
import { EmptyMarginLevelError, LevelWithoutMarginError, MarginTotalsError, MissingWeightingValueError, rake } from './raking.ts';

/** 12 respondents: district A/B, sex m/f, unevenly spread. */
const district = categorical('district', ['A', 'A', 'A', 'A', 'A', 'A', 'A', 'B', 'B', 'B', 'B', 'B']);
const sex = categorical('sex', ['m', 'm', 'f', 'f', 'f', 'f', 'f', 'm', 'm', 'm', 'f', 'f']);
const margins = { district: { A: 600, B: 400 }, sex: { m: 480, f: 520 } };

const weighted = (weights: Float64Array, col: typeof district) => {
  const out: Record<string, number> = {};
  col.codes.forEach((c, i) => (out[col.levels[c]!] = (out[col.levels[c]!] ?? 0) + weights[i]!));
  return out;
};
const failure = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return e as Error & { column?: string; level?: string; row?: number };
  }
  throw new Error('expected an error');
};

describe('raking', () => {
  it('reaches every population margin and reports the weight diagnostics', () => {
    const r = rake([district, sex], margins);
    expect(r.diagnostics.converged).toBe(true);
    const byDistrict = weighted(r.weights, district);
    const bySex = weighted(r.weights, sex);
    expect(byDistrict.A).toBeCloseTo(600, 6);
    expect(byDistrict.B).toBeCloseTo(400, 6);
    expect(bySex.m).toBeCloseTo(480, 6);
    expect(bySex.f).toBeCloseTo(520, 6);
    const w = Array.from(r.weights);
    const sum = w.reduce((a, b) => a + b, 0);
    const sq = w.reduce((a, b) => a + b * b, 0);
    expect(r.diagnostics.sum).toBeCloseTo(1000, 6);
    expect(r.diagnostics.min).toBe(Math.min(...w));
    expect(r.diagnostics.max).toBe(Math.max(...w));
    expect(r.diagnostics.deff).toBeCloseTo((12 * sq) / (sum * sum), 12);
    expect(r.diagnostics.effectiveN).toBeCloseTo((sum * sum) / sq, 10);
    expect(r.diagnostics.deff).toBeGreaterThan(1);
    expect(r.diagnostics.iterations).toBeGreaterThan(1);
  });

  it('keeps the ratios of the design weights within a cell', () => {
    const design = Float64Array.from([1, 2, 1, 1, 3, 1, 1, 1, 2, 1, 1, 1]);
    const r = rake([district, sex], margins, design);
    // Rows 0 and 1 share a cell (A, m); so do rows 2 and 4 (A, f).
    expect(r.weights[1]! / r.weights[0]!).toBeCloseTo(2, 12);
    expect(r.weights[4]! / r.weights[2]!).toBeCloseTo(3, 12);
    expect(weighted(r.weights, sex).m).toBeCloseTo(480, 6);
  });

  it('refuses margins whose totals differ, naming both', () => {
    const e = failure(() => rake([district, sex], { district: { A: 600, B: 400 }, sex: { m: 480, f: 530 } }));
    expect(e).toBeInstanceOf(MarginTotalsError);
    expect(e.message).toBe('Die Randverteilungen ergeben unterschiedliche Gesamtzahlen: „district“ 1000, „sex“ 1010.');
  });

  it('refuses a level found in the data but missing from the margins, naming column, level and row', () => {
    const withDiverse = categorical('sex', ['m', 'm', 'f', 'f', 'f', 'f', 'd', 'm', 'm', 'm', 'f', 'f']);
    const e = failure(() => rake([district, withDiverse], margins));
    expect(e).toBeInstanceOf(LevelWithoutMarginError);
    expect(e.column).toBe('sex');
    expect(e.level).toBe('d');
    expect(e.row).toBe(6);
    expect(e.message).toContain('„d“ (1-mal, zuerst in Datenzeile 7)');
  });

  it('refuses a margin level without respondents, but accepts one whose population is 0', () => {
    const e = failure(() => rake([district, sex], { district: { A: 500, B: 400, C: 100 }, sex: { m: 480, f: 520 } }));
    expect(e).toBeInstanceOf(EmptyMarginLevelError);
    expect(e.message).toContain('Für den Wert „C“ (Bevölkerung 100) gibt es keine Befragten');
    expect(rake([district, sex], { district: { A: 600, B: 400, C: 0 }, sex: { m: 480, f: 520 } }).diagnostics.converged).toBe(true);
  });

  it('refuses respondents without a value of a raking variable, and a variable missing everywhere', () => {
    const gaps = categorical('sex', ['m', 'm', 'f', null, 'f', 'f', 'f', 'm', 'm', '', 'f', 'f']);
    const e = failure(() => rake([district, gaps], margins));
    expect(e).toBeInstanceOf(MissingWeightingValueError);
    expect(e.message).toBe('In der Spalte „sex“ fehlt bei 2 Befragten der Wert (zuerst in Datenzeile 4).');
    const none = categorical('sex', new Array<null>(12).fill(null));
    expect(failure(() => rake([district, none], margins)).message).toBe(
      'Die Spalte „sex“ ist in allen Zeilen leer: Ohne sie kann nicht gewichtet werden.',
    );
  });

  it('reports non-convergence when the data cannot carry the margins together', () => {
    // Everyone in A is m and everyone in B is f: district and sex cannot be fitted apart.
    const d = categorical('district', ['A', 'A', 'B', 'B']);
    const s = categorical('sex', ['m', 'm', 'f', 'f']);
    const r = rake([d, s], { district: { A: 50, B: 50 }, sex: { m: 30, f: 70 } }, undefined, { maxIterations: 200 });
    expect(r.diagnostics.converged).toBe(false);
    expect(r.diagnostics.iterations).toBe(200);
    expect(r.diagnostics.maxDeviation).toBeGreaterThan(0.1);
  });

  // A (8 people): 6 m, 2 f; B (12): 4 m, 8 f; N = 1000, mean weight 50. Unbounded, the 4 men in B
  // get 36.2 (0.72 × the mean) and the 2 women in A 72.5 (1.45 ×).
  const d = categorical('district', [...'AAAAAAAABBBBBBBBBBBB']);
  const s = categorical('sex', [...'mmmmmmffmmmmffffffff']);
  const m = { district: { A: 500, B: 500 }, sex: { m: 500, f: 500 } };

  it('keeps the weights within trimming bounds and still reaches the margins (bounded raking)', () => {
    const plain = rake([d, s], m);
    expect(plain.diagnostics.min).toBeLessThan(0.8 * 50);
    const trimmed = rake([d, s], m, undefined, { trim: { lower: 0.8, upper: 1.7 } });
    expect(trimmed.diagnostics.converged).toBe(true);
    expect(trimmed.diagnostics.min).toBeCloseTo(40, 6);
    expect(trimmed.diagnostics.max).toBeLessThanOrEqual(1.7 * 50 * (1 + 1e-9));
    expect(trimmed.diagnostics.trimmed).toBe(4);
    expect(weighted(trimmed.weights, d).A).toBeCloseTo(500, 6);
    expect(weighted(trimmed.weights, s).f).toBeCloseTo(500, 6);
  });

  it('reports non-convergence when the bounds and the margins cannot both hold', () => {
    // The margins force the women in A to weigh twice the men in B: no room within 0.8…1.3.
    const r = rake([d, s], m, undefined, { trim: { lower: 0.8, upper: 1.3 }, maxIterations: 300 });
    expect(r.diagnostics.converged).toBe(false);
    expect(r.diagnostics.max).toBeLessThanOrEqual(1.3 * 50 * (1 + 1e-9));
  });
});
