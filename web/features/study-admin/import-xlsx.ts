import { unzipSync } from 'fflate';
import { ImportFileError } from './import-table.ts';

/**
 * Reads the first worksheet of an .xlsx file into records (row number + cell values).
 *
 * An .xlsx file is a zip of XML files. fflate unzips it synchronously (this runs in a worker):
 * readers that unzip asynchronously start Blob-URL workers, which the app's Content Security
 * Policy (worker-src 'self') refuses. The few XML parts we need are machine-written and read
 * with regular expressions: workbook (which sheet is first), its relationships (where that
 * sheet lives), the shared strings and the sheet itself. Cells keep their stored value: text
 * as text, numbers as numbers (dates arrive as Excel serial numbers), booleans as "true"/"false".
 */
export interface XlsxRecord {
  row: number;
  values: (string | number | null)[];
}

/** More than this unpacked is no survey export but a zip bomb. */
const MAX_UNPACKED_BYTES = 1024 * 1024 * 1024;
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

const ENTITY = /&(?:#(\d+)|#x([0-9a-fA-F]+)|(amp|lt|gt|quot|apos));/g;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeXml(text: string): string {
  return text.replace(ENTITY, (_, dec: string | undefined, hex: string | undefined, name: string | undefined) =>
    dec !== undefined ? String.fromCodePoint(Number(dec)) : hex !== undefined ? String.fromCodePoint(parseInt(hex, 16)) : NAMED[name!]!,
  );
}

/** OOXML writes characters XML cannot hold as _xHHHH_ (and a literal "_x" as _x005F_x). */
function decodeOoxml(text: string): string {
  return text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** The text of a string item (<si> or <is>): its <t> runs, without phonetic hints (<rPh>). */
function runText(xml: string): string {
  const withoutPhonetics = xml.replace(/<(?:\w+:)?rPh\b[\s\S]*?<\/(?:\w+:)?rPh>/g, '');
  let text = '';
  for (const m of withoutPhonetics.matchAll(/<(?:\w+:)?t(?:\s[^>]*)?>([\s\S]*?)<\/(?:\w+:)?t>/g)) text += m[1]!;
  return decodeOoxml(decodeXml(text));
}

function attribute(attrs: string, name: string): string | undefined {
  return new RegExp(`(?:^|\\s)${name}="([^"]*)"`).exec(attrs)?.[1];
}

/** "A" → 0, "Z" → 25, "AA" → 26. */
export function columnIndex(ref: string): number {
  const letters = /^[A-Z]+/.exec(ref)?.[0] ?? '';
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

const decoder = new TextDecoder('utf-8');

function unzip(bytes: Uint8Array, wanted: (name: string) => boolean): Record<string, string> {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, {
      filter: (file) => {
        if (!wanted(file.name)) return false;
        if (file.originalSize > MAX_UNPACKED_BYTES) throw new ImportFileError('xlsxTooLarge');
        return true;
      },
    });
  } catch (err) {
    if (err instanceof ImportFileError) throw err;
    throw new ImportFileError('xlsxBroken');
  }
  return Object.fromEntries(Object.entries(files).map(([name, data]) => [name, decoder.decode(data)]));
}

/** Path of the workbook's first sheet, from workbook.xml and its relationships. */
function firstSheetPath(workbook: string | undefined, rels: string | undefined): string {
  const sheet = workbook && /<(?:\w+:)?sheet\b([^>]*)\/?>/.exec(workbook)?.[1];
  const relId = sheet ? (/\br:id="([^"]*)"/.exec(sheet)?.[1] ?? /\b\w+:id="([^"]*)"/.exec(sheet)?.[1]) : undefined;
  if (relId && rels) {
    for (const m of rels.matchAll(/<(?:\w+:)?Relationship\b([^>]*)\/?>/g)) {
      if (attribute(m[1]!, 'Id') !== relId) continue;
      const target = attribute(m[1]!, 'Target') ?? '';
      return target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`;
    }
  }
  return 'xl/worksheets/sheet1.xml';
}

function cellValue(attrs: string, inner: string, shared: string[]): string | number | null {
  const type = attribute(attrs, 't') ?? 'n';
  if (type === 'inlineStr') {
    const is = /<(?:\w+:)?is>([\s\S]*?)<\/(?:\w+:)?is>/.exec(inner);
    return is ? runText(is[1]!) : null;
  }
  const v = /<(?:\w+:)?v(?:\s[^>]*)?>([\s\S]*?)<\/(?:\w+:)?v>/.exec(inner)?.[1];
  if (v === undefined) return null;
  switch (type) {
    case 's':
      return shared[Number(v)] ?? null;
    case 'b':
      return v.trim() === '1' ? 'true' : 'false';
    case 'n': {
      const n = Number(v);
      return Number.isFinite(n) ? n : decodeXml(v);
    }
    default:
      // "str" (formula result), "e" (error such as #N/A), "d" (ISO date): text as stored.
      return decodeOoxml(decodeXml(v));
  }
}

export function isXlsx(bytes: Uint8Array): boolean {
  return ZIP_MAGIC.every((b, i) => bytes[i] === b);
}

export function readXlsxRecords(bytes: Uint8Array): XlsxRecord[] {
  if (!isXlsx(bytes)) throw new ImportFileError('xlsxBroken');
  const meta = unzip(
    bytes,
    (name) => name === 'xl/workbook.xml' || name === 'xl/_rels/workbook.xml.rels' || name === 'xl/sharedStrings.xml',
  );
  if (meta['xl/workbook.xml'] === undefined) throw new ImportFileError('xlsxBroken');
  const path = firstSheetPath(meta['xl/workbook.xml'], meta['xl/_rels/workbook.xml.rels']);
  const sheet = unzip(bytes, (name) => name === path)[path];
  if (sheet === undefined) throw new ImportFileError('xlsxBroken');

  const shared: string[] = [];
  for (const m of (meta['xl/sharedStrings.xml'] ?? '').matchAll(/<(?:\w+:)?si>([\s\S]*?)<\/(?:\w+:)?si>|<(?:\w+:)?si\/>/g)) {
    shared.push(m[1] === undefined ? '' : runText(m[1]));
  }

  const records: XlsxRecord[] = [];
  let nextRow = 1;
  for (const rowMatch of sheet.matchAll(/<(?:\w+:)?row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?row>)/g)) {
    const r = Number(attribute(rowMatch[1]!, 'r'));
    const row = Number.isInteger(r) && r > 0 ? r : nextRow;
    nextRow = row + 1;
    const values: (string | number | null)[] = [];
    let nextColumn = 0;
    for (const cell of (rowMatch[2] ?? '').matchAll(/<(?:\w+:)?c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?c>)/g)) {
      const ref = attribute(cell[1]!, 'r');
      const column = ref ? columnIndex(ref) : nextColumn;
      nextColumn = column + 1;
      const value = cellValue(cell[1]!, cell[2] ?? '', shared);
      while (values.length < column) values.push(null);
      values[column] = value;
    }
    records.push({ row, values });
  }
  return records;
}
