import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { MAX_IMPORT_ROWS } from '../../../contracts/study-admin.ts';
import { decodeText } from './import-csv.ts';
import { fileFormat, readTable, sha256Hex } from './import-read.ts';
import { ImportFileError } from './import-table.ts';

const utf8 = (text: string) => new TextEncoder().encode(text);
const read = (name: string, bytes: Uint8Array) => readTable(name, bytes, () => undefined).table;
const errorKey = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    if (err instanceof ImportFileError) return { key: err.key, ...err.values };
    throw err;
  }
  return null;
};

describe('reading a CSV file into a table', () => {
  it('reads a German Excel export: semicolons, BOM, quoted cells across lines, row numbers as in the file', () => {
    const csv = '\uFEFFbezirk;geschlecht;idee\r\n14511;weiblich;"Mehr Busse;\r\nund Bahnen"\r\n\r\n14521;2;\r\n';
    expect(read('antworten.csv', utf8(csv))).toEqual({
      headers: ['bezirk', 'geschlecht', 'idee'],
      rows: [
        { row: 2, cells: { bezirk: '14511', geschlecht: 'weiblich', idee: 'Mehr Busse;\r\nund Bahnen' } },
        { row: 4, cells: { bezirk: '14521', geschlecht: '2' } },
      ],
    });
  });

  it('guesses commas and tabs, and keeps texts exactly as written', () => {
    const hostile = ['=HYPERLINK("http://example.org")', '<script>alert(1)</script>', '👩🏽‍🔧 مرحبا', 'Cafe\u0301', '  Leerzeichen  '];
    const csv = `a,b\n${hostile.map((h) => `1,"${h.replace(/"/g, '""')}"`).join('\n')}`;
    expect(read('x.csv', utf8(csv)).rows.map((r) => r.cells.b)).toEqual(hostile);
    expect(read('x.tsv', utf8('a\tb\n1\t2')).rows).toEqual([{ row: 2, cells: { a: '1', b: '2' } }]);
  });

  it('reads Windows-1252 and UTF-16 files without losing umlauts', () => {
    const latin1 = new Uint8Array([...utf8('ort;name\n1;'), 0x44, 0xf6, 0x62, 0x65, 0x6c, 0x6e]);
    expect(read('alt.csv', latin1).rows[0]!.cells.name).toBe('Döbeln');
    const utf16 = new Uint8Array([0xff, 0xfe, ...[...'ort\tname\n1\tÄ'].flatMap((c) => [c.charCodeAt(0), 0])]);
    expect(decodeText(utf16)).toBe('ort\tname\n1\tÄ');
    expect(read('unicode.txt', utf16).rows[0]!.cells.name).toBe('Ä');
  });

  it('refuses empty files, files with only a header, duplicate column names and an unclosed quote', () => {
    expect(errorKey(() => read('leer.csv', new Uint8Array()))).toEqual({ key: 'emptyFile' });
    expect(errorKey(() => read('kopf.csv', utf8('a;b\n')))).toEqual({ key: 'noRows' });
    expect(errorKey(() => read('nichts.csv', utf8('\n\n  \n')))).toEqual({ key: 'empty' });
    expect(errorKey(() => read('doppelt.csv', utf8('a;b;a\n1;2;3')))).toEqual({ key: 'duplicateHeader', name: 'a' });
    expect(errorKey(() => read('kaputt.csv', utf8('a;b\n1;"offen\n2;3')))).toMatchObject({ key: 'csvQuotes' });
    expect(errorKey(() => read('breit.csv', utf8('a;b\n1;2;3')))).toEqual({ key: 'extraCells', row: 2, column: 3 });
  });

  it(`refuses more than ${MAX_IMPORT_ROWS} rows`, () => {
    const csv = `a\n${'1\n'.repeat(MAX_IMPORT_ROWS)}`;
    expect(read('gerade.csv', utf8(csv)).rows).toHaveLength(MAX_IMPORT_ROWS);
    expect(errorKey(() => read('zuviel.csv', utf8(`${csv}1\n`)))).toEqual({ key: 'tooManyRows', max: MAX_IMPORT_ROWS });
  });

  it('reports progress while parsing', () => {
    const shares: (number | null)[] = [];
    readTable('gross.csv', utf8(`a;b\n${'1;2\n'.repeat(3000)}`), (s) => shares.push(s));
    expect(shares.length).toBeGreaterThan(3);
    expect(shares).toEqual([...shares].sort((x, y) => (x ?? 0) - (y ?? 0)));
    expect(shares.at(-1)).toBe(1);
  });
});

describe('telling file types apart', () => {
  const xlsx = zipSync({ 'xl/workbook.xml': strToU8('<workbook/>') });
  it('takes CSV and XLSX, and explains what it refuses', () => {
    expect(fileFormat('a.csv', utf8('a;b'))).toBe('csv');
    expect(fileFormat('a.XLSX', xlsx)).toBe('xlsx');
    expect(errorKey(() => fileFormat('a.xls', utf8('x')))).toEqual({ key: 'oldSpreadsheet', extension: 'xls' });
    expect(errorKey(() => fileFormat('a.pdf', utf8('%PDF-1.7')))).toEqual({ key: 'fileType' });
    expect(errorKey(() => fileFormat('a.xlsx', utf8('a;b')))).toEqual({ key: 'xlsxBroken' });
    expect(errorKey(() => read('a.csv', new Uint8Array([0x61, 0x00, 0x62, 0x00, 0x63])))).toEqual({ key: 'fileType' });
  });
});

it('hashes the file bytes with SHA-256', async () => {
  expect(await sha256Hex(utf8('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
});
