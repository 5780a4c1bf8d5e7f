import type { Calibration } from './raking.ts';

/**
 * Linearisation (Taylor) variance for a one-stage design with one respondent per PSU, as the R
 * package survey computes it for `svydesign(ids = ~1, weights = …)` followed by
 * `calibrate(…, calfun = "raking")`:
 *
 *  - each estimate has influence values z_i (for a mean: (y_i − ȳ) / Σw over the rows used);
 *  - on a calibrated design, the weighted influence values w_i z_i are replaced by the residuals
 *    e_i = w_i (z_i − x_i'β), where x_i are the indicators of the raking variables and β is the
 *    regression of z on x weighted with the weights *before* calibration (survey's
 *    `qr.resid(qr, x / w) * w` with `w = g · √d`);
 *  - V = n/(n−1) Σ (e_i − ē)².
 *
 * Subsets (missing answers with na.rm = TRUE, domains in svyby) keep every respondent in n: a
 * calibrated design keeps them with weight 0 (their z is 0, but their residual −w_i x_i'β is not),
 * and on a design without calibration survey drops the rows but pads the PSU totals with zeros up
 * to the design's original number of PSUs. So n is always the number of rows of the design.
 *
 * Because x_i depends only on the respondent's cell (combination of raking levels), every sum
 * over rows reduces to sums per cell: an estimate needs, over the rows it uses, per cell
 * t_c = Σ d z, B_c = Σ w² z, and in total A = Σ w² z², S = Σ w z. The rest is algebra on cells,
 * so 1,000,000 rows cost one pass per variable, whatever the number of domains.
 */
export interface SurveyDesign {
  rows: number;
  weights: Float64Array;
  /** Weights before calibration (the regression weights d); equal to `weights` without calibration. */
  base: Float64Array;
  /** Cell of each row (all 0 without calibration). */
  cells: Int32Array;
  cellCount: number;
  calibrated: boolean;
  /** Regression columns per cell, row-major (cellCount × columns). */
  x: Float64Array;
  columns: number;
  /** Cholesky factor of X'DX (columns × columns), with dependent columns dropped. */
  chol: Float64Array;
  dropped: Uint8Array;
  /** Σw and Σw² per cell over all rows. */
  weightSum: Float64Array;
  weightSquareSum: Float64Array;
}

/** A design with (design) weights and no calibration; `weights` default to 1. */
export function uncalibratedDesign(rows: number, weights?: Float64Array): SurveyDesign {
  const w = weights ?? new Float64Array(rows).fill(1);
  let sum = 0;
  let sq = 0;
  for (let i = 0; i < rows; i++) {
    sum += w[i]!;
    sq += w[i]! * w[i]!;
  }
  return {
    rows,
    weights: w,
    base: w,
    cells: new Int32Array(rows),
    cellCount: 1,
    calibrated: false,
    x: new Float64Array(0),
    columns: 0,
    chol: new Float64Array(0),
    dropped: new Uint8Array(0),
    weightSum: Float64Array.of(sum),
    weightSquareSum: Float64Array.of(sq),
  };
}

/** The design after raking: final weights plus what the calibration term of the variance needs. */
export function calibratedDesign(weights: Float64Array, cal: Calibration): SurveyDesign {
  // Columns: intercept, then one indicator per level of each variable except its first.
  let columns = 1;
  const offsets = cal.levelCodes.map((codes) => {
    const offset = columns;
    columns += codes.length - 1;
    return offset;
  });
  const columnOf = cal.levelCodes.map((codes, v) => {
    const map = new Map<number, number>();
    codes.forEach((code, k) => {
      if (k > 0) map.set(code, offsets[v]! + k - 1);
    });
    return map;
  });
  const x = new Float64Array(cal.cellCount * columns);
  for (let c = 0; c < cal.cellCount; c++) {
    x[c * columns] = 1;
    cal.cellLevels.forEach((levels, v) => {
      const j = columnOf[v]!.get(levels[c]!);
      if (j !== undefined) x[c * columns + j] = 1;
    });
  }
  const xtdx = new Float64Array(columns * columns);
  for (let c = 0; c < cal.cellCount; c++) {
    const d = cal.baseSum[c]!;
    for (let j = 0; j < columns; j++) {
      const xj = x[c * columns + j]!;
      if (xj === 0) continue;
      for (let k = 0; k < columns; k++) xtdx[j * columns + k]! += d * xj * x[c * columns + k]!;
    }
  }
  const { chol, dropped } = cholesky(xtdx, columns);
  return {
    rows: cal.rows,
    weights,
    base: cal.base,
    cells: cal.cells,
    cellCount: cal.cellCount,
    calibrated: true,
    x,
    columns,
    chol,
    dropped,
    weightSum: cal.weightSum,
    weightSquareSum: cal.weightSquareSum,
  };
}

