import type { CategoricalColumn, NumericColumn } from './columns.ts';
import { normalCdf, normalQuantile, studentTQuantile } from './distributions.ts';
import { covariance, residualise, type Residualised, type SurveyDesign } from './linearization.ts';

/**
 * Weighted means and shares with linearisation standard errors, overall and per domain, with
 * the semantics of R's survey package: `svymean(~y, design, na.rm = TRUE)`,
 * `svyby(~y, ~g, design, svymean, na.rm = TRUE)` and, for shares, `svyciprop(method = "logit")`.
 */

/** An estimate; `null` where it is not defined (no answers; SE and CI need at least 2 answers). */
export interface EstimateValue {
  estimate: number | null;
  se: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  /** Unweighted number of non-missing answers. */
  n: number;
}

export interface LevelEstimate extends EstimateValue {
  level: string;
}

export interface MeanResult {
  overall: EstimateValue;
  /** One entry per level of the grouping column that has respondents (svyby drops the rest). */
  groups: ({ group: string } & EstimateValue)[];
}

export interface ShareResult {
  overall: LevelEstimate[];
  groups: ({ group: string } & LevelEstimate)[];
  /** Covariance matrix of the overall shares (levels in the order of `overall`), for crosstabs. */
  covariance: Float64Array;
}

export const CONFIDENCE = 0.95;
/** qnorm(0.975): the normal CIs of svymean's confint. */
export const Z95 = normalQuantile(1 - (1 - CONFIDENCE) / 2);

/** Sort order of levels and groups: numeric codes by value, other labels alphabetically. */
export function levelOrder(levels: readonly string[]): number[] {
  const numeric = levels.every((l) => l.trim() !== '' && Number.isFinite(Number(l)));
  const idx = levels.map((_, i) => i);
  return numeric
    ? idx.sort((a, b) => Number(levels[a]) - Number(levels[b]))
    : idx.sort((a, b) => levels[a]!.localeCompare(levels[b]!, 'de'));
}

const groupCache = new WeakMap<SurveyDesign, WeakMap<CategoricalColumn, Float64Array>>();

function groupIndex(design: SurveyDesign, by: CategoricalColumn | undefined) {
  if (!by) return { groups: null, count: 0, rowsPerGroup: new Float64Array(0) };
  if (by.codes.length !== design.rows) throw new Error(`Die Spalte „${by.name}“ hat nicht so viele Zeilen wie die Gewichte.`);
  let byDesign = groupCache.get(design);
  if (!byDesign) {
    byDesign = new WeakMap();
    groupCache.set(design, byDesign);
  }
  let rowsPerGroup = byDesign.get(by);
  if (!rowsPerGroup) {
    rowsPerGroup = new Float64Array(by.levels.length);
    for (let i = 0; i < design.rows; i++) {
      const g = by.codes[i]!;
      if (g >= 0 && design.weights[i]! !== 0) rowsPerGroup[g]!++;
    }
    byDesign.set(by, rowsPerGroup);
  }
  return { groups: by.codes, count: by.levels.length, rowsPerGroup };
}

const bucketCache = new WeakMap<SurveyDesign, WeakMap<Int32Array, Int32Array>>();
const noGroups = new Int32Array(0);

/**
 * Per row: group × cellCount + cell, with group G for rows without a group. Kept per design and
 * grouping column, since every variable of an analysis needs the same.
 */
function buckets(design: SurveyDesign, groups: Int32Array | null, G: number): Int32Array {
  let byDesign = bucketCache.get(design);
  if (!byDesign) {
    byDesign = new WeakMap();
    bucketCache.set(design, byDesign);
  }
  const key = groups ?? noGroups;
  let out = byDesign.get(key);
  if (!out) {
    const C = design.cellCount;
    const cells = design.cells;
    out = new Int32Array(design.rows);
    for (let i = 0; i < design.rows; i++) {
      const g = groups ? groups[i]! : -1;
      out[i] = (g < 0 ? G : g) * C + cells[i]!;
    }
    byDesign.set(key, out);
  }
  return out;
}

