import type { ImportResult } from '../../../contracts/study-admin.ts';
import type { ImportTable } from './import-table.ts';

/**
 * The report of rejected rows as a CSV file for Excel: semicolons (German Excel's separator),
 * UTF-8 with a byte order mark (so umlauts open correctly), CRLF line ends. Cells that begin
 * with = + - @ (or a tab or carriage return) get a leading apostrophe, so Excel shows them as
 * text instead of running them as formulas.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function defuse(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

export function csvField(value: string | number | null | undefined): string {
  const text = defuse(value === null || value === undefined ? '' : String(value));
  return /[;"\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export interface ReportLabels {
  row: string;
  reasons: string;
}

/** One line per rejected row: its row number, its cells as in the file, and the reasons. */
export function rejectedReportCsv(table: ImportTable, rejected: ImportResult['rejected'], labels: ReportLabels): string {
  const byRow = new Map(table.rows.map((r) => [r.row, r.cells]));
  const lines = [[labels.row, ...table.headers, labels.reasons].map(csvField).join(';')];
  for (const { row, errors } of rejected) {
    const cells = byRow.get(row) ?? {};
    const reasons = Object.entries(errors)
      .map(([name, message]) => `${name}: ${message}`)
      .join(' | ');
    lines.push([row, ...table.headers.map((h) => cells[h]), reasons].map(csvField).join(';'));
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
