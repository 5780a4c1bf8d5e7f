import { describe, expect, it } from 'vitest';
import { csvCell, csvLine } from './csv.ts';

describe('CSV cells', () => {
  it('quote separators, quotes and line breaks', () => {
    expect(csvCell('a;b', ';')).toBe('"a;b"');
    expect(csvCell('a;b', ',')).toBe('a;b');
    expect(csvCell('sagte "nein"', ';')).toBe('"sagte ""nein"""');
    expect(csvCell('Zeile 1\nZeile 2', ';')).toBe('"Zeile 1\nZeile 2"');
  });

  it('defuse text a spreadsheet would run as a formula', () => {
    expect(csvCell('=HYPERLINK("http://böse.example","klick")', ';')).toBe('"\'=HYPERLINK(""http://böse.example"",""klick"")"');
    expect(csvCell('+491701234', ';')).toBe("'+491701234");
    expect(csvCell('-2', ';')).toBe("'-2");
    expect(csvCell('@SUMME(A1)', ';')).toBe("'@SUMME(A1)");
    expect(csvCell('  =1+1', ';')).toBe("'  =1+1");
    expect(csvCell('\tx', ';')).toBe("'\tx");
    // Numbers are numbers, not text: a negative code stays a value.
    expect(csvCell(-2, ';')).toBe('-2');
  });

  it('keep emoji, right-to-left text and combining characters as they are', () => {
    const text = 'Zoë e\u0301 👩‍🔧 مرحبا';
    expect(csvCell(text, ';')).toBe(text);
  });

  it('end lines with CRLF and leave missing values empty', () => {
    expect(csvLine(['a', null, 3, undefined], ';')).toBe('a;;3;\r\n');
  });
});
