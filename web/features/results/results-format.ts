import type { Estimate, MarginsBody } from '../../../contracts/results.ts';
import { csvField } from '../study-admin/import-report.ts';
import type { Language } from '../../i18n.ts';

/**
 * Pure helpers of the results pages: how an estimate, its confidence interval and a suppressed
 * cell read on screen, the numbers behind a chart as a CSV file for Excel, and the margins CSV
 * that staff upload (columns variable;level;total).
 */

/** What a suppressed or undefined number shows: a dash, with the reason given separately. */
export const SUPPRESSED = '–';

function numberFormat(language: Language, digits: number): Intl.NumberFormat {
  return new Intl.NumberFormat(language === 'en' ? 'en-GB' : 'de-DE', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** A value with fixed decimals ("3,42" in German), or the dash for null. */
export function formatValue(value: number | null, language: Language, digits = 2): string {
  return value === null || !Number.isFinite(value) ? SUPPRESSED : numberFormat(language, digits).format(value);
}

/** A share (0..1) as a percentage ("42,5 %" in German, "42.5%" in English), or the dash. */
export function formatShare(value: number | null, language: Language, digits = 1): string {
  if (value === null || !Number.isFinite(value)) return SUPPRESSED;
  const text = numberFormat(language, digits).format(value * 100);
  return language === 'en' ? `${text}%` : `${text} %`;
}

/** "3,42 [3,30–3,54]": the estimate with its 95 % confidence interval; the dash when suppressed. */
export function formatEstimateWithCi(e: Estimate, language: Language, digits = 2): string {
  if (e.suppressed || e.estimate === null) return SUPPRESSED;
  const value = formatValue(e.estimate, language, digits);
  if (e.ciLow === null || e.ciHigh === null) return value;
  return `${value} [${formatValue(e.ciLow, language, digits)}–${formatValue(e.ciHigh, language, digits)}]`;
}

/** The reason shown next to a dash (footnote or tooltip text), or null when the numbers are there. */
export function suppressionNote(e: Estimate): string | null {
  if (!e.suppressed && e.estimate !== null) return null;
  return e.reason ?? null;
}

/** The numbers of one chart as a CSV file: semicolons, UTF-8 with BOM, CRLF, formula-neutralised cells. */
export function chartCsv(headers: string[], rows: (string | number | null)[][], language: Language = 'de'): string {
  const cell = (v: string | number | null): string => {
    if (typeof v === 'number')
      return csvField(
        Number.isFinite(v)
          ? numberFormat(language, 4)
              .format(v)
              .replace(/\u00a0|\s/g, '')
          : '',
      );
    return csvField(v);
  };
  const lines = [headers.map((h) => csvField(h)).join(';'), ...rows.map((r) => r.map(cell).join(';'))];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

export interface MarginsCsvError {
  /** 1-based line number in the file (the header is line 1); 0 for the file as a whole. */
  line: number;
  field: 'file' | 'variable' | 'level' | 'total';
  message: string;
}

export type MarginsCsvResult = { ok: true; margins: MarginsBody['margins'] } | { ok: false; errors: MarginsCsvError[] };

function splitLine(line: string, separator: string): string[] {
  const cells: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        current += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else current += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === separator) {
      cells.push(current);
      current = '';
    } else current += ch;
  }
  cells.push(current);
  return cells.map((c) => c.trim());
}

/**
 * Reads a margins CSV with the header variable;level;total (semicolon or comma). Totals may use a
 * German decimal comma when the separator is a semicolon. Every faulty line is reported with its field.
 */
export function parseMarginsCsv(text: string): MarginsCsvResult {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  const header = lines[0] ?? '';
  const separator = header.includes(';') ? ';' : ',';
  const columns = splitLine(header, separator).map((c) => c.toLowerCase());
  const vi = columns.indexOf('variable');
  const li = columns.indexOf('level');
  const ti = columns.indexOf('total');
  if (vi < 0 || li < 0 || ti < 0) {
    return { ok: false, errors: [{ line: 1, field: 'file', message: 'Kopfzeile muss die Spalten variable, level und total enthalten.' }] };
  }
  const margins: MarginsBody['margins'] = {};
  const errors: MarginsCsvError[] = [];
  lines.forEach((raw, index) => {
    if (index === 0 || raw.trim() === '') return;
    const line = index + 1;
    const cells = splitLine(raw, separator);
    const variable = cells[vi] ?? '';
    const level = cells[li] ?? '';
    const totalText = (cells[ti] ?? '').replace(/\s/g, '');
    if (variable === '' || variable.length > 32)
      errors.push({ line, field: 'variable', message: 'Variable fehlt oder ist länger als 32 Zeichen.' });
    if (level === '' || level.length > 16)
      errors.push({ line, field: 'level', message: 'Ausprägung fehlt oder ist länger als 16 Zeichen.' });
    const normalised = separator === ';' ? totalText.replace(/\./g, '').replace(',', '.') : totalText;
    const total = /^\d+(\.\d+)?$/.test(normalised) ? Number(normalised) : NaN;
    if (!(total > 0)) errors.push({ line, field: 'total', message: 'Summe muss eine positive Zahl sein.' });
    if (variable && level && total > 0) {
      const levels = (margins[variable] ??= {});
      if (level in levels) errors.push({ line, field: 'level', message: `Ausprägung ${level} von ${variable} kommt doppelt vor.` });
      else levels[level] = total;
    }
  });
  if (errors.length === 0 && Object.keys(margins).length === 0) {
    errors.push({ line: 0, field: 'file', message: 'Die Datei enthält keine Randverteilungen.' });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, margins };
}
