import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../errors.ts';
import {
  calibratedDesign,
  rake,
  resilienzMargins,
  uncalibratedDesign,
  WeightingError,
  type CategoricalColumn,
  type Margins,
  type PopulationTable,
  type SurveyDesign,
  type WeightDiagnostics,
} from './analysis/index.ts';
import { versionsOfWave } from './export.repository.ts';
import { outline, type Outline } from './questionnaire/outline.ts';
import { findWaveMarginsRow, responseStamp } from './results.repository.ts';
import { findWaveRow } from './study-admin.repository.ts';

/**
 * A wave's stored responses as columns for the statistics engine, and their raking weights.
 * Loaded once per wave and kept in the process while no response arrives (results and exports
 * of the same wave share it); a wave's answers are read again at most every few seconds.
 */

/** Closed question types whose answers are numeric codes. */
const CODED_TYPES = new Set(['radiogroup', 'dropdown', 'rating', 'boolean', 'checkbox']);

/** The official population table shipped with the platform (source and licence in the file). */
const SHIPPED_TABLE = JSON.parse(
  readFileSync(new URL('./analysis/margins/population-2017-kreis-geschlecht-alter.json', import.meta.url), 'utf8'),
) as PopulationTable;

export interface MarginsInUse {
  title: string;
  source: string;
  licence: string;
  margins: Margins;
  /** Set by staff for this wave (otherwise the shipped official table). */
  custom: boolean;
}

export function shippedMargins(): MarginsInUse {
  return {
    title: SHIPPED_TABLE.title,
    source: SHIPPED_TABLE.source,
    licence: SHIPPED_TABLE.licence,
    margins: resilienzMargins(SHIPPED_TABLE),
    custom: false,
  };
}

export interface WaveData {
  waveId: string;
  rows: number;
  ids: string[];
  channels: string[];
  /** The questions of every version the wave used, in questionnaire order, without repeats. */
  questions: Outline['questions'];
  /** The current version's definition (scale metadata). */
  definition: unknown;
  /** One column per coded question (answer code, NaN = not answered); checkbox: `name:code` 0/1. */
  values: Map<string, Float64Array>;
  /** When the data was read or last confirmed current (ms, app clock) and the response stamp it was read at. */
  loadedAt: number;
  stamp: string;
  /** SQLite: rowid of the last row read, so that newer responses are appended instead of reading all again. */
  lastRowid: number | null;
  /** The columns' storage with room to grow; `values` are views of its first `rows` entries. */
  buffers: Map<string, Float64Array>;
}

export interface WeightingResult {
  /** Rows that take part in the weighted analysis (1) and those that cannot be weighted (0). */
  included: Uint8Array;
  /** Weight per row (0 for excluded rows). */
  weights: Float64Array;
  design: SurveyDesign | null;
  diagnostics: WeightDiagnostics | null;
  /** Excluded rows by reason (German), complete counts. */
  excluded: { reason: string; count: number }[];
  /** Why no weighting was possible at all, or null. */
  problem: string | null;
  margins: MarginsInUse;
  variables: string[];
}

const DATA_TTL_MS = 5000;
const CACHE_WAVES = 8;

interface CacheEntry {
  data: WaveData;
  weighting?: Promise<WeightingResult>;
  marginsKey?: string;
}

/** Per-process cache: a handful of waves (least recently used goes first). */
const cache = new Map<string, CacheEntry>();
const loading = new Map<string, Promise<CacheEntry>>();

/** Forget cached data (tests; margins change). */
export function forgetWaveData(waveId?: string): void {
  if (waveId) cache.delete(waveId);
  else cache.clear();
}

interface ResponseRow {
  rowid?: number;
  id: string;
  channel: string;
  answers: string;
}

