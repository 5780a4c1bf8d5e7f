import {
  BREAKDOWNS,
  type Breakdown,
  type GroupEstimate,
  type IndexResult,
  type MarginsBody,
  type QuestionResult,
  type ResultsQuery,
  type WaveMargins,
  type WaveResults,
} from '../../../contracts/results.ts';
import type { Wave } from '../../../contracts/study-admin.ts';
import { nowIso, type AppContext } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { authorize, can, type Actor } from '../../policies.ts';
import type { AuditService } from '../audit/index.ts';
import {
  cronbachAlpha,
  scaleIndex,
  scalesOf,
  uncalibratedDesign,
  waveDifference,
  weightedMean,
  weightedShares,
  type CategoricalColumn,
  type EstimateValue,
  type NumericColumn,
  type SurveyDesign,
} from './analysis/index.ts';
import { Z95 } from './analysis/estimates.ts';
import { mergeSmallCounts, publish, suppressBinary, suppressPartition, type RawEstimate } from './disclosure.ts';
import { previousWaveWithResponses, setResultsPublishedFlag, upsertWaveMarginsRow } from './results.repository.ts';
import { presentWave } from './study-admin.service.ts';
import { findStudyRow, findWaveRow, responseCountsBy } from './study-admin.repository.ts';
import { findWaveByCode } from './study.repository.ts';
import { codesColumn, forgetWaveData, marginsOfWave, waveWeighting, type WaveData, type WeightingResult } from './wave-data.ts';

/**
 * The "Stimmungsbild" of a wave: scale indices, their breakdowns and every closed question's
 * distribution, weighted (raked to the population margins) or not, with linearisation SEs and
 * 95% CIs, and every number through disclosure control (disclosure.ts) before it leaves.
 * Results are computed from the cached columns of wave-data.ts and kept per query until a
 * response arrives or the margins change.
 */

/** Which question answers a breakdown (the automotive breakdown is the household's link to the car industry). */
const BREAKDOWN_QUESTION: Record<Breakdown, string> = {
  district: 'district',
  age_band: 'age_band',
  sex: 'sex',
  automotive: 'auto_link',
};

/** Answer codes that are no group of a breakdown: „weiß nicht“, „keine Angabe“. */
const NO_GROUP_CODES = new Set([98, 99]);

/** German names of the shipped questionnaire's scales; others use the page title of their first item. */
const SCALE_TITLES: Record<string, string> = {
  veraenderungsbereitschaft: 'Veränderungsbereitschaft',
  krisenresilienz: 'Krisenresilienz',
  betroffenheit: 'Betroffenheit vom Wandel',
  information_teilhabe: 'Information und Teilhabe',
  vertrauen: 'Vertrauen in Institutionen',
};

const RESULT_CACHE = 64;
/**
 * Stale-while-revalidate for computed views while answers stream in: a view computed less than
 * REFRESH_MS ago is served as it is; up to STALE_MS it is served while its successor is computed
 * in the background; older, it is computed before answering. So every view is recomputed at most
 * every REFRESH_MS however fast responses arrive (the computation shares the event loop), and a
 * view nobody looked at for a minute is always current.
 */
const REFRESH_MS = 15_000;
const STALE_MS = 60_000;

interface CachedView {
  stamp: string;
  value: WaveResults;
  computedAt: number;
  refreshing: boolean;
}
/** Per view (wave, audience, weighting, filters): the latest result. Least recently used goes first. */
const resultCache = new Map<string, CachedView>();

function remember(key: string, view: CachedView): WaveResults {
  resultCache.delete(key);
  resultCache.set(key, view);
  while (resultCache.size > RESULT_CACHE) resultCache.delete(resultCache.keys().next().value!);
  return view.value;
}

/** The rows an analysis runs on and its design: weighted rows only, or all rows with weight 1. */
interface Frame {
  data: WaveData;
  /** Row indices into the wave's data, or null for all rows in order. */
  rows: Int32Array | null;
  size: number;
  design: SurveyDesign;
  weighted: boolean;
  /** Within the frame: 1 = inside the filter (a domain; the design stays whole for correct SEs). */
  domain: Uint8Array | null;
  /** Columns over the frame's rows, shared by every filter of the frame. */
  columns: Map<string, Float64Array>;
  categorical: Map<string, CategoricalColumn>;
  /** Derived from the domain: belongs to this filter only. */
  derived: Map<string, CategoricalColumn>;
}

