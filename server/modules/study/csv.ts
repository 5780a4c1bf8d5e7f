/**
 * CSV for spreadsheets (RFC 4180 quoting). Text that a spreadsheet would run as a formula —
 * starting with = + - @, also after spaces, or with a tab or carriage return — gets a leading
 * apostrophe, so an answer like `=HYPERLINK(…)` stays text (OWASP "CSV injection").
 */
export type CsvSeparator = ';' | ',';

export const CSV_BOM = '\uFEFF';

const FORMULA_START = /^[\s]*[=+\-@]|^[\t\r]/;

export function csvCell(value: string | number | null | undefined, separator: CsvSeparator): string {
  if (typeof value === 'number') return Number.isFinite(value) ? `${value}` : '';
  if (typeof value !== 'string') return '';
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return text.includes(separator) || /["\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One line with CRLF. A plain loop: exports write millions of mostly numeric cells. */
export function csvLine(cells: (string | number | null | undefined)[], separator: CsvSeparator): string {
  let line = '';
  for (let i = 0; i < cells.length; i++) {
    if (i > 0) line += separator;
    const v = cells[i];
    if (typeof v === 'number') {
      if (Number.isFinite(v)) line += v;
    } else if (typeof v === 'string') line += csvCell(v, separator);
  }
  return line + '\r\n';
}