/** The wave's responses (SQLite: only those after `afterRowid`, in insertion order). */
async function readResponses(ctx: AppContext, waveId: string, afterRowid: number): Promise<ResponseRow[]> {
  const sqlite = ctx.sqlite;
  if (sqlite) {
    // One prepared statement while holding Kysely's connection, like the export's reader.
    return ctx.db
      .connection()
      .execute(async () =>
        sqlite
          .prepare<[string, number], ResponseRow>(
            'SELECT rowid, id, channel, answers FROM response WHERE wave_id = ? AND rowid > ? ORDER BY rowid',
          )
          .all(waveId, afterRowid),
      );
  }
  return ctx.db.selectFrom('response').select(['id', 'channel', 'answers']).where('wave_id', '=', waveId).orderBy('id').execute();
}

async function questionsOf(ctx: AppContext, waveId: string) {
  const wave = await findWaveRow(ctx.db, waveId);
  if (!wave) throw new AppError('wave.unknown');
  const versions = await versionsOfWave(ctx.db, wave.id, wave.version_id);
  const seen = new Set<string>();
  const questions: Outline['questions'] = [];
  for (const v of versions) {
    for (const q of outline(JSON.parse(v.definition)).questions) {
      if (seen.has(q.name)) continue;
      seen.add(q.name);
      questions.push(q);
    }
  }
  const current = versions.find((v) => v.id === wave.version_id) ?? versions[versions.length - 1];
  return { questions, definition: current ? (JSON.parse(current.definition) as unknown) : null };
}

/** Column names and how each is filled from an answer set. */
function columnPlan(questions: Outline['questions']) {
  const singles: string[] = [];
  const multi: { name: string; options: { code: number; column: string }[] }[] = [];
  for (const q of questions) {
    if (!CODED_TYPES.has(q.type)) continue;
    if (q.type === 'checkbox')
      multi.push({ name: q.name, options: q.choices.map((c) => ({ code: Number(c.value), column: `${q.name}:${c.value}` })) });
    else singles.push(q.name);
  }
  return { singles, multi, names: [...singles, ...multi.flatMap((m) => m.options.map((o) => o.column))] };
}

/**
 * Reads the wave's responses into columns. Given the previous data of the same wave (SQLite),
 * only responses stored since are read and appended, when nothing else changed.
 */
async function loadData(ctx: AppContext, waveId: string, stamp: string, count: number, previous?: WaveData): Promise<WaveData> {
  const { questions, definition } = await questionsOf(ctx, waveId);
  const plan = columnPlan(questions);
  const appendable =
    previous !== undefined &&
    previous.lastRowid !== null &&
    ctx.sqlite !== undefined &&
    plan.names.join('\n') === [...previous.values.keys()].join('\n');
  const rows = await readResponses(ctx, waveId, appendable ? previous.lastRowid! : 0);
  if (appendable && previous.rows + rows.length !== count) return loadData(ctx, waveId, stamp, count);
  const start = appendable ? previous.rows : 0;
  const total = start + rows.length;
  const buffers = new Map<string, Float64Array>();
  for (const name of plan.names) {
    const old = appendable ? previous.buffers.get(name)! : undefined;
    if (old && old.length >= total) {
      buffers.set(name, old);
      continue;
    }
    // Room to grow by half again, so that a stream of new responses rarely copies.
    const buffer = new Float64Array(Math.max(16, Math.ceil(total * 1.5))).fill(NaN);
    if (old) buffer.set(old.subarray(0, start));
    buffers.set(name, buffer);
  }
  const ids = appendable ? previous.ids : [];
  const channels = appendable ? previous.channels : [];
  ids.length = start;
  channels.length = start;
  const singles = plan.singles.map((name) => [name, buffers.get(name)!] as const);
  const multi = plan.multi.map((m) => ({ name: m.name, options: m.options.map((o) => [o.code, buffers.get(o.column)!] as const) }));
  for (let k = 0; k < rows.length; k++) {
    const row = rows[k]!;
    const i = start + k;
    ids.push(row.id);
    channels.push(row.channel);
    const a = JSON.parse(row.answers) as Record<string, unknown>;
    for (const [name, col] of singles) {
      const v = a[name];
      col[i] = typeof v === 'number' ? v : typeof v === 'boolean' ? (v ? 1 : 0) : NaN;
    }
    for (const m of multi) {
      const v = a[m.name];
      const list = Array.isArray(v) ? v : null;
      for (const [code, col] of m.options) col[i] = list ? (list.includes(code) ? 1 : 0) : NaN;
    }
  }
  const values = new Map<string, Float64Array>();
  for (const [name, buffer] of buffers) values.set(name, buffer.subarray(0, total));
  const lastRowid = ctx.sqlite ? (rows.length > 0 ? rows[rows.length - 1]!.rowid! : appendable ? previous.lastRowid : 0) : null;
  return {
    waveId,
    rows: total,
    ids,
    channels,
    questions,
    definition,
    values,
    loadedAt: ctx.clock().getTime(),
    stamp,
    lastRowid,
    buffers,
  };
}

