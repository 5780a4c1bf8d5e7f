import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { CaseEncoder } from './export-sav.ts';

const require = createRequire(import.meta.url);
const records = require('sav-writer/lib/writer/records.js') as {
  toArray(recs: Record<string, unknown>[], vars: object[], options: { bias: number }): object[];
};
const encoder = require('sav-writer/lib/utilities/buffer.js') as { write(items: object[]): Buffer };

describe('SPSS case compression', () => {
  it('writes the same bytes as sav-writer’s record encoder', () => {
    const vars = [
      { name: 'id', type: 1, width: 20 },
      { name: 'code', type: 5, width: 8 },
      { name: 'weight', type: 5, width: 12 },
      { name: 'text', type: 1, width: 255 },
    ];
    const cases = [
      { id: 'abc', code: 4, weight: 1.234, text: 'Grüße aus Zwickau' },
      { id: 'def-ghi-jkl', code: NaN, weight: NaN, text: '' },
      { id: 'x', code: 98, weight: 250, text: 'ä'.repeat(100) },
      { id: 'y', code: -99, weight: -100, text: '=1+1' },
      { id: 'z', code: 151, weight: 152, text: 'eins zwei drei' },
    ];
    const mine = new CaseEncoder();
    for (const c of cases) {
      mine.string(c.id, 20);
      mine.number(c.code);
      mine.number(c.weight);
      mine.string(c.text, 255);
    }
    expect(mine.take().equals(encoder.write(records.toArray(cases, vars, { bias: 100 })))).toBe(true);
  });
});
