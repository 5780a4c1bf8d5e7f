import type { ImportCell } from './import-table.ts';

/**
 * The questionnaire's variables as the import sees them, read from the SurveyJS JSON, and the
 * conversion of one cell for the preview. The server converts again with the same rules and
 * checks every answer; this copy only lets staff see before uploading what will arrive.
 */
export type ImportKind = 'single' | 'multi' | 'boolean' | 'text';

export interface ImportVariable {
  /** "frage", or "matrix.zeile" for one row of a matrix. */
  name: string;
  title: string;
  type: string;
  kind: ImportKind;
  /** Code as text → value. */
  codes: Map<string, number | string>;
  /** Label (German or English, trimmed, lower case) → value. */
  labels: Map<string, number | string>;
  /** Value → label in the page's language, for the preview. */
  display: Map<number | string, string>;
}

export type Converted =
  | { kind: 'empty' }
  | { kind: 'value'; value: number | string | boolean | (number | string)[] }
  | { kind: 'error'; error: 'notAChoice' | 'notYesNo'; raw: string };

type Json = Record<string, unknown>;

const TRUE_WORDS = ['1', 'ja', 'yes', 'true', 'wahr'];
const FALSE_WORDS = ['0', 'nein', 'no', 'false', 'falsch'];

/** The German and English texts of a localisable SurveyJS string ({default, de, en} or plain). */
function texts(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (value && typeof value === 'object') {
    const o = value as Json;
    return [o.default, o.de, o.en].filter((v): v is string => typeof v === 'string');
  }
  return [];
}

function textIn(value: unknown, language: string): string {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object') {
    const o = value as Json;
    const v = (language === 'en' ? o.en : undefined) ?? o.default ?? o.de;
    return typeof v === 'string' ? v : '';
  }
  return '';
}

/** "3", "3.0", "+3" and 3 are the same code; other text is compared trimmed and in lower case. */
export function codeKey(raw: string | number): string {
  const s = String(raw).trim();
  return /^[+-]?\d+(\.0+)?$/.test(s) ? String(Number(s)) : s.toLowerCase();
}

const normalise = (s: string) => s.trim().toLowerCase();

interface Item {
  value: number | string;
  text: unknown;
}

function itemsOf(list: unknown): Item[] {
  if (!Array.isArray(list)) return [];
  return list.map((c: unknown) =>
    c && typeof c === 'object'
      ? { value: (c as Json).value as number | string, text: (c as Json).text }
      : { value: c as number | string, text: undefined },
  );
}

function ratingItems(q: Json): Item[] {
  const explicit = itemsOf(q.rateValues);
  if (explicit.length > 0) return explicit;
  const min = typeof q.rateMin === 'number' ? q.rateMin : 1;
  const step = typeof q.rateStep === 'number' && q.rateStep > 0 ? q.rateStep : 1;
  const max = typeof q.rateMax === 'number' ? q.rateMax : min + ((typeof q.rateCount === 'number' ? q.rateCount : 5) - 1) * step;
  const items: Item[] = [];
  for (let v = min; v <= max; v += step) items.push({ value: v, text: undefined });
  return items;
}

function variable(name: string, title: string, type: string, kind: ImportKind, items: Item[], language: string): ImportVariable {
  const v: ImportVariable = { name, title, type, kind, codes: new Map(), labels: new Map(), display: new Map() };
  for (const item of items) {
    v.codes.set(codeKey(item.value), item.value);
    for (const label of texts(item.text)) if (label.trim() && !v.labels.has(normalise(label))) v.labels.set(normalise(label), item.value);
    v.display.set(item.value, textIn(item.text, language) || String(item.value));
  }
  return v;
}

