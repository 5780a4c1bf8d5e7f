import { NON_SUBSTANTIVE_CODES, scalesOf } from './analysis/index.ts';
import type { Outline } from './questionnaire/outline.ts';

/**
 * The variables of a raw-data export with everything a codebook, SPSS or Excel needs: type,
 * German question text, value labels, missing codes, measurement level and scale membership.
 * Pure: built from the questionnaire definitions of the wave, no I/O.
 */

export type Cell = string | number | null;

/** `code`: numeric answer codes with labels; `number`: plain numbers; `text`: strings. */
export type VariableKind = 'code' | 'number' | 'text';
export type Measure = 'nominal' | 'ordinal' | 'scale';

export interface ExportVariable {
  /** Column header and variable name (as in the CSV). */
  name: string;
  /** Question the variable comes from (empty for the fixed columns). */
  question: string;
  /** German question text (for checkbox options and matrix rows: question – option). */
  label: string;
  /** SurveyJS question type, or `meta` / `weight`. */
  type: string;
  kind: VariableKind;
  measure: Measure;
  labels: { value: number; text: string }[];
  /** User-missing codes among the labels (98 „weiß nicht“, 99 „keine Angabe“). */
  missing: number[];
  scale?: { name: string; reverse: boolean };
  value: (answers: Record<string, unknown>) => Cell;
}

/** Name of the weight column in every export. */
export const WEIGHT_COLUMN = 'gewicht';

/** Open answers in the SPSS file are cut to this many bytes (on a UTF-8 character boundary). */
export const SAV_TEXT_BYTES = 255;

const scalar = (v: unknown): Cell => (typeof v === 'number' || typeof v === 'string' ? v : typeof v === 'boolean' ? (v ? 1 : 0) : null);

const CODED_TYPES = new Set(['radiogroup', 'dropdown', 'rating', 'boolean', 'imagepicker']);

/** Missing codes among a variable's labels. */
function missingOf(labels: { value: number }[]): number[] {
  return NON_SUBSTANTIVE_CODES.filter((code) => labels.some((l) => l.value === code));
}

const numericLabels = (choices: Outline['questions'][number]['choices']) =>
  choices.every((c) => typeof c.value === 'number' || (typeof c.value === 'string' && /^-?\d+(\.\d+)?$/.test(c.value)))
    ? choices.map((c) => ({ value: Number(c.value), text: c.text }))
    : null;

/** `scale` and `reverse` of Likert items, from every definition the wave used. */
function scaleItems(definitions: unknown[]): Map<string, { name: string; reverse: boolean }> {
  const items = new Map<string, { name: string; reverse: boolean }>();
  for (const d of definitions) {
    let scales: ReturnType<typeof scalesOf> = [];
    try {
      scales = scalesOf(d);
    } catch {
      // An inconsistent scale (checked when the questionnaire is saved) only loses the codebook note.
    }
    for (const s of scales) for (const i of s.items) if (!items.has(i.name)) items.set(i.name, { name: s.scale, reverse: i.reverse });
  }
  return items;
}

/**
 * One variable per column, in questionnaire order across every version the wave used; a
 * checkbox question becomes one 0/1 variable per option, a matrix one per row.
 */
