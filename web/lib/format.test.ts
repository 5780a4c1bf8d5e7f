import { describe, expect, it } from 'vitest';
import { formatDateTime, formatNumber } from './format.ts';

describe('formatDateTime', () => {
  it('shows Berlin time in summer and winter', () => {
    expect(formatDateTime('2026-07-01T10:05:00.000Z', 'de')).toBe('01.07.2026, 12:05');
    expect(formatDateTime('2026-11-26T23:30:00.000Z', 'de')).toBe('27.11.2026, 00:30');
    expect(formatDateTime('2026-11-26T23:30:00.000Z', 'en')).toBe('27/11/2026, 00:30');
  });

  it('leaves unreadable values as they are', () => {
    expect(formatDateTime('gestern', 'de')).toBe('gestern');
  });
});

describe('formatNumber', () => {
  it('groups thousands the German way', () => {
    expect(formatNumber(62000, 'de')).toBe('62.000');
    expect(formatNumber(62000, 'en')).toBe('62,000');
  });
});