/** The weighted and unweighted frame of a weighting result, built once. */
const frames = new WeakMap<WeightingResult, { weighted?: Frame; unweighted?: Frame }>();

function frameOf(data: WaveData, weighting: WeightingResult, weighted: boolean): Frame {
  const slot = frames.get(weighting) ?? {};
  frames.set(weighting, slot);
  const useWeights = weighted && weighting.design !== null;
  const cached = useWeights ? slot.weighted : slot.unweighted;
  if (cached) return cached;
  let frame: Frame;
  const shared = { domain: null, columns: new Map(), categorical: new Map(), derived: new Map() };
  if (useWeights) {
    const rows = new Int32Array(weighting.design!.rows);
    let j = 0;
    for (let i = 0; i < data.rows; i++) if (weighting.included[i]) rows[j++] = i;
    frame = { data, rows, size: rows.length, design: weighting.design!, weighted: true, ...shared };
    slot.weighted = frame;
  } else {
    frame = { data, rows: null, size: data.rows, design: uncalibratedDesign(data.rows), weighted: false, ...shared };
    slot.unweighted = frame;
  }
  return frame;
}

function column(frame: Frame, name: string): Float64Array {
  const full = frame.data.values.get(name);
  if (!full) throw new Error(`Spalte ${name} fehlt.`);
  if (!frame.rows) return full;
  let col = frame.columns.get(name);
  if (!col) {
    const rows = frame.rows;
    col = new Float64Array(rows.length);
    for (let i = 0; i < rows.length; i++) col[i] = full[rows[i]!]!;
    frame.columns.set(name, col);
  }
  return col;
}

/** The categorical form of a question over the whole frame (independent of filters), built once. */
function categoricalOf(frame: Frame, name: string): CategoricalColumn {
  let col = frame.categorical.get(name);
  if (!col) {
    col = codesColumn(name, column(frame, name));
    frame.categorical.set(name, col);
  }
  return col;
}

/** A breakdown's groups within the filter, built once per filter. */
function breakdownColumn(frame: Frame, breakdown: Breakdown): CategoricalColumn {
  const key = `breakdown:${breakdown}`;
  let col = frame.derived.get(key);
  if (!col) {
    col = codesColumn(breakdown, column(frame, BREAKDOWN_QUESTION[breakdown]), { mask: frame.domain, skip: NO_GROUP_CODES });
    frame.derived.set(key, col);
  }
  return col;
}

const DOMAIN: CategoricalColumn['levels'] = ['1'];

/** The filter as a one-level grouping column (rows outside: no group), built once per filter. */
function domainColumn(frame: Frame): CategoricalColumn {
  let col = frame.derived.get('domain');
  if (!col) {
    const domain = frame.domain!;
    const codes = new Int32Array(domain.length);
    for (let i = 0; i < domain.length; i++) codes[i] = domain[i] ? 0 : -1;
    col = { kind: 'categorical', name: 'filter', codes, levels: DOMAIN };
    frame.derived.set('domain', col);
  }
  return col;
}

/** Mean overall (or of the filter's domain) and per group of a breakdown. */
function meanOf(frame: Frame, y: NumericColumn): EstimateValue {
  if (!frame.domain) return weightedMean(frame.design, y).overall;
  const r = weightedMean(frame.design, y, domainColumn(frame));
  return r.groups[0] ?? { estimate: null, se: null, ciLow: null, ciHigh: null, n: 0 };
}

function emptyEstimate(): RawEstimate {
  return { estimate: null, se: null, ciLow: null, ciHigh: null, n: 0 };
}

interface Labels {
  groups: Record<Breakdown, { group: string; label: string }[]>;
  questionLabels: Map<string, Map<number, string>>;
}

