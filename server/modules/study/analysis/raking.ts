import type { CategoricalColumn } from './columns.ts';
import type { Margins } from './margins.ts';

/**
 * Raking (iterative proportional fitting) of design weights to population margins.
 *
 * The weights of all respondents who share one combination of the raking variables (a "cell")
 * get the same raking factor, so the fitting runs on cell sums, not on rows: one sweep costs
 * cells × variables, whatever the number of respondents. The result also carries what the
 * variance estimation needs to take the calibration into account (see linearization.ts).
 */

/** A weighting problem in the data or the margins. The message is German and names the column. */
export class WeightingError extends Error {
  constructor(
    message: string,
    readonly column?: string,
    readonly level?: string,
    /** 0-based row of the first affected respondent, where there is one. */
    readonly row?: number,
  ) {
    super(message);
    this.name = 'WeightingError';
  }
}

/** A margin level with a population total has no respondents: raking cannot reach it. */
export class EmptyMarginLevelError extends WeightingError {
  override name = 'EmptyMarginLevelError';
}
/** The margins of two variables add up to different population totals. */
export class MarginTotalsError extends WeightingError {
  override name = 'MarginTotalsError';
}
/** A level found in the data has no population total in the margins. */
export class LevelWithoutMarginError extends WeightingError {
  override name = 'LevelWithoutMarginError';
}
/** A respondent lacks a value of a raking variable. */
export class MissingWeightingValueError extends WeightingError {
  override name = 'MissingWeightingValueError';
}

export interface TrimBounds {
  /** Smallest allowed weight as a multiple of the mean weight (e.g. 0.3). */
  lower: number;
  /** Largest allowed weight as a multiple of the mean weight (e.g. 3). */
  upper: number;
}

export interface RakeOptions {
  /** Largest relative deviation of any weighted margin from its population total (default 1e-10). */
  tolerance?: number;
  /** Iteration cap: sweeps over all margins (default 1000). */
  maxIterations?: number;
  /**
   * Keep every weight within these bounds while reaching the margins (bounded raking). Bounds are
   * multiples of the mean weight, or with design weights of d · N / Σd.
   */
  trim?: TrimBounds;
}

export interface WeightDiagnostics {
  sum: number;
  min: number;
  max: number;
  /** Kish's design effect from unequal weights: n Σw² / (Σw)². */
  deff: number;
  /** (Σw)² / Σw². */
  effectiveN: number;
  /** Sweeps of the last raking run. */
  iterations: number;
  converged: boolean;
  /** Largest relative deviation of a weighted margin from its population total. */
  maxDeviation: number;
  /** Respondents whose weight sits at a trimming bound (0 without trimming). */
  trimmed: number;
}

/**
 * What the linearisation needs: each respondent's cell, and per cell its levels of the raking
 * variables and the sums of design and final weights.
 */
export interface Calibration {
  rows: number;
  cells: Int32Array;
  cellCount: number;
  /** cellLevels[v][c]: code (in the data column) of raking variable v in cell c. */
  cellLevels: Int32Array[];
  /** Data-level codes per variable, in the order of the regression columns (first = reference). */
  levelCodes: number[][];
  /** Weights before calibration per respondent (the design weights). */
  base: Float64Array;
  /** Σ of `base` per cell. */
  baseSum: Float64Array;
  /** Σw and Σw² of the final weights per cell. */
  weightSum: Float64Array;
  weightSquareSum: Float64Array;
}

export interface RakingResult {
  weights: Float64Array;
  calibration: Calibration;
  diagnostics: WeightDiagnostics;
}

interface Problem {
  columns: readonly CategoricalColumn[];
  rows: number;
  cells: Int32Array;
  cellLevels: Int32Array[];
  cellCount: number;
  /** Population total per data level code, per variable. */
  targets: Float64Array[];
  levelCodes: number[][];
}

