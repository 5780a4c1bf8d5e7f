import { describe, expect, it } from 'vitest';
import { spssNames, truncateUtf8 } from './export-variables.ts';

describe('export variables', () => {
  it('cuts text to a byte width without splitting a UTF-8 character', () => {
    expect(truncateUtf8('abc', 255)).toBe('abc');
    expect(truncateUtf8('ää', 3)).toBe('ä');
    expect(truncateUtf8('a👩b', 4)).toBe('a');
    expect(Buffer.byteLength(truncateUtf8('€'.repeat(100), 255))).toBe(255);
    expect(Buffer.byteLength(truncateUtf8('ä'.repeat(200), 255))).toBe(254);
  });

  it('makes valid, unique SPSS names', () => {
    expect(spssNames(['zustimmung', 'q', 'to', 'Größe', '1frage', 'a-b', 'AB', 'ab', 'x.'])).toEqual([
      'zustimmung',
      'q_v',
      'to_v',
      'Grosse',
      'v_1frage',
      'a_b',
      'AB',
      'ab_2',
      'x_v',
    ]);
  });
});
