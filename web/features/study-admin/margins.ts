import { MarginsBodySchema, type MarginsBody } from '../../../contracts/results.ts';
import { parseMarginsCsv } from '../results/results-format.ts';
import { codeKey, importVariables } from './import-convert.ts';

/**
 * Pure helpers of the margins section: the population table as rows with shares, the answer
 * labels of the weighting questions, and reading an uploaded margins file (CSV or JSON). The
 * server checks the margins again against the questionnaire; this only lets staff see first.
 */

/** The variables the server rakes on, in the order the table lists them. */
export const MARGIN_VARIABLES = ['district', 'sex', 'age_band'] as const;

type Margins = MarginsBody['margins'];

export interface MarginRow {
  variable: string;
  level: string;
  /** The answer's text in the questionnaire, or null when the questionnaire has no such code. */
  label: string | null;
  total: number;
  /** Share of the variable's population (0..1). */
  share: number;
  /** First row of its variable (for grouping the table). */
  first: boolean;
}

/** Variable → level code (as text) → answer label. */
export type MarginLabels = Map<string, Map<string, string>>;

/** The answer labels of the weighting questions of a questionnaire, in the page's language. */
export function marginLabels(definition: unknown, language: string): MarginLabels {
  const labels: MarginLabels = new Map();
  for (const v of importVariables(definition, language)) {
    if (!(MARGIN_VARIABLES as readonly string[]).includes(v.name) || labels.has(v.name)) continue;
    labels.set(v.name, new Map([...v.display].map(([value, label]) => [codeKey(value), label])));
  }
  return labels;
}

function variableOrder(name: string): number {
  const i = (MARGIN_VARIABLES as readonly string[]).indexOf(name);
  return i < 0 ? MARGIN_VARIABLES.length : i;
}

/** One row per variable and level, known variables first, with each level's share of its variable. */
export function marginRows(margins: Margins, labels: MarginLabels = new Map()): MarginRow[] {
  const variables = Object.keys(margins).sort((a, b) => variableOrder(a) - variableOrder(b));
  return variables.flatMap((variable) => {
    const levels = Object.entries(margins[variable] ?? {});
    const sum = levels.reduce((a, [, total]) => a + total, 0);
    return levels.map(([level, total], index) => ({
      variable,
      level,
      label: labels.get(variable)?.get(codeKey(level)) ?? null,
      total,
      share: sum > 0 ? total / sum : 0,
      first: index === 0,
    }));
  });
}

/** Population per variable; all variables must describe the same population. */
export function marginTotals(margins: Margins): { variable: string; total: number }[] {
  return Object.entries(margins).map(([variable, levels]) => ({
    variable,
    total: Object.values(levels).reduce((a, b) => a + b, 0),
  }));
}

/** True when the variables' totals differ (the server refuses such margins). */
export function totalsDiffer(margins: Margins): boolean {
  const totals = marginTotals(margins).map((t) => t.total);
  const first = totals[0];
  return first !== undefined && totals.some((t) => Math.abs(t - first) > 1e-9 * Math.max(1, first));
}

export interface MarginsFileProblem {
  /** 1-based line of a CSV file; 0 for the file as a whole. */
  line: number;
  message: string;
}

export type MarginsFile =
  | { ok: true; margins: Margins; meta: Partial<Pick<MarginsBody, 'title' | 'source' | 'licence'>> }
  | { ok: false; problems: MarginsFileProblem[] };

const MarginsOnlySchema = MarginsBodySchema.shape.margins;

function readJson(text: string): MarginsFile {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, problems: [{ line: 0, message: 'Die Datei ist kein gültiges JSON.' }] };
  }
  if (!value || typeof value !== 'object' || Array.isArray(value) || !('margins' in value)) {
    return { ok: false, problems: [{ line: 0, message: 'Das JSON braucht ein Feld „margins“: { Variable: { Code: Summe } }.' }] };
  }
  const record = value as Record<string, unknown>;
  const parsed = MarginsOnlySchema.safeParse(record.margins);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => ({
      line: 0,
      message: `margins.${issue.path.map(String).join('.')}: ${
        issue.code === 'too_small' ? 'Summe muss eine positive Zahl sein.' : 'Erwartet wird { Variable: { Code: Summe } }.'
      }`,
    }));
    return { ok: false, problems };
  }
  if (Object.keys(parsed.data).length === 0) {
    return { ok: false, problems: [{ line: 0, message: 'Die Datei enthält keine Randverteilungen.' }] };
  }
  const meta: Partial<Pick<MarginsBody, 'title' | 'source' | 'licence'>> = {};
  for (const key of ['title', 'source', 'licence'] as const) {
    const v = record[key];
    if (typeof v === 'string' && v.trim()) meta[key] = v.trim();
  }
  return { ok: true, margins: parsed.data, meta };
}

/** Reads an uploaded margins file: JSON in the shape of the API body, otherwise CSV variable;level;total. */
export function readMarginsFile(fileName: string, text: string): MarginsFile {
  const body = text.replace(/^\uFEFF/, '');
  if (/\.json$/i.test(fileName) || body.trimStart().startsWith('{')) return readJson(body);
  const csv = parseMarginsCsv(body);
  if (csv.ok) return { ok: true, margins: csv.margins, meta: {} };
  return { ok: false, problems: csv.errors.map((e) => ({ line: e.line, message: e.message })) };
}
