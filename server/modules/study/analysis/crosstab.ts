import type { CategoricalColumn } from './columns.ts';
import { chiSquareSurvival } from './distributions.ts';
import { levelOrder, shareCovariance } from './estimates.ts';
import type { SurveyDesign } from './linearization.ts';

/**
 * Weighted two-way table with Pearson's X² and the first-order Rao–Scott correction, as
 * `svychisq(~rows + cols, design, statistic = "Chisq")`: X² is computed on the weighted table
 * scaled to the number of rows N, and referred to χ² with (r−1)(c−1) df after division by the
 * mean generalised design effect δ̄ = tr(Δ)/((r−1)(c−1)), where
 * Δ = (C' D⁻¹ C / N)⁻¹ C' D⁻¹ V D⁻¹ C, D = diag(cell shares), V = their covariance under the
 * design, and C spans the interaction contrasts orthogonal to the main effects.
 */
export interface Crosstab {
  rows: string[];
  cols: string[];
  /** Weighted shares of the cells among rows with both answers, [row][col]. */
  shares: number[][];
  /** Unweighted counts, [row][col]. */
  counts: number[][];
  /** Unweighted number of rows with both answers. */
  n: number;
  /** Pearson X² of the weighted table scaled to N (the statistic svychisq prints). */
  statistic: number;
  df: number;
  /** Mean generalised design effect δ̄. */
  meanDeff: number;
  /** X² / δ̄, the first-order Rao–Scott statistic. */
  adjustedStatistic: number;
  p: number;
}

/** Solves A X = B for symmetric positive definite A (k × k) and B (k × m), by Gaussian elimination. */
function solve(a: Float64Array, b: Float64Array, k: number, m: number): Float64Array {
  const A = Float64Array.from(a);
  const B = Float64Array.from(b);
  for (let col = 0; col < k; col++) {
    let pivot = col;
    for (let r = col + 1; r < k; r++) if (Math.abs(A[r * k + col]!) > Math.abs(A[pivot * k + col]!)) pivot = r;
    if (pivot !== col) {
      for (let j = 0; j < k; j++) [A[col * k + j], A[pivot * k + j]] = [A[pivot * k + j]!, A[col * k + j]!];
      for (let j = 0; j < m; j++) [B[col * m + j], B[pivot * m + j]] = [B[pivot * m + j]!, B[col * m + j]!];
    }
    const d = A[col * k + col]!;
    for (let r = 0; r < k; r++) {
      if (r === col) continue;
      const f = A[r * k + col]! / d;
      if (f === 0) continue;
      for (let j = col; j < k; j++) A[r * k + j]! -= f * A[col * k + j]!;
      for (let j = 0; j < m; j++) B[r * m + j]! -= f * B[col * m + j]!;
    }
  }
  for (let r = 0; r < k; r++) for (let j = 0; j < m; j++) B[r * m + j]! /= A[r * k + r]!;
  return B;
}