export function exportVariables(questions: Outline['questions'], definitions: unknown[] = []): ExportVariable[] {
  const scales = scaleItems(definitions);
  const variables: ExportVariable[] = [];
  const seen = new Set<string>();
  for (const q of questions) {
    if (seen.has(q.name)) continue;
    seen.add(q.name);
    const scale = scales.get(q.name);
    const base = { question: q.name, type: q.type, ...(scale ? { scale } : {}) };
    if (q.type === 'checkbox') {
      const labels = [
        { value: 0, text: 'nicht gewählt' },
        { value: 1, text: 'gewählt' },
      ];
      for (const c of q.choices)
        variables.push({
          ...base,
          name: `${q.name}_${c.value}`,
          label: `${q.title} – ${c.text}`,
          kind: 'code',
          measure: 'nominal',
          labels,
          missing: [],
          value: (a) => (Array.isArray(a[q.name]) ? ((a[q.name] as unknown[]).includes(c.value) ? 1 : 0) : null),
        });
    } else if (q.type === 'matrix') {
      for (const r of q.rows)
        variables.push({
          ...base,
          name: `${q.name}_${r.value}`,
          label: `${q.title} – ${r.text}`,
          kind: 'text',
          measure: 'nominal',
          labels: [],
          missing: [],
          value: (a) => scalar((a[q.name] as Record<string, unknown> | undefined)?.[String(r.value)]),
        });
    } else if (CODED_TYPES.has(q.type)) {
      const labels =
        q.type === 'boolean'
          ? [
              { value: 0, text: 'nein' },
              { value: 1, text: 'ja' },
            ]
          : numericLabels(q.choices);
      if (labels === null) {
        variables.push({
          ...base,
          name: q.name,
          label: q.title,
          kind: 'text',
          measure: 'nominal',
          labels: [],
          missing: [],
          value: (a) => scalar(a[q.name]),
        });
        continue;
      }
      const rating = q.type === 'rating';
      variables.push({
        ...base,
        name: q.name,
        label: q.title,
        kind: labels.length > 0 ? 'code' : 'number',
        measure: scale || rating ? 'ordinal' : 'nominal',
        labels,
        missing: missingOf(labels),
        value: (a) => {
          const v = scalar(a[q.name]);
          return typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : v;
        },
      });
    } else {
      variables.push({
        ...base,
        name: q.name,
        label: q.title,
        kind: 'text',
        measure: 'nominal',
        labels: [],
        missing: [],
        value: (a) => scalar(a[q.name]),
      });
    }
  }
  return variables;
}

/** The row's fixed fields before the answers. */
export interface ExportRowMeta {
  id: string;
  channel: string;
  received_on: string;
  collected_on: string | null;
}

export const META_VARIABLES: { name: keyof ExportRowMeta; header: string; label: string }[] = [
  { name: 'id', header: 'response_id', label: 'Kennung der Antwort' },
  { name: 'channel', header: 'channel', label: 'Erhebungskanal (online, interviewer, kiosk, import, live)' },
  { name: 'received_on', header: 'received_on', label: 'Eingangsdatum (JJJJ-MM-TT)' },
  { name: 'collected_on', header: 'collected_on', label: 'Erhebungsdatum bei Papier/Interview (JJJJ-MM-TT)' },
];

export const WEIGHT_LABEL = 'Gewicht (Raking auf die Randverteilungen der Welle; leer = nicht gewichtbar)';

/** Cuts a string to at most `bytes` UTF-8 bytes without splitting a character. */
export function truncateUtf8(text: string, bytes: number): string {
  const buf = Buffer.from(text, 'utf8');
  if (buf.length <= bytes) return text;
  let end = bytes;
  // Step back over continuation bytes (10xxxxxx) to the start of the cut character.
  while (end > 0 && (buf[end]! & 0xc0) === 0x80) end--;
  return buf.subarray(0, end).toString('utf8');
}

const RESERVED = new Set(['ALL', 'AND', 'BY', 'EQ', 'GE', 'GT', 'LE', 'LT', 'NE', 'NOT', 'OR', 'TO', 'WITH']);

/**
 * Valid, unique SPSS variable names for the given headers (letters, digits, `_ . @ # $`; start
 * with a letter; 2 to 64 characters; not a reserved word; unique ignoring case).
 */
export function spssNames(headers: string[]): string[] {
  const used = new Set<string>();
  return headers.map((h) => {
    let name = h
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/ß/g, 'ss')
      .replace(/[^A-Za-z0-9_.@#$]/g, '_');
    if (!/^[A-Za-z]/.test(name)) name = `v_${name}`;
    name = name.replace(/\.+$/, '');
    if (name.length < 2 || RESERVED.has(name.toUpperCase())) name = `${name}_v`;
    name = name.slice(0, 60);
    let unique = name;
    for (let i = 2; used.has(unique.toUpperCase()); i++) unique = `${name}_${i}`;
    used.add(unique.toUpperCase());
    return unique;
  });
}

/** One response ready for a writer: fixed fields, parsed answers, raking weight. */
export interface ExportRecord {
  meta: ExportRowMeta;
  answers: Record<string, unknown>;
  weight: number | null;
}
