import { describe, expect, it } from 'vitest';
import { csvField, defuse, rejectedReportCsv } from './import-report.ts';
import type { ImportTable } from './import-table.ts';

describe('the report of rejected rows', () => {
  it('defuses everything Excel would run as a formula', () => {
    expect(['=1+1', '+49 371', '-3', '@SUMME(A1)', '\tx', '\rx', 'a=b', '1'].map(defuse)).toEqual([
      "'=1+1",
      "'+49 371",
      "'-3",
      "'@SUMME(A1)",
      "'\tx",
      "'\rx",
      'a=b',
      '1',
    ]);
  });

  it('quotes fields with separators, quotes or line breaks', () => {
    expect(csvField('a;b')).toBe('"a;b"');
    expect(csvField('sagt "nein"')).toBe('"sagt ""nein"""');
    expect(csvField('Zeile 1\nZeile 2')).toBe('"Zeile 1\nZeile 2"');
    expect(csvField(null)).toBe('');
    expect(csvField(98)).toBe('98');
  });

  it('lists row number, the original cells and the reasons, as UTF-8 with BOM for Excel', () => {
    const table: ImportTable = {
      headers: ['bezirk', 'idee'],
      rows: [
        { row: 2, cells: { bezirk: '14511', idee: 'gut' } },
        { row: 3, cells: { bezirk: 'Leipzig', idee: '=HYPERLINK("http://example.org";"klick")' } },
        { row: 5, cells: { idee: 'Übergänge; bitte' } },
      ],
    };
    const csv = rejectedReportCsv(
      table,
      [
        { row: 3, errors: { district: 'Wert „Leipzig“ ist keine Antwortmöglichkeit von district.' } },
        { row: 5, errors: { district: 'Bitte beantworten Sie diese Frage.', sex: 'Bitte beantworten Sie diese Frage.' } },
      ],
      { row: 'Zeile', reasons: 'Gründe' },
    );
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.slice(1).split('\r\n')).toEqual([
      'Zeile;bezirk;idee;Gründe',
      `3;Leipzig;"'=HYPERLINK(""http://example.org"";""klick"")";district: Wert „Leipzig“ ist keine Antwortmöglichkeit von district.`,
      '5;;"Übergänge; bitte";district: Bitte beantworten Sie diese Frage. | sex: Bitte beantworten Sie diese Frage.',
      '',
    ]);
  });
});