function labelsOf(data: WaveData): Labels {
  const questionLabels = new Map(data.questions.map((q) => [q.name, new Map(q.choices.map((c) => [Number(c.value), c.text]))]));
  const groups = Object.fromEntries(
    BREAKDOWNS.map((b) => {
      const q = data.questions.find((x) => x.name === BREAKDOWN_QUESTION[b]);
      const list = (q?.choices ?? [])
        .filter((c) => !NO_GROUP_CODES.has(Number(c.value)))
        .map((c) => ({ group: String(c.value), label: shortLabel(c.text) }));
      return [b, list];
    }),
  ) as Labels['groups'];
  return { groups, questionLabels };
}

/** "Erzgebirgskreis (zum Beispiel Annaberg-Buchholz, …)" → "Erzgebirgskreis": labels for charts. */
function shortLabel(text: string): string {
  return text.replace(/\s*\((zum Beispiel|z\. ?B\.)[^)]*\)\s*$/, '').trim();
}

function groupEstimates(
  frame: Frame,
  y: NumericColumn,
  breakdown: Breakdown,
  labels: Labels,
  overallN: number,
  min: number,
): GroupEstimate[] {
  const groups = labels.groups[breakdown];
  const source = frame.data.values.get(BREAKDOWN_QUESTION[breakdown]);
  if (!source || groups.length === 0) return [];
  const by = breakdownColumn(frame, breakdown);
  const result = overallN > 0 ? weightedMean(frame.design, y, by) : { groups: [] };
  const byGroup = new Map(result.groups.map((g) => [g.group, g]));
  const raws = groups.map((g) => byGroup.get(g.group) ?? emptyEstimate());
  const suppression = suppressPartition(
    raws.map((r) => r.n),
    min,
  );
  return groups.map((g, i) => ({ group: g.group, label: g.label, ...publish(raws[i]!, suppression[i]!, min) }));
}

function indexResults(
  frame: Frame,
  labels: Labels,
  min: number,
  previous: Map<string, { wave: { id: string; name: string }; value: RawEstimate }> | null,
) {
  const scales = scalesOf(frame.data.definition);
  const out: IndexResult[] = [];
  for (const def of scales) {
    if (!def.items.every((item) => frame.data.values.has(item.name))) continue;
    const y = indexColumn(frame, def);
    const raw = meanOf(frame, y);
    const overall = publish(raw, raw.n > 0 && raw.n < min ? 'small' : null, min);
    const items = new Map(
      def.items.map((item) => [
        item.name,
        { kind: 'numeric' as const, name: item.name, values: inDomain(frame, column(frame, item.name)) },
      ]),
    );
    const alphaRaw = cronbachAlpha(def, items);
    const prev = previous?.get(def.scale);
    let change: IndexResult['change'] = null;
    if (prev && !overall.suppressed && prev.value.n >= min) {
      const d = waveDifference(prev.value, raw);
      change = {
        previousWaveId: prev.wave.id,
        previousWaveName: prev.wave.name,
        previous: prev.value.estimate,
        difference: d?.difference ?? null,
        se: d?.se ?? null,
        p: d?.p ?? null,
        significant: d !== null && d.p < 0.05,
      };
    }
    const groups = Object.fromEntries(BREAKDOWNS.map((b) => [b, groupEstimates(frame, y, b, labels, raw.n, min)])) as IndexResult['groups'];
    const firstItem = frame.data.questions.find((q) => q.name === def.items[0]!.name);
    out.push({
      scale: def.scale,
      title: SCALE_TITLES[def.scale] ?? firstItem?.title ?? def.scale,
      min: def.min,
      max: def.max,
      overall,
      alpha: alphaRaw.n >= min && alphaRaw.alpha !== null && Number.isFinite(alphaRaw.alpha) ? alphaRaw.alpha : null,
      change,
      groups,
    });
  }
  return out;
}

function indexColumn(frame: Frame, def: ReturnType<typeof scalesOf>[number]): NumericColumn {
  const key = `index:${def.scale}`;
  let values = frame.columns.get(key);
  if (!values) {
    const items = new Map(
      def.items.map((item) => [item.name, { kind: 'numeric' as const, name: item.name, values: column(frame, item.name) }]),
    );
    // An index needs at least half of its items answered (rounded up).
    values = scaleIndex(def, items, Math.ceil(def.items.length / 2)).values;
    frame.columns.set(key, values);
  }
  return { kind: 'numeric', name: def.scale, values };
}