async function entryFor(ctx: AppContext, waveId: string, maxAgeMs = DATA_TTL_MS): Promise<CacheEntry> {
  const cached = cache.get(waveId);
  if (cached && ctx.clock().getTime() - cached.data.loadedAt < maxAgeMs) return cached;
  const s = await responseStamp(ctx.db, waveId);
  const stamp = `${s.count}|${s.lastReceivedOn ?? ''}`;
  if (cached && cached.data.stamp === stamp) {
    cached.data.loadedAt = ctx.clock().getTime();
    return cached;
  }
  const key = `${waveId}|${stamp}`;
  let pending = loading.get(key);
  if (!pending) {
    pending = loadData(ctx, waveId, stamp, s.count, cached?.data)
      .then((data) => {
        const entry: CacheEntry = { data };
        cache.delete(waveId);
        cache.set(waveId, entry);
        while (cache.size > CACHE_WAVES) cache.delete(cache.keys().next().value!);
        return entry;
      })
      .finally(() => loading.delete(key));
    loading.set(key, pending);
  }
  return pending;
}

/** The wave's responses as columns (cached; at most a few seconds old). */
export async function waveData(ctx: AppContext, waveId: string): Promise<WaveData> {
  return (await entryFor(ctx, waveId)).data;
}

/** Staff-set margins of the wave, or the shipped table. */
export async function marginsOfWave(ctx: AppContext, waveId: string): Promise<MarginsInUse> {
  const row = await findWaveMarginsRow(ctx.db, waveId);
  if (!row) return shippedMargins();
  return { title: row.title, source: row.source, licence: row.licence, margins: JSON.parse(row.margins) as Margins, custom: true };
}

/** Names of weighting variables in German, for reasons and notes. */
const VARIABLE_NAMES: Record<string, string> = { district: 'Kreis', sex: 'Geschlecht', age_band: 'Altersgruppe' };

export function variableName(name: string): string {
  return VARIABLE_NAMES[name] ?? name;
}

/**
 * Answer codes as a categorical column (levels are the codes as text, in order of appearance).
 * `keep` takes only those rows; `mask` and `skip` leave rows (outside a filter) or codes (such as
 * "keine Angabe") without a level, as missing.
 */
export function codesColumn(
  name: string,
  values: Float64Array,
  options: { keep?: Uint8Array; mask?: Uint8Array | null; skip?: ReadonlySet<number> } = {},
): CategoricalColumn {
  const { keep, mask, skip } = options;
  const levels: string[] = [];
  const index = new Map<number, number>();
  const n = keep ? keep.reduce((a, b) => a + b, 0) : values.length;
  const codes = new Int32Array(n);
  let j = 0;
  for (let i = 0; i < values.length; i++) {
    if (keep && !keep[i]) continue;
    const v = values[i]!;
    if (Number.isNaN(v) || (mask && !mask[i]) || skip?.has(v)) {
      codes[j++] = -1;
      continue;
    }
    let c = index.get(v);
    if (c === undefined) {
      c = levels.length;
      levels.push(String(v));
      index.set(v, c);
    }
    codes[j++] = c;
  }
  return { kind: 'categorical', name, codes, levels };
}