const MEAN_STATS = 8;

function meanEstimate(design: SurveyDesign, sums: Float64Array, offset: number, shift: number): EstimateValue {
  const C = design.cellCount;
  let count = 0;
  let w = 0;
  let wy = 0;
  for (let c = 0; c < C; c++) {
    const o = offset + c * MEAN_STATS;
    count += sums[o]!;
    w += sums[o + 3]!;
    wy += sums[o + 4]!;
  }
  if (count === 0 || w === 0) return { estimate: null, se: null, ciLow: null, ciHigh: null, n: count };
  const m = wy / w; // mean of y − shift
  const t = new Float64Array(C);
  const b = new Float64Array(C);
  let a = 0;
  let s = 0;
  for (let c = 0; c < C; c++) {
    const o = offset + c * MEAN_STATS;
    t[c] = (sums[o + 2]! - m * sums[o + 1]!) / w;
    b[c] = (sums[o + 6]! - m * sums[o + 5]!) / w;
    a += (sums[o + 7]! - 2 * m * sums[o + 6]! + m * m * sums[o + 5]!) / (w * w);
    s += (sums[o + 4]! - m * sums[o + 3]!) / w;
  }
  const r = residualise(design, { t, b, s });
  const estimate = m + shift;
  if (count < 2) return { estimate, se: null, ciLow: null, ciHigh: null, n: count };
  const v = covariance(design, r, r, a, design.rows);
  const se = Math.sqrt(Math.max(v, 0));
  return { estimate, se, ciLow: estimate - Z95 * se, ciHigh: estimate + Z95 * se, n: count };
}

/**
 * Weighted mean of `y` over its non-missing values, overall and per level of `by` (rows with a
 * missing `by` count only overall). CIs are normal (svymean's confint).
 */
export function weightedMean(design: SurveyDesign, y: NumericColumn, by?: CategoricalColumn): MeanResult {
  const { groups, count: G, rowsPerGroup } = groupIndex(design, by);
  const C = design.cellCount;
  const values = y.values;
  if (values.length !== design.rows) throw new Error(`Die Spalte „${y.name}“ hat nicht so viele Zeilen wie die Gewichte.`);
  // Sums per (group, cell); bucket G holds rows without a group. Values are shifted by the first
  // one to keep the sums of squares free of cancellation.
  const sums = new Float64Array((G + 1) * C * MEAN_STATS);
  let shift = NaN;
  const { weights, base } = design;
  const bucket = buckets(design, groups, G);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v !== v) continue;
    if (shift !== shift) shift = v;
    const o = bucket[i]! * MEAN_STATS;
    const w = weights[i]!;
    const d = base[i]!;
    const yc = v - shift;
    const w2 = w * w;
    sums[o]! += 1;
    sums[o + 1]! += d;
    sums[o + 2]! += d * yc;
    sums[o + 3]! += w;
    sums[o + 4]! += w * yc;
    sums[o + 5]! += w2;
    sums[o + 6]! += w2 * yc;
    sums[o + 7]! += w2 * yc * yc;
  }
  if (shift !== shift) shift = 0;
  const block = C * MEAN_STATS;
  const total = new Float64Array(block);
  for (let g = 0; g <= G; g++) for (let k = 0; k < block; k++) total[k]! += sums[g * block + k]!;
  const overall = meanEstimate(design, total, 0, shift);
  const out: MeanResult['groups'] = [];
  if (by) {
    for (const g of levelOrder(by.levels)) {
      if (rowsPerGroup[g] === 0) continue;
      out.push({ group: by.levels[g]!, ...meanEstimate(design, sums, g * block, shift) });
    }
  }
  return { overall, groups: out };
}

const SHARE_STATS = 4;

/**
 * Shares of every level of `x` among its non-missing answers (svymean of the level indicators),
 * their full covariance, and logit CIs as svyciprop(method = "logit"): expit(logit p ± t·SE/(p(1−p)))
 * with t from Student's t with (rows of the domain − 1) degrees of freedom.
 */