/** Values outside the filter's domain as missing (for unweighted statistics such as alpha). */
function inDomain(frame: Frame, values: Float64Array): Float64Array {
  const domain = frame.domain;
  if (!domain) return values;
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = domain[i] ? values[i]! : NaN;
  return out;
}

function questionResults(frame: Frame, labels: Labels, min: number): QuestionResult[] {
  const out: QuestionResult[] = [];
  for (const q of frame.data.questions) {
    if (q.type === 'checkbox') {
      const options = q.choices.map((c) => ({
        code: Number(c.value),
        label: c.text,
        name: `${q.name}:${c.value}`,
        values: column(frame, `${q.name}:${c.value}`),
      }));
      if (options.length === 0) continue;
      let answered = 0;
      const first = options[0]!.values;
      const dom = frame.domain;
      for (let i = 0; i < first.length; i++) if (!Number.isNaN(first[i]!) && (!dom || dom[i])) answered++;
      const levels = options.map((o) => {
        const raw = answered > 0 ? shareChosen(frame, o.name) : { ...emptyEstimate(), chosen: 0 };
        const chosen = raw.chosen;
        const suppression = answered > 0 && answered < min ? 'small' : suppressBinary(chosen, answered, min);
        return { code: o.code, label: o.label, ...publish({ ...raw, n: answered }, suppression, min) };
      });
      out.push({ name: q.name, title: q.title, type: q.type, n: answered, levels });
      continue;
    }
    if (!frame.data.values.has(q.name)) continue;
    const x = categoricalOf(frame, q.name);
    const byDomain = frame.domain ? domainColumn(frame) : undefined;
    // Unweighted answers per level within the filter: the cell counts disclosure control protects.
    const perLevel = new Int32Array(x.levels.length);
    let answered = 0;
    const dom = frame.domain;
    const xc = x.codes;
    for (let i = 0; i < xc.length; i++) {
      const c = xc[i]!;
      if (c < 0 || (dom && !dom[i])) continue;
      perLevel[c]!++;
      answered++;
    }
    const counts = new Map<string, number>();
    x.levels.forEach((level, i) => {
      if (perLevel[i]! > 0) counts.set(level, perLevel[i]!);
    });
    const shares = answered > 0 ? weightedShares(frame.design, x, byDomain) : null;
    const estimates = new Map(
      (shares ? (byDomain ? shares.groups.filter((g) => g.group === '1') : shares.overall) : []).map((l) => [l.level, l]),
    );
    const codes = q.choices.length > 0 ? q.choices.map((c) => Number(c.value)) : [...counts.keys()].map(Number).sort((a, b) => a - b);
    for (const k of counts.keys()) if (!codes.includes(Number(k))) codes.push(Number(k));
    const levelCounts = codes.map((c) => counts.get(String(c)) ?? 0);
    const suppression = answered > 0 && answered < min ? codes.map(() => 'small' as const) : suppressPartition(levelCounts, min);
    const questionLabels = labels.questionLabels.get(q.name);
    const levels = codes.map((code, i) => {
      const est = estimates.get(String(code));
      // n of a level: answers of that level (the cell count that disclosure control protects).
      const raw: RawEstimate = est ? { ...est, n: levelCounts[i]! } : { ...emptyEstimate(), estimate: 0, n: 0 };
      const published =
        levelCounts[i] === 0 && answered >= min
          ? { estimate: 0, se: null, ciLow: null, ciHigh: null, n: 0, suppressed: false, reason: null }
          : publish(raw, suppression[i]!, min);
      return { code, label: shortLabel(questionLabels?.get(code) ?? String(code)), ...published };
    });
    out.push({ name: q.name, title: q.title, type: q.type, n: answered, levels });
  }
  return out;
}