/**
 * Rakes the wave's responses to its margins. Respondents whose value of a weighting variable is
 * missing or has no population total (outside the five districts, "divers" or "keine Angabe",
 * which the official table does not show) are excluded from weighted results and counted by
 * reason, never dropped silently.
 */
export function weightData(data: WaveData, margins: MarginsInUse): WeightingResult {
  const variables = Object.keys(margins.margins);
  const included = new Uint8Array(data.rows);
  const weights = new Float64Array(data.rows);
  let excluded: WeightingResult['excluded'] = [];
  /** No weighting possible: the results are unweighted, and `problem` says why. */
  const unweighted = (problem: string | null, diagnostics: WeightDiagnostics | null = null): WeightingResult => ({
    margins,
    variables,
    included,
    weights,
    design: null,
    diagnostics,
    excluded,
    problem,
  });
  const missingVariable = variables.find((v) => !data.values.has(v));
  if (variables.length === 0 || missingVariable) {
    return unweighted(`Der Fragebogen enthält die Gewichtungsvariable „${missingVariable ?? '–'}“ nicht: Die Ergebnisse sind ungewichtet.`);
  }
  const labels = new Map(data.questions.map((q) => [q.name, new Map(q.choices.map((c) => [String(c.value), c.text]))]));
  const reasons = new Map<string, number>();
  included.fill(1);
  for (const v of variables) {
    const col = data.values.get(v)!;
    const margin = margins.margins[v]!;
    for (let i = 0; i < data.rows; i++) {
      if (!included[i]) continue;
      const x = col[i]!;
      if (!Number.isNaN(x) && Object.hasOwn(margin, String(x)) && margin[String(x)]! > 0) continue;
      included[i] = 0;
      const reason = Number.isNaN(x)
        ? `${variableName(v)} nicht beantwortet`
        : `${variableName(v)} „${labels.get(v)?.get(String(x)) ?? x}“ (in den Randverteilungen nicht enthalten)`;
      reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
    }
  }
  excluded = [...reasons].map(([reason, count]) => ({ reason, count })).sort((a, b) => b.count - a.count);
  if (included.every((x) => x === 0)) {
    return unweighted(data.rows === 0 ? null : 'Niemand lässt sich gewichten: Allen Antworten fehlt ein Gewichtungsmerkmal.');
  }
  let result;
  try {
    result = rake(
      variables.map((v) => codesColumn(v, data.values.get(v)!, { keep: included })),
      margins.margins,
      undefined,
      { tolerance: 1e-8, maxIterations: 1000 },
    );
  } catch (e) {
    if (!(e instanceof WeightingError)) throw e;
    return unweighted(`Gewichtung nicht möglich: ${e.message} Die Ergebnisse sind ungewichtet.`);
  }
  const d = result.diagnostics;
  if (!d.converged) {
    return unweighted(
      `Die Gewichtung konvergiert nicht (nach ${d.iterations} Durchläufen noch ` +
        `${(d.maxDeviation * 100).toPrecision(2)} % Abweichung): Die Ergebnisse sind ungewichtet.`,
      d,
    );
  }
  let j = 0;
  for (let i = 0; i < data.rows; i++) if (included[i]) weights[i] = result.weights[j++]!;
  return { ...unweighted(null, d), design: calibratedDesign(result.weights, result.calibration) };
}

/** Weighting of the wave's cached data (recomputed when responses or margins change). */
export async function waveWeighting(
  ctx: AppContext,
  waveId: string,
  maxAgeMs = DATA_TTL_MS,
): Promise<{ data: WaveData; weighting: WeightingResult }> {
  const entry = await entryFor(ctx, waveId, maxAgeMs);
  const margins = await marginsOfWave(ctx, waveId);
  const key = JSON.stringify(margins);
  if (!entry.weighting || entry.marginsKey !== key) {
    entry.marginsKey = key;
    entry.weighting = Promise.resolve().then(() => weightData(entry.data, margins));
  }
  return { data: entry.data, weighting: await entry.weighting };
}

/** An unweighted design over the given rows (weights 1). */
export function unweightedDesign(rows: number): SurveyDesign {
  return uncalibratedDesign(rows);
}

