/**
 * `itas analyze`: weighted survey statistics from a CSV file of responses, for researchers who
 * check the platform's numbers against R. Reads the file in a streaming pass into typed columns,
 * rakes to the population margins, and prints means and shares with linearisation SEs (as R's
 * survey package computes them after calibrate(calfun = "raking")), overall and by group.
 *
 * Imports only the statistics engine (no server, no database), so it starts quickly.
 */
import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { parseArgs } from 'node:util';
import {
  CellError,
  TableBuilder,
  type CategoricalColumn,
  type ColumnKind,
  type NumericColumn,
  type Table,
} from '../server/modules/study/analysis/columns.ts';
import { CsvFormatError, CsvReader } from '../server/modules/study/analysis/csv.ts';
import { weightedMean, weightedShares, type EstimateValue } from '../server/modules/study/analysis/estimates.ts';
import { calibratedDesign, uncalibratedDesign, type SurveyDesign } from '../server/modules/study/analysis/linearization.ts';
import type { Margins } from '../server/modules/study/analysis/margins.ts';
import { rake, WeightingError, type WeightDiagnostics } from '../server/modules/study/analysis/raking.ts';

export const ANALYZE_USAGE = `Aufruf: itas analyze --data ANTWORTEN.csv [--margins RAENDER.json --rake SPALTEN]
                    [--means SPALTEN] [--shares SPALTEN] [--by SPALTEN] [--json]

  --data DATEI          Antworten als CSV (UTF-8, mit oder ohne BOM; Trennzeichen , oder ;
                        wird erkannt). Leere Zellen gelten als fehlend.
  --margins DATEI       Randverteilungen als JSON: { "spalte": { "wert": Bevölkerungszahl, … }, … }
  --rake SPALTEN        Gewichtungsvariablen (Raking auf die Randverteilungen)
  --weight SPALTE       Designgewichte (Standard: 1 für alle)
  --means SPALTEN       Mittelwerte dieser Spalten (Namen oder Muster wie 'item_*', durch Komma getrennt)
  --shares SPALTEN      Anteile jedes Werts dieser Spalten
  --by SPALTEN          zusätzlich nach diesen Gruppen
  --json                Ergebnis als JSON statt als Tabelle
  --min-n N             Gruppen mit weniger als N Antworten werden unterdrückt (Standard 5, mindestens 3)
  --exclude-unweightable  Befragte ohne oder mit unbekanntem Wert einer Gewichtungsvariable ausschließen
                        (sie werden gezählt und gemeldet) statt abzubrechen
  --trim UNTEN,OBEN     Gewichte auf UNTEN…OBEN × mittleres Gewicht kappen und neu gewichten
  --max-iterations N    Höchstzahl der Raking-Durchläufe (Standard 1000)
  --tolerance T         zulässige relative Abweichung von den Randverteilungen (Standard 1e-10)

Exit-Code 2 bei falschem Aufruf oder fehlerhaften Eingabedateien.`;

/** Wrong usage or bad input files: exit code 2. */
export class AnalyzeInputError extends Error {}

interface Options {
  data: string;
  margins?: string;
  rake: string[];
  weight?: string;
  means: string[];
  shares: string[];
  by: string[];
  json: boolean;
  minN: number;
  excludeUnweightable: boolean;
  trim?: { lower: number; upper: number };
  maxIterations: number;
  tolerance: number;
}