/** Share of people choosing a checkbox option among those who answered the question. */
function shareChosen(frame: Frame, name: string): RawEstimate & { chosen: number } {
  const values = column(frame, name);
  const x = categoricalOf(frame, name);
  const byDomain = frame.domain ? domainColumn(frame) : undefined;
  const shares = weightedShares(frame.design, x, byDomain);
  const list = byDomain ? shares.groups.filter((g) => g.group === '1') : shares.overall;
  let chosen = 0;
  for (let i = 0; i < values.length; i++) if (values[i] === 1 && (!frame.domain || frame.domain[i])) chosen++;
  const yes = list.find((l) => l.level === '1');
  if (yes) return { ...yes, chosen };
  const n = list[0]?.n ?? 0;
  return { estimate: n > 0 ? 0 : null, se: null, ciLow: null, ciHigh: null, n, chosen };
}

function parseFilters(query: ResultsQuery, labels: Labels): Partial<Record<Breakdown, number>> {
  const filters: Partial<Record<Breakdown, number>> = {};
  for (const b of BREAKDOWNS) {
    const v = query[b];
    if (v === undefined || v === '') continue;
    if (!labels.groups[b].some((g) => g.group === v)) throw new AppError('results.filter_invalid');
    filters[b] = Number(v);
  }
  return filters;
}

function applyFilters(frame: Frame, filters: Partial<Record<Breakdown, number>>): Frame {
  const entries = Object.entries(filters) as [Breakdown, number][];
  if (entries.length === 0) return frame;
  const domain = new Uint8Array(frame.size).fill(1);
  for (const [b, code] of entries) {
    const values = column(frame, BREAKDOWN_QUESTION[b]);
    for (let i = 0; i < values.length; i++) if (values[i] !== code) domain[i] = 0;
  }
  return { ...frame, domain, derived: new Map() };
}

function weightsSummary(frame: Frame, weighting: WeightingResult): WaveResults['weights'] {
  if (!frame.weighted || !weighting.diagnostics) return null;
  const d = weighting.diagnostics;
  return { sum: d.sum, min: d.min, max: d.max, deff: d.deff, effectiveN: d.effectiveN, iterations: d.iterations, converged: d.converged };
}

async function previousIndices(
  ctx: AppContext,
  wave: { study_id: string; opens_on: string },
  weighted: boolean,
  filters: Partial<Record<Breakdown, number>>,
) {
  const prev = await previousWaveWithResponses(ctx.db, wave.study_id, wave.opens_on);
  if (!prev) return null;
  const { data, weighting } = await waveWeighting(ctx, prev.id);
  const frame = applyFilters(frameOf(data, weighting, weighted), filters);
  const out = new Map<string, { wave: { id: string; name: string }; value: RawEstimate }>();
  for (const def of scalesOf(data.definition)) {
    if (!def.items.every((item) => data.values.has(item.name))) continue;
    out.set(def.scale, { wave: { id: prev.id, name: prev.name }, value: meanOf(frame, indexColumn(frame, def)) });
  }
  return out;
}

/** Half-width of the 95% CI of a 50% share, in percentage points, given n and the design effect. */
function marginOfError(n: number, deff: number): number | null {
  if (n < 2) return null;
  return Z95 * Math.sqrt((0.25 * deff) / n) * 100;
}

type WaveRow = NonNullable<Awaited<ReturnType<typeof findWaveRow>>>;