/**
 * Raking weights for exports, at constant memory whatever the size of the wave. With equal design
 * weights a respondent's raking weight depends only on their cell (the combination of their
 * weighting variables), so the wave is raked once over its cells, each carrying its count as
 * design weight (iterative proportional fitting gives the same factors as over single rows); the
 * exporter then looks a row's weight up from its answers.
 */
export async function waveCellWeights(
  ctx: AppContext,
  waveId: string,
): Promise<{ weightFor(answers: Record<string, unknown>): number | null; method: string }> {
  const margins = await marginsOfWave(ctx, waveId);
  const { questions } = await questionsOf(ctx, waveId);
  const variables = Object.keys(margins.margins);
  const none = (method: string) => ({ weightFor: () => null, method });
  const missing = variables.find((v) => !questions.some((q) => q.name === v));
  if (variables.length === 0 || missing) {
    return none(`Nicht gewichtet: Der Fragebogen enthält die Gewichtungsvariable „${missing ?? '–'}“ nicht.`);
  }
  const cells = await cellCounts(ctx, waveId, variables);
  const usable = cells.filter((c) =>
    c.values.every((v, k) => typeof v === 'number' && (margins.margins[variables[k]!]![String(v)] ?? 0) > 0),
  );
  const key = (values: readonly unknown[]) => values.map((v) => String(v)).join('|');
  const factors = new Map<string, number>();
  if (usable.length > 0) {
    try {
      const result = rake(
        variables.map((v, k) =>
          codesColumn(
            v,
            Float64Array.from(usable, (c) => c.values[k] as number),
          ),
        ),
        margins.margins,
        Float64Array.from(usable, (c) => c.count),
        { tolerance: 1e-8, maxIterations: 1000 },
      );
      if (!result.diagnostics.converged) return none('Nicht gewichtet: Die Gewichtung konvergiert mit diesen Randverteilungen nicht.');
      usable.forEach((c, i) => factors.set(key(c.values), result.weights[i]! / c.count));
    } catch (e) {
      if (!(e instanceof WeightingError)) throw e;
      return none(`Nicht gewichtet: ${e.message}`);
    }
  }
  const method =
    `Raking (iterative proportionale Anpassung) auf ${variables.map(variableName).join(', ')} nach „${margins.title}“ ` +
    `(${margins.source}); Summe der Gewichte = Bevölkerung. Leer: nicht gewichtbar (Wohnort außerhalb, ` +
    `Geschlecht divers oder ohne Angabe, fehlende Angabe) oder nach Beginn des Exports eingegangen.`;
  return { weightFor: (answers) => factors.get(key(variables.map((v) => answers[v]))) ?? null, method };
}

/** Respondents per combination of the weighting variables' answers (one grouped query). */
async function cellCounts(ctx: AppContext, waveId: string, variables: string[]): Promise<{ values: unknown[]; count: number }[]> {
  const extract = (k: number) =>
    ctx.dialect === 'postgres' ? sql`(answers::jsonb -> ${variables[k]!})` : sql`json_extract(answers, ${'$."' + variables[k]! + '"'})`;
  const columns = variables.map((_, k) => sql`${extract(k)} as ${sql.ref(`v${k}`)}`);
  const groups = variables.map((_, k) => sql.ref(`v${k}`));
  // SQLite: one sequential pass over the table (as the export's pages do); through the
  // (wave_id, id) index every row would be a random lookup in UUID order.
  const source = ctx.dialect === 'postgres' ? sql`response` : sql`response not indexed`;
  const result = await sql<Record<string, unknown>>`
    select ${sql.join(columns)}, count(*) as n from ${source} where wave_id = ${waveId} group by ${sql.join(groups)}`.execute(ctx.db);
  return result.rows.map((r) => ({
    // SQLite extracts the SQL value, PostgreSQL's driver parses the jsonb value: a number either way.
    values: variables.map((_, k) => r[`v${k}`]),
    count: Number(r.n),
  }));
}