const list = (v: string | undefined) =>
  (v ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

function parseOptions(args: string[]): Options {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: {
        data: { type: 'string' },
        margins: { type: 'string' },
        rake: { type: 'string' },
        weight: { type: 'string' },
        means: { type: 'string' },
        shares: { type: 'string' },
        by: { type: 'string' },
        json: { type: 'boolean' },
        'min-n': { type: 'string' },
        'exclude-unweightable': { type: 'boolean' },
        trim: { type: 'string' },
        'max-iterations': { type: 'string' },
        tolerance: { type: 'string' },
      },
    }));
  } catch (e) {
    throw new AnalyzeInputError(e instanceof Error ? e.message.replace(/^TypeError \[[A-Z_]+\]: /, '') : String(e));
  }
  if (!values.data) throw new AnalyzeInputError('--data fehlt.');
  const rakeCols = list(values.rake);
  if (rakeCols.length && !values.margins) throw new AnalyzeInputError('--rake braucht --margins.');
  if (values.margins && !rakeCols.length) throw new AnalyzeInputError('--margins braucht --rake (welche Spalten gewichtet werden).');
  const means = list(values.means);
  const shares = list(values.shares);
  if (!means.length && !shares.length) throw new AnalyzeInputError('Bitte --means und/oder --shares angeben.');
  const minN = values['min-n'] === undefined ? 5 : Number(values['min-n']);
  if (!Number.isInteger(minN) || minN < 3) throw new AnalyzeInputError('--min-n muss eine ganze Zahl ≥ 3 sein.');
  let trim: Options['trim'];
  if (values.trim !== undefined) {
    const [lower, upper] = values.trim.split(',').map(Number);
    if (!(lower! > 0 && lower! < 1 && upper! > 1))
      throw new AnalyzeInputError('--trim erwartet UNTEN,OBEN mit 0 < UNTEN < 1 < OBEN, z. B. 0.3,3.');
    trim = { lower: lower!, upper: upper! };
  }
  const maxIterations = values['max-iterations'] === undefined ? 1000 : Number(values['max-iterations']);
  if (!Number.isInteger(maxIterations) || maxIterations < 1) throw new AnalyzeInputError('--max-iterations muss eine ganze Zahl ≥ 1 sein.');
  const tolerance = values.tolerance === undefined ? 1e-10 : Number(values.tolerance);
  if (!(tolerance > 0 && tolerance < 1)) throw new AnalyzeInputError('--tolerance muss zwischen 0 und 1 liegen.');
  return {
    data: values.data,
    margins: values.margins,
    rake: rakeCols,
    weight: values.weight,
    means,
    shares,
    by: list(values.by),
    json: values.json ?? false,
    minN,
    excludeUnweightable: values['exclude-unweightable'] ?? false,
    trim,
    maxIterations,
    tolerance,
  };
}

function readMargins(file: string): Margins {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    const why = e instanceof SyntaxError ? `kein gültiges JSON (${e.message})` : 'lässt sich nicht lesen';
    throw new AnalyzeInputError(`Randverteilungen ${file}: ${why}.`);
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new AnalyzeInputError(`Randverteilungen ${file}: erwartet { "spalte": { "wert": Bevölkerungszahl, … }, … }.`);
  }
  // Object.fromEntries: keys such as "__proto__" stay plain data.
  const margins: Margins = Object.fromEntries(
    Object.entries(raw as Record<string, unknown>).map(([column, levels]) => {
      if (!levels || typeof levels !== 'object' || Array.isArray(levels)) {
        throw new AnalyzeInputError(`Randverteilungen ${file}, „${column}“: erwartet { "wert": Bevölkerungszahl, … }.`);
      }
      const entries = Object.entries(levels as Record<string, unknown>).map(([level, total]) => {
        if (typeof total !== 'number' || !Number.isFinite(total) || total < 0) {
          throw new AnalyzeInputError(`Randverteilungen ${file}, „${column}“ → „${level}“: Die Bevölkerungszahl muss eine Zahl ≥ 0 sein.`);
        }
        return [level, total] as const;
      });
      return [column, Object.fromEntries(entries)];
    }),
  );
  return margins;
}