/** The results of a view: cached per response stamp, served stale for a few seconds while the next ones are computed. */
async function resultsFor(ctx: AppContext, wave: WaveRow, query: ResultsQuery, audience: 'team' | 'public'): Promise<WaveResults> {
  const min = ctx.config.results.minCell;
  const { data, weighting } = await waveWeighting(ctx, wave.id);
  const weightedAsked = query.weighted !== 'false';
  const filters = audience === 'public' ? {} : parseFilters(query, labelsOf(data));
  const key = [
    audience,
    wave.id,
    JSON.stringify(weighting.margins),
    weightedAsked,
    JSON.stringify(filters),
    min,
    wave.results_published,
  ].join('|');
  const now = ctx.clock().getTime();
  const hit = resultCache.get(key);
  if (hit && (hit.stamp === data.stamp || now - hit.computedAt < REFRESH_MS)) return remember(key, hit);
  if (hit && now - hit.computedAt < STALE_MS) {
    if (!hit.refreshing) {
      hit.refreshing = true;
      setImmediate(() => {
        computeResults(ctx, wave, data, weighting, weightedAsked, filters)
          .then((value) => remember(key, { stamp: data.stamp, value, computedAt: ctx.clock().getTime(), refreshing: false }))
          .catch((e: unknown) => {
            hit.refreshing = false;
            ctx.log.error({ err: e, waveId: wave.id }, 'results: background computation failed');
          });
      });
    }
    return remember(key, hit);
  }
  const value = await computeResults(ctx, wave, data, weighting, weightedAsked, filters);
  return remember(key, { stamp: data.stamp, value, computedAt: now, refreshing: false });
}

async function computeResults(
  ctx: AppContext,
  wave: WaveRow,
  data: WaveData,
  weighting: WeightingResult,
  weightedAsked: boolean,
  filters: Partial<Record<Breakdown, number>>,
): Promise<WaveResults> {
  const min = ctx.config.results.minCell;
  const labels = labelsOf(data);
  const base = frameOf(data, weighting, weightedAsked);
  const frame = applyFilters(base, filters);
  const n = frame.domain ? frame.domain.reduce((a, b) => a + b, 0) : frame.size;
  const previous = await previousIndices(ctx, wave, base.weighted, filters);
  const study = await findStudyRow(ctx.db, wave.study_id);
  const byChannel: Record<string, number> = {};
  for (const c of data.channels) byChannel[c] = (byChannel[c] ?? 0) + 1;
  const tooSmall = n < min;
  const weights = weightsSummary(base, weighting);
  const results: WaveResults = {
    waveId: wave.id,
    waveName: wave.name,
    studyTitle: study?.title ?? '',
    opensOn: wave.opens_on,
    closesOn: wave.closes_on,
    weighted: base.weighted,
    n: tooSmall && frame.domain ? null : n,
    sample: { total: data.rows, byChannel },
    filters: Object.fromEntries(Object.entries(filters).map(([k, v]) => [k, String(v)])),
    excluded: base.weighted
      ? mergeSmallCounts(weighting.excluded, min, 'weitere Gründe (einzeln weniger als ' + min + ' Antworten, zusammengefasst)')
      : [],
    weights,
    weightingProblem: weightedAsked ? weighting.problem : null,
    margins: {
      title: weighting.margins.title,
      source: weighting.margins.source,
      licence: weighting.margins.licence,
      custom: weighting.margins.custom,
      variables: weighting.variables,
    },
    minCell: min,
    marginOfError: tooSmall ? null : marginOfError(n, weights?.deff ?? 1),
    indices: tooSmall ? [] : indexResults(frame, labels, min, previous),
    questions: tooSmall ? [] : questionResults(frame, labels, min),
    groupLabels: labels.groups,
    published: wave.results_published === 1,
    generatedAt: nowIso(ctx),
  };
  return results;
}

const MARGIN_VARIABLES = ['district', 'sex', 'age_band'];