function setUp(columns: readonly CategoricalColumn[], margins: Margins): Problem {
  if (columns.length === 0) throw new WeightingError('Für die Gewichtung ist mindestens eine Variable nötig.');
  const rows = columns[0]!.codes.length;
  let total: { column: string; value: number } | null = null;
  const targets: Float64Array[] = [];
  const levelCodes: number[][] = [];
  for (const col of columns) {
    const margin = Object.hasOwn(margins, col.name) ? margins[col.name] : undefined;
    if (!margin) throw new WeightingError(`Für die Spalte „${col.name}“ gibt es keine Randverteilung.`, col.name);
    const counts = new Int32Array(col.levels.length);
    const firstRow = new Int32Array(col.levels.length).fill(-1);
    let missing = 0;
    let firstMissing = -1;
    for (let i = 0; i < rows; i++) {
      const c = col.codes[i]!;
      if (c < 0) {
        if (missing++ === 0) firstMissing = i;
      } else {
        if (counts[c] === 0) firstRow[c] = i;
        counts[c]!++;
      }
    }
    if (missing === rows) {
      throw new MissingWeightingValueError(
        `Die Spalte „${col.name}“ ist in allen Zeilen leer: Ohne sie kann nicht gewichtet werden.`,
        col.name,
      );
    }
    if (missing > 0) {
      throw new MissingWeightingValueError(
        `In der Spalte „${col.name}“ fehlt bei ${missing} Befragten der Wert (zuerst in Datenzeile ${firstMissing + 1}).`,
        col.name,
        undefined,
        firstMissing,
      );
    }
    const target = new Float64Array(col.levels.length);
    const codes: number[] = [];
    col.levels.forEach((level, code) => {
      if (counts[code] === 0) return;
      const t = Object.hasOwn(margin, level) ? margin[level] : undefined;
      if (t === undefined) {
        throw new LevelWithoutMarginError(
          `Die Spalte „${col.name}“ enthält den Wert „${level}“ (${counts[code]}-mal, zuerst in Datenzeile ${firstRow[code]! + 1}), ` +
            `für den die Randverteilung keine Bevölkerungszahl hat.`,
          col.name,
          level,
          firstRow[code],
        );
      }
      if (t === 0) {
        throw new LevelWithoutMarginError(
          `Die Spalte „${col.name}“ enthält den Wert „${level}“ (${counts[code]}-mal, zuerst in Datenzeile ${firstRow[code]! + 1}), ` +
            `dessen Bevölkerungszahl 0 ist.`,
          col.name,
          level,
          firstRow[code],
        );
      }
      target[code] = t;
      codes.push(code);
    });
    for (const [level, t] of Object.entries(margin)) {
      if (!(typeof t === 'number' && Number.isFinite(t) && t >= 0)) {
        throw new WeightingError(
          `Randverteilung „${col.name}“, Wert „${level}“: Die Bevölkerungszahl muss eine Zahl ≥ 0 sein.`,
          col.name,
          level,
        );
      }
      const code = col.levels.indexOf(level);
      if (t > 0 && (code < 0 || counts[code] === 0)) {
        throw new EmptyMarginLevelError(
          `Randverteilung „${col.name}“: Für den Wert „${level}“ (Bevölkerung ${t}) gibt es keine Befragten. ` +
            `Fassen Sie Werte zusammen oder entfernen Sie ihn aus den Randverteilungen.`,
          col.name,
          level,
        );
      }
    }
    const sum = Object.values(margin).reduce((a, b) => a + b, 0);
    if (total === null) total = { column: col.name, value: sum };
    else if (Math.abs(sum - total.value) > 1e-9 * Math.max(1, total.value)) {
      throw new MarginTotalsError(
        `Die Randverteilungen ergeben unterschiedliche Gesamtzahlen: „${total.column}“ ${total.value}, „${col.name}“ ${sum}.`,
        col.name,
      );
    }
    targets.push(target);
    levelCodes.push(codes);
  }

  // Number the observed combinations of levels (cells).
  const cells = new Int32Array(rows);
  const radix = columns.map((c) => c.levels.length);
  const space = radix.reduce((a, b) => a * b, 1);
  const dense = space <= 1 << 22 ? new Int32Array(space).fill(-1) : null;
  const sparse = dense ? null : new Map<number, number>();
  const cellLevelLists: number[][] = columns.map(() => []);
  let cellCount = 0;
  for (let i = 0; i < rows; i++) {
    let key = 0;
    for (let v = 0; v < columns.length; v++) key = key * radix[v]! + columns[v]!.codes[i]!;
    let cell = dense ? dense[key]! : (sparse!.get(key) ?? -1);
    if (cell < 0) {
      cell = cellCount++;
      if (dense) dense[key] = cell;
      else sparse!.set(key, cell);
      for (let v = 0; v < columns.length; v++) cellLevelLists[v]!.push(columns[v]!.codes[i]!);
    }
    cells[i] = cell;
  }
  return {
    columns,
    rows,
    cells,
    cellCount,
    cellLevels: cellLevelLists.map((l) => Int32Array.from(l)),
    targets,
    levelCodes,
  };
}