/** Expands names and globs (`*`, `?`) against the header, in header order; each must match. */
function expand(patterns: string[], header: string[], flag: string, file: string): string[] {
  const out: string[] = [];
  for (const pattern of patterns) {
    const re = new RegExp(
      '^' +
        pattern
          .replace(/[.+^${}()|[\]\\]/g, '\\$&')
          .replace(/\*/g, '.*')
          .replace(/\?/g, '.') +
        '$',
    );
    const hits = header.filter((h) => re.test(h));
    if (!hits.length) {
      const known = header.length > 12 ? header.slice(0, 12).join(', ') + ', …' : header.join(', ');
      throw new AnalyzeInputError(
        /[*?]/.test(pattern)
          ? `${flag} '${pattern}': Keine Spalte in ${file} passt auf dieses Muster (Spalten: ${known}).`
          : `${flag}: Die Spalte „${pattern}“ gibt es in ${file} nicht (Spalten: ${known}).`,
      );
    }
    for (const h of hits) if (!out.includes(h)) out.push(h);
  }
  return out;
}

interface Plan {
  means: string[];
  shares: string[];
}

function readTable(options: Options): { table: Table; plan: Plan } {
  const plan: Plan = { means: [], shares: [] };
  const builder = new TableBuilder((header) => {
    plan.means = expand(options.means, header, '--means', options.data);
    plan.shares = expand(options.shares, header, '--shares', options.data);
    const columnPlan = new Map<string, Set<ColumnKind>>();
    const want = (name: string, kind: ColumnKind) => {
      const set = columnPlan.get(name) ?? new Set<ColumnKind>();
      set.add(kind);
      columnPlan.set(name, set);
    };
    for (const c of expand(options.rake, header, '--rake', options.data)) want(c, 'categorical');
    for (const c of expand(options.by, header, '--by', options.data)) want(c, 'categorical');
    if (options.weight) for (const c of expand([options.weight], header, '--weight', options.data)) want(c, 'numeric');
    for (const c of plan.shares) want(c, 'categorical');
    for (const c of plan.means) want(c, 'numeric');
    return columnPlan;
  });
  let fd: number;
  try {
    fd = openSync(options.data, 'r');
  } catch {
    throw new AnalyzeInputError(`Die Datei ${options.data} lässt sich nicht öffnen.`);
  }
  try {
    const size = fstatSync(fd).size;
    const reader = new CsvReader(builder);
    const chunk = new Uint8Array(1 << 22);
    let read = 0;
    let sized = false;
    for (;;) {
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      reader.push(chunk.subarray(0, n));
      read += n;
      if (!sized && builder.rowCount > 100) {
        // Size the columns once from the bytes per row so far (they still grow if needed).
        builder.reserve(Math.ceil(((builder.rowCount * size) / read) * 1.02) + 16);
        sized = true;
      }
    }
    reader.end();
  } finally {
    closeSync(fd);
  }
  return { table: builder.finish(), plan };
}

/** Rows to exclude because a raking value is empty or has no margin; or an error naming the first. */
function unweightableRows(table: Table, options: Options, margins: Margins) {
  const exclude = new Uint8Array(table.rows);
  const reasons: Record<string, number> = {};
  for (const name of options.rake) {
    const col = table.categorical.get(name)!;
    const margin = Object.hasOwn(margins, name) ? margins[name] : undefined;
    if (!margin) throw new AnalyzeInputError(`Randverteilungen ${options.margins}: Für die Spalte „${name}“ gibt es keine Randverteilung.`);
    const known = col.levels.map((l) => Object.hasOwn(margin, l));
    let empty = 0;
    for (let i = 0; i < table.rows; i++) {
      const c = col.codes[i]!;
      if (c >= 0 && known[c]) continue;
      if (c < 0) empty++;
      if (!options.excludeUnweightable) {
        const count = c < 0 ? col.codes.reduce((a, x) => a + (x < 0 ? 1 : 0), 0) : col.codes.reduce((a, x) => a + (x === c ? 1 : 0), 0);
        if (c < 0 && count === table.rows) {
          throw new AnalyzeInputError(`Spalte „${name}“ ist in allen Zeilen leer: Ohne sie kann nicht gewichtet werden.`);
        }
        const what =
          c < 0
            ? `ist leer (${count} ${count === 1 ? 'Zeile' : 'Zeilen'} ohne Wert)`
            : `hat den Wert „${col.levels[c]}“ (${count}-mal), für den ${options.margins} keine Bevölkerungszahl enthält`;
        throw new AnalyzeInputError(
          `Zeile ${table.lines[i]}, Spalte „${name}“ ${what}. ` +
            `Mit --exclude-unweightable werden solche Befragten ausgeschlossen und gezählt.`,
        );
      }
      if (!exclude[i]) {
        exclude[i] = 1;
        reasons[name] = (reasons[name] ?? 0) + 1;
      }
    }
    if (empty === table.rows)
      throw new AnalyzeInputError(`Spalte „${name}“ ist in allen Zeilen leer: Ohne sie kann nicht gewichtet werden.`);
  }
  return { exclude, reasons, count: exclude.reduce((a, b) => a + b, 0) };
}