/** The importable variables of a questionnaire, in its order, titled in the page's language. */
export function importVariables(definition: unknown, language: string): ImportVariable[] {
  const result: ImportVariable[] = [];
  const visit = (elements: unknown) => {
    if (!Array.isArray(elements)) return;
    for (const el of elements as Json[]) {
      if (!el || typeof el !== 'object') continue;
      if (el.type === 'panel') {
        visit(el.elements);
        continue;
      }
      const name = typeof el.valueName === 'string' ? el.valueName : el.name;
      if (typeof name !== 'string' || typeof el.type !== 'string') continue;
      const title = textIn(el.title, language) || name;
      switch (el.type) {
        case 'radiogroup':
        case 'dropdown':
          result.push(variable(name, title, el.type, 'single', itemsOf(el.choices), language));
          break;
        case 'rating':
          result.push(variable(name, title, el.type, 'single', ratingItems(el), language));
          break;
        case 'checkbox':
          result.push(variable(name, title, el.type, 'multi', itemsOf(el.choices), language));
          break;
        case 'boolean': {
          const v = variable(name, title, el.type, 'boolean', [], language);
          for (const word of [...TRUE_WORDS, ...texts(el.labelTrue).map(normalise)]) v.labels.set(word, 'true');
          for (const word of [...FALSE_WORDS, ...texts(el.labelFalse).map(normalise)]) v.labels.set(word, 'false');
          result.push(v);
          break;
        }
        case 'text':
        case 'comment':
          result.push(variable(name, title, el.type, 'text', [], language));
          break;
        case 'matrix':
          for (const row of itemsOf(el.rows)) {
            const rowTitle = textIn(row.text, language) || String(row.value);
            result.push(
              variable(`${name}.${String(row.value)}`, `${title} – ${rowTitle}`, el.type, 'single', itemsOf(el.columns), language),
            );
          }
          break;
      }
    }
  };
  const pages = (definition as Json | null)?.pages;
  if (Array.isArray(pages)) for (const page of pages as Json[]) visit(page?.elements);
  return result;
}

function lookUp(v: ImportVariable, raw: string): number | string | undefined {
  return v.codes.get(codeKey(raw)) ?? v.labels.get(normalise(raw));
}

/** One cell → one answer, by the same rules as the server: empty is unanswered, labels become codes. */
export function convertCell(v: ImportVariable, cell: ImportCell | undefined): Converted {
  if (cell === null || cell === undefined) return { kind: 'empty' };
  const raw = String(cell);
  if (raw.trim() === '') return { kind: 'empty' };
  switch (v.kind) {
    case 'text':
      return { kind: 'value', value: raw };
    case 'single': {
      const value = lookUp(v, raw);
      return value === undefined ? { kind: 'error', error: 'notAChoice', raw } : { kind: 'value', value };
    }
    case 'multi': {
      const whole = lookUp(v, raw);
      if (whole !== undefined) return { kind: 'value', value: [whole] };
      const values: (number | string)[] = [];
      for (const part of raw.split(raw.includes(';') ? ';' : ',').map((p) => p.trim())) {
        if (part === '') continue;
        const value = lookUp(v, part);
        if (value === undefined) return { kind: 'error', error: 'notAChoice', raw: part };
        values.push(value);
      }
      return { kind: 'value', value: values };
    }
    case 'boolean': {
      const word = v.labels.get(normalise(raw));
      return word === undefined ? { kind: 'error', error: 'notYesNo', raw } : { kind: 'value', value: word === 'true' };
    }
  }
}

/** The column names that match a variable name (ignoring case and surrounding spaces) map to it. */
export function autoMapping(headers: readonly string[], variables: readonly ImportVariable[]): Record<string, string> {
  const byName = new Map(variables.map((v) => [v.name.toLowerCase(), v.name]));
  const mapping: Record<string, string> = {};
  const used = new Set<string>();
  for (const header of headers) {
    const name = byName.get(header.trim().toLowerCase());
    if (name && !used.has(name)) {
      mapping[header] = name;
      used.add(name);
    }
  }
  return mapping;
}