/**
 * IPF on cells. Returns the raking factor g per cell. With bounds, g = clamp(u, lo, hi) where u is
 * the product of the level factors: bounded raking, the truncated exponential of
 * calibrate(calfun = "raking", bounds = …). Each level's factor then solves its margin equation
 * by bisection, because the clamped sum is no longer proportional to the factor.
 */
function fit(p: Problem, baseSum: Float64Array, tolerance: number, maxIterations: number, bounds?: { lo: number; hi: number }) {
  const V = p.columns.length;
  const u = new Float64Array(p.cellCount).fill(1);
  const g = new Float64Array(p.cellCount);
  const lo = bounds?.lo ?? 0;
  const hi = bounds?.hi ?? Infinity;
  const clamp = (x: number) => (x < lo ? lo : x > hi ? hi : x);
  for (let c = 0; c < p.cellCount; c++) g[c] = clamp(u[c]!);
  // Cells of each level of each variable.
  const cellsOf = p.columns.map((col, v) => {
    const lists: number[][] = col.levels.map(() => []);
    const lv = p.cellLevels[v]!;
    for (let c = 0; c < p.cellCount; c++) lists[lv[c]!]!.push(c);
    return lists.map((l) => Int32Array.from(l));
  });
  const current = (cells: Int32Array) => {
    let sum = 0;
    for (const c of cells) sum += baseSum[c]! * g[c]!;
    return sum;
  };
  const deviation = () => {
    let worst = 0;
    for (let v = 0; v < V; v++) {
      for (const code of p.levelCodes[v]!) {
        const t = p.targets[v]![code]!;
        worst = Math.max(worst, Math.abs(current(cellsOf[v]![code]!) - t) / t);
      }
    }
    return worst;
  };
  /** The factor a with Σ baseSum·clamp(u·a) = target over the level's cells. */
  const solve = (cells: Int32Array, target: number) => {
    const at = (a: number) => {
      let sum = 0;
      for (const c of cells) sum += baseSum[c]! * clamp(u[c]! * a);
      return sum;
    };
    let minU = Infinity;
    let maxU = 0;
    for (const c of cells) {
      minU = Math.min(minU, u[c]!);
      maxU = Math.max(maxU, u[c]!);
    }
    let a0 = lo / maxU; // every cell at the lower bound
    let a1 = hi / minU; // every cell at the upper bound
    if (target <= at(a0)) return a0;
    if (target >= at(a1)) return a1;
    for (let k = 0; k < 200 && a1 - a0 > 1e-15 * a1; k++) {
      const mid = Math.sqrt(a0 * a1);
      if (at(mid) < target) a0 = mid;
      else a1 = mid;
    }
    return (a0 + a1) / 2;
  };
  let iterations = 0;
  let maxDeviation = deviation();
  while (maxDeviation > tolerance && iterations < maxIterations) {
    iterations++;
    for (let v = 0; v < V; v++) {
      for (const code of p.levelCodes[v]!) {
        const cells = cellsOf[v]![code]!;
        const target = p.targets[v]![code]!;
        const a = bounds ? solve(cells, target) : target / current(cells);
        for (const c of cells) {
          u[c]! *= a;
          g[c] = clamp(u[c]!);
        }
      }
    }
    maxDeviation = deviation();
  }
  return { g, iterations, converged: maxDeviation <= tolerance, maxDeviation };
}

