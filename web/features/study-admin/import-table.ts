import { MAX_IMPORT_ROWS, type ImportBody } from '../../../contracts/study-admin.ts';

/** One cell as the API takes it. */
export type ImportCell = string | number | null;
export type ImportRow = ImportBody['rows'][number];

/** A file read into columns: the header row names them, each data row keeps its row number in the file. */
export interface ImportTable {
  headers: string[];
  rows: ImportRow[];
}

/** A problem with the file itself; `key` is under "importer.fileErrors" in the locales. */
export class ImportFileError extends Error {
  constructor(
    readonly key: string,
    readonly values: Record<string, string | number> = {},
  ) {
    super(key);
    this.name = 'ImportFileError';
  }
}

/** The longest column name the API accepts. */
export const MAX_HEADER_LENGTH = 200;
/** Files are read whole in the browser; beyond this it is no longer sensible. */
export const MAX_FILE_BYTES = 100 * 1024 * 1024;

/** A cell as a file reader delivers it. */
export type RawCell = string | number | boolean | Date | null | undefined;

function cellOf(value: RawCell): ImportCell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return value;
}

const isBlank = (value: RawCell) => value === null || value === undefined || (typeof value === 'string' && value.trim() === '');

/**
 * Collects the records of a file (CSV or XLSX) into a table: the first non-empty record names
 * the columns, empty records are skipped (their row numbers stay as in the file), and only
 * non-empty cells are kept, which keeps the upload small.
 */
export class TableBuilder {
  private headers: string[] | null = null;
  private readonly rows: ImportRow[] = [];

  add(values: readonly RawCell[], row: number): void {
    if (values.every(isBlank)) return;
    if (this.headers === null) {
      this.headers = this.readHeader(values, row);
      return;
    }
    const cells: Record<string, ImportCell> = {};
    values.forEach((value, index) => {
      if (isBlank(value)) return;
      const header = this.headers![index];
      if (header === undefined) throw new ImportFileError('extraCells', { row, column: index + 1 });
      cells[header] = cellOf(value);
    });
    if (this.rows.length >= MAX_IMPORT_ROWS) throw new ImportFileError('tooManyRows', { max: MAX_IMPORT_ROWS });
    this.rows.push({ row, cells });
  }

  finish(): ImportTable {
    if (this.headers === null) throw new ImportFileError('empty');
    if (this.rows.length === 0) throw new ImportFileError('noRows');
    return { headers: this.headers, rows: this.rows };
  }

  get rowCount(): number {
    return this.rows.length;
  }

  private readHeader(values: readonly RawCell[], row: number): string[] {
    const headers: string[] = [];
    const seen = new Set<string>();
    values.forEach((value, index) => {
      const name = isBlank(value) ? `Spalte ${index + 1}` : String(cellOf(value)).trim();
      if (name.length > MAX_HEADER_LENGTH) throw new ImportFileError('headerTooLong', { row, column: index + 1, max: MAX_HEADER_LENGTH });
      if (seen.has(name)) throw new ImportFileError('duplicateHeader', { name });
      seen.add(name);
      headers.push(name);
    });
    // Trailing empty header cells (a separator at the end of the line) are no columns.
    while (headers.length > 0 && isBlank(values[headers.length - 1])) headers.pop();
    return headers;
  }
}
