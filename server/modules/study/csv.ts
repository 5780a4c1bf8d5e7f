/**
 * CSV for spreadsheets (RFC 4180 quoting). Text that a spreadsheet would run as a formula —
 * starting with = + - @, also after spaces, or with a tab or carriage return — gets a leading
 * apostrophe, so an answer like `=HYPERLINK(…)` stays text (OWASP "CSV injection").
 */
export type CsvSeparator = ';' | ',';

export const CSV_BOM = '\uFEFF';

const FORMULA_START = /^[\s]*[=+\-@]|^[\t\r]/;

export function csvCell(value: string | number | null | undefined, separator: CsvSeparator): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return text.includes(separator) || /["\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(cells: (string | number | null | undefined)[], separator: CsvSeparator): string {
  return `${cells.map((c) => csvCell(c, separator)).join(separator)}\r\n`;
}