function checkMargins(body: MarginsBody, data: WaveData): void {
  const problems: { path: string; message: string }[] = [];
  const variables = Object.keys(body.margins);
  if (variables.length === 0) problems.push({ path: 'margins', message: 'Mindestens eine Gewichtungsvariable ist nötig.' });
  let firstTotal: { variable: string; total: number } | null = null;
  for (const v of variables) {
    if (!MARGIN_VARIABLES.includes(v)) {
      problems.push({ path: `margins.${v}`, message: `„${v}“ ist keine Gewichtungsvariable (erlaubt: ${MARGIN_VARIABLES.join(', ')}).` });
      continue;
    }
    const question = data.questions.find((q) => q.name === v);
    if (!question) {
      problems.push({ path: `margins.${v}`, message: `Der Fragebogen dieser Welle fragt „${v}“ nicht ab.` });
      continue;
    }
    const codes = new Set(question.choices.map((c) => String(c.value)));
    const levels = Object.entries(body.margins[v]!);
    if (levels.length < 2) problems.push({ path: `margins.${v}`, message: `„${v}“ braucht mindestens zwei Werte.` });
    for (const [level] of levels) {
      if (!codes.has(level))
        problems.push({
          path: `margins.${v}.${level}`,
          message: `„${level}“ ist kein Antwortcode der Frage „${v}“ (erlaubt: ${[...codes].join(', ')}).`,
        });
    }
    const total = levels.reduce((a, [, t]) => a + t, 0);
    if (!firstTotal) firstTotal = { variable: v, total };
    else if (Math.abs(total - firstTotal.total) > 1e-9 * Math.max(1, firstTotal.total)) {
      problems.push({
        path: `margins.${v}`,
        message: `Die Summe von „${v}“ (${total}) weicht von der Summe von „${firstTotal.variable}“ (${firstTotal.total}) ab: Alle Variablen müssen dieselbe Bevölkerung beschreiben.`,
      });
    }
  }
  if (problems.length > 0) throw new AppError('margins.invalid', { fields: problems });
}

export function createResultsService(ctx: AppContext, audit: AuditService) {
  async function waveOrThrow(id: string) {
    const wave = await findWaveRow(ctx.db, id);
    if (!wave) throw new AppError('wave.unknown');
    return wave;
  }
  return {
    async waveResults(actor: Actor | null, waveId: string, query: ResultsQuery): Promise<WaveResults> {
      authorize(actor, can.readStudies(actor));
      return resultsFor(ctx, await waveOrThrow(waveId), query, 'team');
    },

    /** The published Stimmungsbild of a wave for everybody: weighted where possible, no filters. */
    async publicResults(code: string): Promise<WaveResults> {
      const wave = await findWaveByCode(ctx.db, code);
      if (!wave || wave.status === 'draft' || wave.results_published !== 1) throw new AppError('results.not_published');
      return resultsFor(ctx, wave, { weighted: 'true' }, 'public');
    },

    async getMargins(actor: Actor | null, waveId: string): Promise<WaveMargins> {
      authorize(actor, can.readStudies(actor));
      await waveOrThrow(waveId);
      const m = await marginsOfWave(ctx, waveId);
      return { title: m.title, source: m.source, licence: m.licence, margins: m.margins, custom: m.custom };
    },

    async setMargins(actor: Actor | null, waveId: string, body: MarginsBody): Promise<WaveMargins> {
      authorize(actor, can.manageStudies(actor));
      const wave = await waveOrThrow(waveId);
      const { data } = await waveWeighting(ctx, wave.id);
      checkMargins(body, data);
      await ctx.db.transaction().execute(async (trx) => {
        await upsertWaveMarginsRow(trx, {
          wave_id: wave.id,
          title: body.title,
          source: body.source,
          licence: body.licence,
          margins: JSON.stringify(body.margins),
          updated_at: nowIso(ctx),
        });
        await audit.record(
          { action: 'wave.margins_set', actorId: actor.userId, targetType: 'wave', targetId: wave.id, details: { title: body.title } },
          trx,
        );
      });
      forgetWaveData(wave.id);
      return { ...body, custom: true };
    },

    async publish(actor: Actor | null, waveId: string, published: boolean): Promise<Wave> {
      authorize(actor, can.manageStudies(actor));
      const wave = await waveOrThrow(waveId);
      if (published && wave.status === 'draft') throw new AppError('results.not_publishable');
      await ctx.db.transaction().execute(async (trx) => {
        await setResultsPublishedFlag(trx, wave.id, published, nowIso(ctx));
        await audit.record(
          {
            action: published ? 'wave.results_published' : 'wave.results_withdrawn',
            actorId: actor.userId,
            targetType: 'wave',
            targetId: wave.id,
            details: { code: wave.code },
          },
          trx,
        );
      });
      const updated = await waveOrThrow(waveId);
      const counts = await responseCountsBy(ctx.db, 'wave_id');
      return presentWave(updated, counts.get(wave.id) ?? 0);
    },
  };
}

export type ResultsService = ReturnType<typeof createResultsService>;