function shareEstimates(
  design: SurveyDesign,
  sums: Float64Array,
  offset: number,
  levels: number,
  domainRows: number,
): { values: EstimateValue[]; cov: Float64Array } {
  const C = design.cellCount;
  const L = levels;
  const wLevel = new Float64Array(L);
  const w2Level = new Float64Array(L);
  let count = 0;
  for (let c = 0; c < C; c++) {
    for (let l = 0; l < L; l++) {
      const o = offset + (c * L + l) * SHARE_STATS;
      count += sums[o]!;
      wLevel[l]! += sums[o + 2]!;
      w2Level[l]! += sums[o + 3]!;
    }
  }
  const cov = new Float64Array(L * L).fill(NaN);
  const W = wLevel.reduce((a, b) => a + b, 0);
  if (count === 0 || W === 0) {
    return { values: Array.from({ length: L }, () => ({ estimate: null, se: null, ciLow: null, ciHigh: null, n: count })), cov };
  }
  const W2 = w2Level.reduce((a, b) => a + b, 0);
  const p = wLevel.map((v) => v / W);
  const dCell = new Float64Array(C);
  const w2Cell = new Float64Array(C);
  for (let c = 0; c < C; c++) {
    for (let l = 0; l < L; l++) {
      const o = offset + (c * L + l) * SHARE_STATS;
      dCell[c]! += sums[o + 1]!;
      w2Cell[c]! += sums[o + 3]!;
    }
  }
  const res: Residualised[] = [];
  for (let l = 0; l < L; l++) {
    const t = new Float64Array(C);
    const b = new Float64Array(C);
    for (let c = 0; c < C; c++) {
      const o = offset + (c * L + l) * SHARE_STATS;
      t[c] = (sums[o + 1]! - p[l]! * dCell[c]!) / W;
      b[c] = (sums[o + 3]! - p[l]! * w2Cell[c]!) / W;
    }
    res.push(residualise(design, { t, b, s: (wLevel[l]! - p[l]! * W) / W }));
  }
  const n = design.rows;
  for (let i = 0; i < L; i++) {
    for (let j = i; j < L; j++) {
      const a = ((i === j ? w2Level[i]! : 0) - p[j]! * w2Level[i]! - p[i]! * w2Level[j]! + p[i]! * p[j]! * W2) / (W * W);
      const v = count < 2 ? NaN : covariance(design, res[i]!, res[j]!, a, n);
      cov[i * L + j] = v;
      cov[j * L + i] = v;
    }
  }
  const tq = studentTQuantile(1 - (1 - CONFIDENCE) / 2, domainRows - 1);
  const values = Array.from({ length: L }, (_, l): EstimateValue => {
    const estimate = p[l]!;
    if (count < 2) return { estimate, se: null, ciLow: null, ciHigh: null, n: count };
    const se = Math.sqrt(Math.max(cov[l * L + l]!, 0));
    return { estimate, se, ...logitInterval(estimate, se, tq), n: count };
  });
  return { values, cov };
}

/** The logit interval of svyciprop: degenerate at p = 0 or 1, where the logit has no SE. */
export function logitInterval(p: number, se: number, quantile: number): { ciLow: number; ciHigh: number } {
  if (p <= 0 || p >= 1 || !(se > 0)) return { ciLow: p, ciHigh: p };
  const logit = Math.log(p / (1 - p));
  const half = (quantile * se) / (p * (1 - p));
  const expit = (x: number) => 1 / (1 + Math.exp(-x));
  return { ciLow: expit(logit - half), ciHigh: expit(logit + half) };
}