function cellSums(cells: Int32Array, cellCount: number, weights: Float64Array) {
  const sum = new Float64Array(cellCount);
  for (let i = 0; i < cells.length; i++) sum[cells[i]!]! += weights[i]!;
  return sum;
}

/**
 * Rakes `designWeights` (default: 1 for everyone) to the population `margins` of the given
 * categorical columns. Every respondent needs a value in every raking column, every value needs a
 * population total, every population total > 0 needs respondents, and all margins must add up to
 * the same total; otherwise a WeightingError explains what is wrong. Non-convergence is not an
 * error here: the diagnostics say `converged: false`.
 */
export function rake(
  columns: readonly CategoricalColumn[],
  margins: Margins,
  designWeights?: Float64Array,
  options: RakeOptions = {},
): RakingResult {
  const tolerance = options.tolerance ?? 1e-10;
  const maxIterations = options.maxIterations ?? 1000;
  const p = setUp(columns, margins);
  const rows = p.rows;
  if (designWeights) {
    if (designWeights.length !== rows) throw new WeightingError('Die Designgewichte passen nicht zur Zahl der Befragten.');
    for (let i = 0; i < rows; i++) {
      const d = designWeights[i]!;
      if (!(d > 0 && Number.isFinite(d))) {
        throw new WeightingError(`Das Designgewicht in Datenzeile ${i + 1} ist keine positive Zahl.`, undefined, undefined, i);
      }
    }
  }
  const base = designWeights ?? new Float64Array(rows).fill(1);
  const baseSum = cellSums(p.cells, p.cellCount, base);
  let bounds: { lo: number; hi: number } | undefined;
  if (options.trim) {
    const { lower, upper } = options.trim;
    if (!(lower > 0 && lower < 1 && upper > 1)) {
      throw new WeightingError('Die Kappungsgrenzen müssen 0 < unten < 1 < oben erfüllen (Vielfache des mittleren Gewichts).');
    }
    // Bounds on w / (d · N / Σd): with equal design weights, multiples of the mean weight.
    const total = p.targets[0]!.reduce((a, b) => a + b, 0);
    const scale = total / baseSum.reduce((a, b) => a + b, 0);
    bounds = { lo: lower * scale, hi: upper * scale };
  }
  const result = fit(p, baseSum, tolerance, maxIterations, bounds);
  const weights = new Float64Array(rows);
  for (let i = 0; i < rows; i++) weights[i] = base[i]! * result.g[p.cells[i]!]!;
  let trimmed = 0;
  if (bounds) {
    for (let i = 0; i < rows; i++) {
      const g = result.g[p.cells[i]!]!;
      if (g <= bounds.lo * (1 + 1e-12) || g >= bounds.hi * (1 - 1e-12)) trimmed++;
    }
  }

  let sum = 0;
  let sumSq = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < rows; i++) {
    const w = weights[i]!;
    sum += w;
    sumSq += w * w;
    if (w < min) min = w;
    if (w > max) max = w;
  }
  const weightSum = new Float64Array(p.cellCount);
  const weightSquareSum = new Float64Array(p.cellCount);
  for (let i = 0; i < rows; i++) {
    const c = p.cells[i]!;
    const w = weights[i]!;
    weightSum[c]! += w;
    weightSquareSum[c]! += w * w;
  }
  return {
    weights,
    calibration: {
      rows,
      cells: p.cells,
      cellCount: p.cellCount,
      cellLevels: p.cellLevels,
      levelCodes: p.levelCodes,
      base,
      baseSum,
      weightSum,
      weightSquareSum,
    },
    diagnostics: {
      sum,
      min,
      max,
      deff: (rows * sumSq) / (sum * sum),
      effectiveN: (sum * sum) / sumSq,
      iterations: result.iterations,
      converged: result.converged,
      maxDeviation: result.maxDeviation,
      trimmed,
    },
  };
}