function subset(table: Table, keep: Uint8Array): Table {
  let rows = 0;
  for (const k of keep) rows += k;
  const idx = new Int32Array(rows);
  let j = 0;
  for (let i = 0; i < keep.length; i++) if (keep[i]) idx[j++] = i;
  const numeric = new Map<string, NumericColumn>();
  for (const [name, col] of table.numeric) numeric.set(name, { ...col, values: Float64Array.from(idx, (i) => col.values[i]!) });
  const categorical = new Map<string, CategoricalColumn>();
  for (const [name, col] of table.categorical) categorical.set(name, { ...col, codes: Int32Array.from(idx, (i) => col.codes[i]!) });
  return { header: table.header, rows, numeric, categorical, lines: Int32Array.from(idx, (i) => table.lines[i]!) };
}

interface OutputEstimate {
  variable: string;
  kind: 'mean' | 'share';
  level?: string;
  estimate: number | null;
  se: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  n: number;
}
interface OutputGroupEstimate extends OutputEstimate {
  group: string;
  suppressed: boolean;
  reason?: string;
}
export interface AnalyzeOutput {
  n: number;
  weights: Pick<WeightDiagnostics, 'sum' | 'min' | 'max' | 'deff' | 'effectiveN' | 'iterations' | 'converged'>;
  estimates: OutputEstimate[];
  by: Record<string, OutputGroupEstimate[]>;
  excluded?: { rows: number; byColumn: Record<string, number> };
}

const values = (e: EstimateValue) => ({ estimate: e.estimate, se: e.se, ciLow: e.ciLow, ciHigh: e.ciHigh, n: e.n });

function suppress(e: EstimateValue, minN: number) {
  if (e.n >= minN) return { ...values(e), suppressed: false };
  return { estimate: null, se: null, ciLow: null, ciHigh: null, n: e.n, suppressed: true, reason: `weniger als ${minN} Antworten` };
}

