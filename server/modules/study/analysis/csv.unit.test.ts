import { describe, expect, it } from 'vitest';
import { CellError, TableBuilder, type ColumnKind, type Table } from './columns.ts';
import { CsvFormatError, CsvReader } from './csv.ts';

/** Reads `text` with the given columns as numeric (n) or categorical (c), in chunks of `chunk` bytes. */
function read(text: string | Uint8Array, kinds: Record<string, 'n' | 'c' | 'nc'>, chunk = 1 << 20): Table {
  const builder = new TableBuilder((header) => {
    const plan = new Map<string, Set<ColumnKind>>();
    for (const h of header) {
      const k = kinds[h];
      if (!k) continue;
      const set = new Set<ColumnKind>();
      if (k.includes('n')) set.add('numeric');
      if (k.includes('c')) set.add('categorical');
      plan.set(h, set);
    }
    return plan;
  }, 4);
  const reader = new CsvReader(builder);
  const bytes = typeof text === 'string' ? new TextEncoder().encode(text) : text;
  for (let i = 0; i < bytes.length; i += chunk) reader.push(bytes.subarray(i, i + chunk));
  reader.end();
  return builder.finish();
}
const labels = (t: Table, name: string) =>
  Array.from(t.categorical.get(name)!.codes, (c) => (c < 0 ? null : t.categorical.get(name)!.levels[c]));
const nums = (t: Table, name: string) => Array.from(t.numeric.get(name)!.values);
const failure = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected an error');
};

describe('CSV reader', () => {
  it('reads a file with BOM, semicolons, CRLF and decimal commas (as Excel writes it)', () => {
    const t = read('\uFEFFort;wert;text\r\n14511;2,5;a\r\n14522;;"b; c"\r\n', { ort: 'c', wert: 'n', text: 'c' });
    expect(t.header).toEqual(['ort', 'wert', 'text']);
    expect(labels(t, 'ort')).toEqual(['14511', '14522']);
    expect(nums(t, 'wert')).toEqual([2.5, NaN]);
    expect(labels(t, 'text')).toEqual(['a', 'b; c']);
  });

  it('reads quoted fields with line breaks, separators and doubled quotes, and counts lines right', () => {
    const text = 'id,meinung,x\n1,"Zeile eins\nZeile ""zwei""",3\n2,"a,b",4\n3,x,"5"\n4,kaputt\n';
    const error = failure(() => read(text, { id: 'c', meinung: 'c', x: 'n' }));
    // The record of id 4 starts on physical line 6: the quoted line break counts.
    expect(error).toBeInstanceOf(CsvFormatError);
    expect((error as CsvFormatError).line).toBe(6);
    expect(error.message).toBe('Zeile 6: 2 Felder, die Kopfzeile hat aber 3 Spalten.');
    const t = read(text.replace('4,kaputt\n', ''), { id: 'c', meinung: 'c', x: 'n' });
    expect(labels(t, 'meinung')).toEqual(['Zeile eins\nZeile "zwei"', 'a,b', 'x']);
    expect(nums(t, 'x')).toEqual([3, 4, 5]);
    expect(Array.from(t.lines)).toEqual([2, 4, 5]);
  });

  it('gives the same table whatever the chunk boundaries', () => {
    const rows = ['a;b;c'];
    for (let i = 0; i < 300; i++) rows.push(`${i % 7};"x\n${i}";${(i * 1.25).toFixed(2).replace('.', ',')}`);
    const text = '\uFEFF' + rows.join('\r\n');
    const whole = read(text, { a: 'c', b: 'c', c: 'n' });
    for (const chunk of [1, 2, 3, 7, 64, 1000]) {
      const t = read(text, { a: 'c', b: 'c', c: 'n' }, chunk);
      expect(t.rows).toBe(300);
      expect(labels(t, 'b')).toEqual(labels(whole, 'b'));
      expect(nums(t, 'c')).toEqual(nums(whole, 'c'));
      expect(Array.from(t.lines)).toEqual(Array.from(whole.lines));
    }
    expect(nums(whole, 'c')[3]).toBe(3.75);
  });

  it('names the line of an unclosed quote, a stray quote and text after a closing quote', () => {
    const open = failure(() => read('a,b\n1,2\n3,"offen\n4,5\n', { a: 'c' }));
    expect(open.message).toBe('Zeile 3: Ein Anführungszeichen wird bis zum Dateiende nicht geschlossen.');
    const stray = failure(() => read('a,b\n1,2\n3,ab"c\n', { a: 'c' }));
    expect(stray.message).toContain('Zeile 3, Feld 2: Anführungszeichen mitten in einem Feld');
    const after = failure(() => read('a,b\n"1"x,2\n', { a: 'c' }));
    expect(after.message).toContain('Zeile 2, Feld 1: Nach dem schließenden Anführungszeichen');
  });

  it('names line and column of a text in a numeric column', () => {
    const e = failure(() => read('id,item_01\n1,3\n2,viel\n', { item_01: 'n' }));
    expect(e).toBeInstanceOf(CellError);
    expect(e.message).toBe('Zeile 3, Spalte „item_01“: „viel“ ist keine Zahl.');
  });

  it('keeps codes with leading zeros apart, skips blank lines and reads a last line without line end', () => {
    const t = read('k,v\n01,1\n\n1,2\n 1 ,3', { k: 'c', v: 'nc' });
    expect(labels(t, 'k')).toEqual(['01', '1', '1']);
    expect(nums(t, 'v')).toEqual([1, 2, 3]);
    expect(labels(t, 'v')).toEqual(['1', '2', '3']);
  });

  it('refuses an empty file and duplicate column names', () => {
    expect(failure(() => read('', {})).message).toContain('Es fehlt die Kopfzeile');
    expect(failure(() => read('a,b,a\n1,2,3\n', {})).message).toBe('Zeile 1: Die Spalte „a“ kommt doppelt vor.');
    expect(read('a,b\n', { a: 'c' }).rows).toBe(0);
  });

  it('reads negative and decimal numbers exactly as Number() does', () => {
    const values = ['-2.5', '0.1', '123456.789', '1e3', '-0,25', '7.'];
    const t = read('x\n' + values.map((v) => (v.includes(',') ? `"${v}"` : v)).join('\n') + '\n', { x: 'n' });
    expect(nums(t, 'x')).toEqual([-2.5, 0.1, 123456.789, 1000, -0.25, 7]);
  });
});