export function crosstab(design: SurveyDesign, rowVar: CategoricalColumn, colVar: CategoricalColumn): Crosstab {
  // Levels that occur in the data (svychisq: unique non-missing values), in sorted order.
  const present = (col: CategoricalColumn) => {
    const seen = new Uint8Array(col.levels.length);
    for (const c of col.codes) if (c >= 0) seen[c] = 1;
    return levelOrder(col.levels).filter((l) => seen[l]);
  };
  const rowLevels = present(rowVar);
  const colLevels = present(colVar);
  const nr = rowLevels.length;
  const nc = colLevels.length;
  if (nr < 2 || nc < 2) throw new Error('Für eine Kreuztabelle braucht jede Variable mindestens zwei Werte.');
  const rowIndex = new Int32Array(rowVar.levels.length).fill(-1);
  rowLevels.forEach((l, i) => (rowIndex[l] = i));
  const colIndex = new Int32Array(colVar.levels.length).fill(-1);
  colLevels.forEach((l, i) => (colIndex[l] = i));
  const K = nr * nc;
  // Cell k = r + nr·c (rows vary fastest, as interaction() in R).
  const codes = new Int32Array(design.rows);
  const counts = Array.from({ length: nr }, () => new Array<number>(nc).fill(0));
  for (let i = 0; i < design.rows; i++) {
    const r = rowVar.codes[i]!;
    const c = colVar.codes[i]!;
    if (r < 0 || c < 0) {
      codes[i] = -1;
      continue;
    }
    codes[i] = rowIndex[r]! + nr * colIndex[c]!;
    counts[rowIndex[r]!]![colIndex[c]!]!++;
  }
  const { shares: p, covariance: V, n } = shareCovariance(design, codes, K);
  const N = design.rows;

  // Pearson X² on the table scaled to N.
  const pr = new Float64Array(nr);
  const pc = new Float64Array(nc);
  for (let r = 0; r < nr; r++) {
    for (let c = 0; c < nc; c++) {
      pr[r]! += p[r + nr * c]!;
      pc[c]! += p[r + nr * c]!;
    }
  }
  let statistic = 0;
  for (let r = 0; r < nr; r++) {
    for (let c = 0; c < nc; c++) {
      const e = pr[r]! * pc[c]!;
      if (e > 0) statistic += (N * (p[r + nr * c]! - e) ** 2) / e;
    }
  }

  // Interaction contrasts orthogonal to the main effects on the grid of cells.
  const q = 1 + (nr - 1) + (nc - 1);
  const df = (nr - 1) * (nc - 1);
  const x1 = new Float64Array(K * q);
  const x12 = new Float64Array(K * df);
  for (let c = 0; c < nc; c++) {
    for (let r = 0; r < nr; r++) {
      const k = r + nr * c;
      x1[k * q] = 1;
      if (r > 0) x1[k * q + r] = 1;
      if (c > 0) x1[k * q + nr - 1 + c] = 1;
      if (r > 0 && c > 0) x12[k * df + (r - 1) + (nr - 1) * (c - 1)] = 1;
    }
  }
  const xtx = new Float64Array(q * q);
  const xty = new Float64Array(q * df);
  for (let k = 0; k < K; k++) {
    for (let i = 0; i < q; i++) {
      for (let j = 0; j < q; j++) xtx[i * q + j]! += x1[k * q + i]! * x1[k * q + j]!;
      for (let j = 0; j < df; j++) xty[i * df + j]! += x1[k * q + i]! * x12[k * df + j]!;
    }
  }
  const coef = solve(xtx, xty, q, df);
  const cmat = new Float64Array(K * df);
  for (let k = 0; k < K; k++) {
    for (let j = 0; j < df; j++) {
      let fit = 0;
      for (let i = 0; i < q; i++) fit += x1[k * q + i]! * coef[i * df + j]!;
      cmat[k * df + j] = x12[k * df + j]! - fit;
    }
  }
  const inv = Float64Array.from(p, (v) => (v === 0 ? 0 : 1 / v));
  // denom = C' D⁻¹ C / N; numr = C' D⁻¹ V D⁻¹ C.
  const denom = new Float64Array(df * df);
  const numr = new Float64Array(df * df);
  const dc = new Float64Array(K * df); // D⁻¹ C
  for (let k = 0; k < K; k++) for (let j = 0; j < df; j++) dc[k * df + j] = inv[k]! * cmat[k * df + j]!;
  const vdc = new Float64Array(K * df); // V D⁻¹ C
  for (let k = 0; k < K; k++) {
    for (let j = 0; j < df; j++) {
      let s = 0;
      for (let l = 0; l < K; l++) s += V[k * K + l]! * dc[l * df + j]!;
      vdc[k * df + j] = s;
    }
  }
  for (let i = 0; i < df; i++) {
    for (let j = 0; j < df; j++) {
      let sd = 0;
      let sn = 0;
      for (let k = 0; k < K; k++) {
        sd += cmat[k * df + i]! * dc[k * df + j]!;
        sn += dc[k * df + i]! * vdc[k * df + j]!;
      }
      denom[i * df + j] = sd / N;
      numr[i * df + j] = sn;
    }
  }
  const delta = solve(denom, numr, df, df);
  let trace = 0;
  for (let i = 0; i < df; i++) trace += delta[i * df + i]!;
  const meanDeff = trace / df;
  const adjustedStatistic = statistic / meanDeff;
  return {
    rows: rowLevels.map((l) => rowVar.levels[l]!),
    cols: colLevels.map((l) => colVar.levels[l]!),
    shares: Array.from({ length: nr }, (_, r) => Array.from({ length: nc }, (_, c) => p[r + nr * c]!)),
    counts,
    n,
    statistic,
    df,
    meanDeff,
    adjustedStatistic,
    p: chiSquareSurvival(adjustedStatistic, df),
  };
}