/**
 * Cholesky factor of a positive semi-definite matrix. A column whose pivot vanishes (it depends
 * on earlier columns, e.g. nested raking variables) is dropped: its coefficient is set to 0, which
 * leaves the fitted values, and so the residuals, unchanged.
 */
function cholesky(a: Float64Array, p: number) {
  const l = new Float64Array(p * p);
  const dropped = new Uint8Array(p);
  for (let j = 0; j < p; j++) {
    let d = a[j * p + j]!;
    for (let k = 0; k < j; k++) d -= l[j * p + k]! * l[j * p + k]!;
    if (d <= 1e-10 * a[j * p + j]! || d <= 0) {
      dropped[j] = 1;
      continue;
    }
    const ljj = Math.sqrt(d);
    l[j * p + j] = ljj;
    for (let i = j + 1; i < p; i++) {
      let s = a[i * p + j]!;
      for (let k = 0; k < j; k++) s -= l[i * p + k]! * l[j * p + k]!;
      l[i * p + j] = s / ljj;
    }
  }
  return { chol: l, dropped };
}

/** Fitted values per cell of the regression whose right-hand side X't is given through `t` per cell. */
export function fittedPerCell(design: SurveyDesign, t: Float64Array): Float64Array {
  const { columns: p, x, chol, dropped, cellCount } = design;
  const f = new Float64Array(cellCount);
  if (!design.calibrated) return f;
  const b = new Float64Array(p);
  for (let c = 0; c < cellCount; c++) {
    const tc = t[c]!;
    if (tc === 0) continue;
    for (let j = 0; j < p; j++) b[j]! += x[c * p + j]! * tc;
  }
  // Solve L L' β = b, skipping dropped columns.
  const y = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    if (dropped[j]) continue;
    let s = b[j]!;
    for (let k = 0; k < j; k++) s -= chol[j * p + k]! * y[k]!;
    y[j] = s / chol[j * p + j]!;
  }
  const beta = new Float64Array(p);
  for (let j = p - 1; j >= 0; j--) {
    if (dropped[j]) continue;
    let s = y[j]!;
    for (let k = j + 1; k < p; k++) s -= chol[k * p + j]! * beta[k]!;
    beta[j] = s / chol[j * p + j]!;
  }
  for (let c = 0; c < cellCount; c++) {
    let s = 0;
    for (let j = 0; j < p; j++) s += x[c * p + j]! * beta[j]!;
    f[c] = s;
  }
  return f;
}

/** Per-cell sums of one statistic's influence values over the rows it uses. */
export interface InfluenceSums {
  /** Σ d z per cell. */
  t: Float64Array;
  /** Σ w² z per cell. */
  b: Float64Array;
  /** Σ w z over the rows used. */
  s: number;
}

/** The fitted values and Σe of one statistic, the pieces of every (co)variance it enters. */
export interface Residualised extends InfluenceSums {
  f: Float64Array;
  /** Σ e over all rows of the variance. */
  sumE: number;
}

export function residualise(design: SurveyDesign, sums: InfluenceSums): Residualised {
  const f = fittedPerCell(design, sums.t);
  let sumE = sums.s;
  for (let c = 0; c < design.cellCount; c++) sumE -= f[c]! * design.weightSum[c]!;
  return { ...sums, f, sumE };
}

/**
 * Covariance of two statistics from their residualised sums and `a = Σ w² z_a z_b` over the rows
 * used. `n` is the number of PSUs in the variance: the rows of the design.
 */
export function covariance(design: SurveyDesign, ra: Residualised, rb: Residualised, a: number, n: number): number {
  let cross = a;
  if (design.calibrated) {
    for (let c = 0; c < design.cellCount; c++) {
      const fa = ra.f[c]!;
      const fb = rb.f[c]!;
      cross += -fb * ra.b[c]! - fa * rb.b[c]! + fa * fb * design.weightSquareSum[c]!;
    }
  }
  if (n < 2) return NaN;
  return (n / (n - 1)) * (cross - (ra.sumE * rb.sumE) / n);
}
