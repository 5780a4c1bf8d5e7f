import { decodeText, looksBinary, parseCsv } from './import-csv.ts';
import { ImportFileError, MAX_FILE_BYTES, TableBuilder, type ImportTable } from './import-table.ts';
import { isXlsx, readXlsxRecords } from './import-xlsx.ts';

/** What the file picker offers; anything else is refused with a clear message. */
export const ACCEPTED_FILES = '.csv,.tsv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export type FileFormat = 'csv' | 'xlsx';

/** Decides by the file's first bytes and its name: an .xlsx is a zip, a CSV is text. */
export function fileFormat(name: string, bytes: Uint8Array): FileFormat {
  const extension = /\.([^.]+)$/.exec(name.toLowerCase())?.[1] ?? '';
  if (bytes.length === 0) throw new ImportFileError('emptyFile');
  if (bytes.length > MAX_FILE_BYTES) throw new ImportFileError('fileTooLarge', { max: MAX_FILE_BYTES / 1024 / 1024 });
  if (extension === 'xls' || extension === 'ods' || extension === 'xlsb') throw new ImportFileError('oldSpreadsheet', { extension });
  if (isXlsx(bytes)) {
    if (extension === 'xlsx' || extension === 'xlsm' || extension === 'csv' || extension === 'txt') return 'xlsx';
    throw new ImportFileError('fileType');
  }
  if (extension === 'xlsx') throw new ImportFileError('xlsxBroken');
  if (['csv', 'tsv', 'txt'].includes(extension)) return 'csv';
  throw new ImportFileError('fileType');
}

/** Reads a whole file into a table; `onProgress` gets the share parsed (null: unknown, e.g. while unzipping). */
export function readTable(
  name: string,
  bytes: Uint8Array,
  onProgress: (share: number | null) => void,
): { table: ImportTable; format: FileFormat } {
  const format = fileFormat(name, bytes);
  const builder = new TableBuilder();
  if (format === 'xlsx') {
    onProgress(null);
    for (const record of readXlsxRecords(bytes)) builder.add(record.values, record.row);
  } else {
    const text = decodeText(bytes);
    if (looksBinary(text)) throw new ImportFileError('fileType');
    parseCsv(text, builder, onProgress);
  }
  return { table: builder.finish(), format };
}

/** SHA-256 of the file's bytes, hex: the server derives stable row ids from it. */
export async function sha256Hex(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