/** Computes the analysis of a file. Throws AnalyzeInputError for everything the user must fix. */
export function analyze(options: Options): AnalyzeOutput {
  const margins = options.margins ? readMargins(options.margins) : null;
  let table: Table;
  let plan: Plan;
  try {
    ({ table, plan } = readTable(options));
  } catch (e) {
    if (e instanceof CsvFormatError || e instanceof CellError) throw new AnalyzeInputError(`${options.data}, ${e.message}`);
    throw e;
  }
  if (table.rows === 0) throw new AnalyzeInputError(`${options.data} enthält keine Antworten (nur die Kopfzeile).`);

  let excluded: AnalyzeOutput['excluded'];
  if (margins) {
    const bad = unweightableRows(table, options, margins);
    if (bad.count > 0) {
      excluded = { rows: bad.count, byColumn: bad.reasons };
      if (bad.count === table.rows) throw new AnalyzeInputError('Nach dem Ausschluss nicht gewichtbarer Befragter bleibt niemand übrig.');
      table = subset(
        table,
        bad.exclude.map((x) => 1 - x),
      );
    }
  }
  let designWeights: Float64Array | undefined;
  if (options.weight) {
    const w = table.numeric.get(options.weight)!;
    for (let i = 0; i < table.rows; i++) {
      const v = w.values[i]!;
      if (!(v > 0 && Number.isFinite(v))) {
        throw new AnalyzeInputError(`Zeile ${table.lines[i]}, Spalte „${options.weight}“: Das Designgewicht muss eine positive Zahl sein.`);
      }
    }
    designWeights = w.values;
  }

  let design: SurveyDesign;
  let diagnostics: AnalyzeOutput['weights'];
  if (margins) {
    let result;
    try {
      result = rake(
        options.rake.map((name) => table.categorical.get(name)!),
        margins,
        designWeights,
        { tolerance: options.tolerance, maxIterations: options.maxIterations, trim: options.trim },
      );
    } catch (e) {
      if (e instanceof WeightingError) {
        const line = e.row !== undefined ? ` (Zeile ${table.lines[e.row]} der Datei)` : '';
        throw new AnalyzeInputError(e.message.replace(/ \(zuerst in Datenzeile \d+\)/, '') + line);
      }
      throw e;
    }
    const d = result.diagnostics;
    if (!d.converged) {
      throw new AnalyzeInputError(
        `Die Gewichtung konvergiert nicht: Nach ${d.iterations} Durchläufen weichen die gewichteten Randverteilungen noch um bis zu ` +
          `${(d.maxDeviation * 100).toPrecision(3)} % von ${options.margins} ab. Die Daten lassen diese Randverteilungen ` +
          `zusammen nicht zu (z. B. fehlen Kombinationen von Werten); fassen Sie Werte zusammen oder erhöhen Sie --max-iterations.`,
      );
    }
    design = calibratedDesign(result.weights, result.calibration);
    diagnostics = {
      sum: d.sum,
      min: d.min,
      max: d.max,
      deff: d.deff,
      effectiveN: d.effectiveN,
      iterations: d.iterations,
      converged: d.converged,
    };
  } else {
    design = uncalibratedDesign(table.rows, designWeights);
    const w = design.weights;
    let sum = 0;
    let sq = 0;
    let min = Infinity;
    let max = -Infinity;
    for (const v of w) {
      sum += v;
      sq += v * v;
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    diagnostics = { sum, min, max, deff: (table.rows * sq) / (sum * sum), effectiveN: (sum * sum) / sq, iterations: 0, converged: true };
  }

  const estimates: OutputEstimate[] = [];
  const by: AnalyzeOutput['by'] = {};
  for (const b of options.by) by[b] = [];
  for (const variable of plan.means) {
    const y = table.numeric.get(variable)!;
    let overall: EstimateValue | null = null;
    for (const b of options.by) {
      const r = weightedMean(design, y, table.categorical.get(b));
      overall ??= r.overall;
      for (const g of r.groups) by[b]!.push({ group: g.group, variable, kind: 'mean', ...suppress(g, options.minN) });
    }
    overall ??= weightedMean(design, y).overall;
    estimates.push({ variable, kind: 'mean', ...values(overall) });
  }
  for (const variable of plan.shares) {
    const x = table.categorical.get(variable)!;
    let overall: ReturnType<typeof weightedShares>['overall'] | null = null;
    for (const b of options.by) {
      const r = weightedShares(design, x, table.categorical.get(b));
      overall ??= r.overall;
      for (const g of r.groups) by[b]!.push({ group: g.group, variable, kind: 'share', level: g.level, ...suppress(g, options.minN) });
    }
    overall ??= weightedShares(design, x).overall;
    for (const l of overall) estimates.push({ variable, kind: 'share', level: l.level, ...values(l) });
  }
  return { n: table.rows, weights: diagnostics, estimates, by, ...(excluded ? { excluded } : {}) };
}

const fmt = (v: number | null, digits = 4) => (v === null ? '–' : v.toFixed(digits));

/** The readable table printed without --json. */
export function formatTable(out: AnalyzeOutput, weighted: boolean): string {
  const lines: string[] = [];
  const w = out.weights;
  lines.push(`Befragte: ${out.n}`);
  if (out.excluded) {
    const parts = Object.entries(out.excluded.byColumn).map(([c, n]) => `${c}: ${n}`);
    lines.push(`Ausgeschlossen (nicht gewichtbar): ${out.excluded.rows} (${parts.join(', ')})`);
  }
  if (weighted) {
    lines.push(
      `Gewichte: Summe ${w.sum.toFixed(1)}, Min ${w.min.toFixed(3)}, Max ${w.max.toFixed(3)}, Designeffekt ${w.deff.toFixed(3)}, ` +
        `effektive Fallzahl ${w.effectiveN.toFixed(1)}, ${w.iterations} Iterationen, ${w.converged ? 'konvergiert' : 'NICHT konvergiert'}`,
    );
  } else lines.push('Ungewichtet (keine Randverteilungen angegeben)');
  const table = (header: string[], rows: string[][]) => {
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
    const right = new Set(['Schätzer', 'SE', 'n']);
    const line = (r: string[]) =>
      r
        .map((c, i) => (right.has(header[i]!) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
        .join('  ')
        .trimEnd();
    return [line(header), widths.map((x) => '─'.repeat(x)).join('  '), ...rows.map(line)].join('\n');
  };
  const row = (e: OutputEstimate) => [
    e.variable,
    e.kind === 'mean' ? 'Mittelwert' : 'Anteil',
    e.level ?? '',
    fmt(e.estimate),
    fmt(e.se),
    e.ciLow === null ? '–' : `[${fmt(e.ciLow)}; ${fmt(e.ciHigh)}]`,
    String(e.n),
  ];
  lines.push('', table(['Variable', 'Art', 'Wert', 'Schätzer', 'SE', '95%-KI', 'n'], out.estimates.map(row)));
  for (const [column, rows] of Object.entries(out.by)) {
    lines.push('', `Nach ${column}:`);
    lines.push(
      table(
        [column, 'Variable', 'Art', 'Wert', 'Schätzer', 'SE', '95%-KI', 'n'],
        rows.map((r) => {
          const cells = [r.group, ...row(r)];
          if (r.suppressed) cells[4] = `unterdrückt (${r.reason})`;
          return cells;
        }),
      ),
    );
  }
  lines.push(
    '',
    'SE: Linearisierung unter Berücksichtigung der Kalibrierung; KI: normal (Mittelwerte), logit (Anteile); – = nicht definiert.',
  );
  return lines.join('\n') + '\n';
}

/** `itas analyze …`: returns the exit code (0 ok, 2 bad usage or input). */
/** Where the command writes (the process's streams, or a test's). */
export interface AnalyzeIo {
  out: { write(text: string): unknown };
  err: { write(text: string): unknown };
}

export async function runAnalyze(args: string[], io: AnalyzeIo = { out: process.stdout, err: process.stderr }): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    io.out.write(ANALYZE_USAGE + '\n');
    return 0;
  }
  try {
    const options = parseOptions(args);
    const out = analyze(options);
    if (out.excluded) io.err.write(`Hinweis: ${out.excluded.rows} nicht gewichtbare Befragte ausgeschlossen.\n`);
    io.out.write(options.json ? JSON.stringify(out) + '\n' : formatTable(out, Boolean(options.margins)));
    return 0;
  } catch (e) {
    if (e instanceof AnalyzeInputError) {
      io.err.write(`Fehler: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}