function accumulateShares(design: SurveyDesign, codes: Int32Array, L: number, groups: Int32Array | null, G: number) {
  const C = design.cellCount;
  const sums = new Float64Array((G + 1) * C * L * SHARE_STATS);
  const { weights, base } = design;
  const bucket = buckets(design, groups, G);
  for (let i = 0; i < codes.length; i++) {
    const l = codes[i]!;
    if (l < 0) continue;
    const o = (bucket[i]! * L + l) * SHARE_STATS;
    const w = weights[i]!;
    sums[o]! += 1;
    sums[o + 1]! += base[i]!;
    sums[o + 2]! += w;
    sums[o + 3]! += w * w;
  }
  const block = C * L * SHARE_STATS;
  const total = new Float64Array(block);
  for (let g = 0; g <= G; g++) for (let k = 0; k < block; k++) total[k]! += sums[g * block + k]!;
  return { sums, total, block };
}

function rowsWithWeight(design: SurveyDesign): number {
  let n = 0;
  for (let i = 0; i < design.rows; i++) if (design.weights[i] !== 0) n++;
  return n;
}

/**
 * Shares of the codes 0..L−1 (−1 = missing) among the non-missing rows, with their full
 * covariance matrix (L × L, row-major): svymean of the indicator matrix with na.rm = TRUE.
 */
export function shareCovariance(
  design: SurveyDesign,
  codes: Int32Array,
  levels: number,
): { shares: Float64Array; covariance: Float64Array; n: number } {
  if (codes.length !== design.rows) throw new Error('Die Codes passen nicht zur Zahl der Befragten.');
  const { total } = accumulateShares(design, codes, levels, null, 0);
  const est = shareEstimates(design, total, 0, levels, rowsWithWeight(design));
  return { shares: Float64Array.from(est.values, (v) => v.estimate ?? NaN), covariance: est.cov, n: est.values[0]?.n ?? 0 };
}

/** Shares of each level of `x` among its non-missing answers, overall and per level of `by`. */
export function weightedShares(design: SurveyDesign, x: CategoricalColumn, by?: CategoricalColumn): ShareResult {
  const { groups, count: G, rowsPerGroup } = groupIndex(design, by);
  const L = x.levels.length;
  if (x.codes.length !== design.rows) throw new Error(`Die Spalte „${x.name}“ hat nicht so viele Zeilen wie die Gewichte.`);
  const { sums, total, block } = accumulateShares(design, x.codes, L, groups, G);
  const order = levelOrder(x.levels);
  const all = shareEstimates(design, total, 0, L, rowsWithWeight(design));
  const overall = order.map((l) => ({ level: x.levels[l]!, ...all.values[l]! }));
  const covarianceOrdered = new Float64Array(L * L);
  order.forEach((li, i) => order.forEach((lj, j) => (covarianceOrdered[i * L + j] = all.cov[li * L + lj]!)));
  const out: ShareResult['groups'] = [];
  if (by) {
    for (const g of levelOrder(by.levels)) {
      if (rowsPerGroup[g] === 0) continue;
      const est = shareEstimates(design, sums, g * block, L, rowsPerGroup[g]!);
      for (const l of order) out.push({ group: by.levels[g]!, level: x.levels[l]!, ...est.values[l]! });
    }
  }
  return { overall, groups: out, covariance: covarianceOrdered };
}

export interface Difference {
  /** later − earlier */
  difference: number;
  se: number;
  ciLow: number;
  ciHigh: number;
  z: number;
  /** Two-sided p-value of the normal test. */
  p: number;
}

/**
 * Difference between two estimates from independent samples (e.g. two waves): SE is
 * √(SE₁² + SE₂²), the CI and the two-sided p-value are normal. `null` when either SE is undefined.
 */
export function waveDifference(earlier: EstimateValue, later: EstimateValue): Difference | null {
  if (earlier.estimate === null || later.estimate === null || earlier.se === null || later.se === null) return null;
  const difference = later.estimate - earlier.estimate;
  const se = Math.sqrt(earlier.se * earlier.se + later.se * later.se);
  if (!(se > 0)) return null;
  const z = difference / se;
  return { difference, se, ciLow: difference - Z95 * se, ciHigh: difference + Z95 * se, z, p: 2 * normalCdf(-Math.abs(z)) };
}
