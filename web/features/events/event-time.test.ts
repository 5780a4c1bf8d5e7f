import { describe, expect, it } from 'vitest';
import {
  berlinDate,
  berlinOffsetMinutes,
  formatDay,
  formatEventRange,
  formatTime,
  fromLocalInput,
  isPast,
  toLocalInput,
} from './event-time.ts';

describe('Berlin time on the programme', () => {
  it('shows winter and summer times as clocks in Chemnitz show them', () => {
    expect(formatTime('2026-03-12T08:00:00Z', 'de')).toBe('09:00');
    expect(formatTime('2026-06-12T08:00:00Z', 'de')).toBe('10:00');
    expect(formatTime('2026-06-12T10:00:00+02:00', 'en')).toBe('10:00');
  });

  it('formats an event on one day with its times, and one over two days in full', () => {
    expect(formatEventRange('2026-03-12T09:00:00+01:00', '2026-03-12T17:00:00+01:00', 'de')).toBe(
      'Donnerstag, 12. März 2026, 09:00–17:00 Uhr',
    );
    expect(formatEventRange('2026-03-12T09:00:00+01:00', '2026-03-12T17:00:00+01:00', 'en')).toBe('Thursday, 12 March 2026, 09:00–17:00');
    const twoDays = formatEventRange('2026-03-12T09:00:00+01:00', '2026-03-13T16:00:00+01:00', 'de');
    expect(twoDays).toContain('Donnerstag, 12. März 2026');
    expect(twoDays).toContain('Freitag, 13. März 2026');
  });

  it('formats a calendar day without moving it', () => {
    expect(formatDay('2025-10-26', 'de')).toBe('Sonntag, 26. Oktober 2025');
    expect(formatDay('2025-10-26', 'en')).toBe('Sunday, 26 October 2025');
  });

  it('knows the day in Berlin, also just after midnight', () => {
    expect(berlinDate('2026-06-11T22:30:00Z')).toBe('2026-06-12');
    expect(berlinDate('2026-01-11T22:30:00Z')).toBe('2026-01-11');
  });

  it('tells what is over', () => {
    const now = new Date('2026-11-27T12:00:00Z');
    expect(isPast('2026-11-27T11:59:00Z', now)).toBe(true);
    expect(isPast('2026-11-27T13:00:00+01:00', now)).toBe(false);
  });
});

describe('date-time inputs in Berlin time', () => {
  it('knows the offsets', () => {
    expect(berlinOffsetMinutes(new Date('2026-01-15T12:00:00Z'))).toBe(60);
    expect(berlinOffsetMinutes(new Date('2026-07-15T12:00:00Z'))).toBe(120);
  });

  it('converts wall-clock time to UTC in winter and in summer', () => {
    expect(fromLocalInput('2026-03-12T09:00')).toEqual({ ok: true, iso: '2026-03-12T08:00:00.000Z' });
    expect(fromLocalInput('2026-07-01T09:00')).toEqual({ ok: true, iso: '2026-07-01T07:00:00.000Z' });
  });

  it('handles the night the clocks go forward', () => {
    expect(fromLocalInput('2026-03-29T01:59')).toEqual({ ok: true, iso: '2026-03-29T00:59:00.000Z' });
    expect(fromLocalInput('2026-03-29T02:30')).toEqual({ ok: false, reason: 'skipped' });
    expect(fromLocalInput('2026-03-29T03:00')).toEqual({ ok: true, iso: '2026-03-29T01:00:00.000Z' });
  });

  it('takes the first (summer) hour in the night the clocks go back', () => {
    expect(fromLocalInput('2026-10-25T02:30')).toEqual({ ok: true, iso: '2026-10-25T00:30:00.000Z' });
    expect(fromLocalInput('2026-10-25T03:00')).toEqual({ ok: true, iso: '2026-10-25T02:00:00.000Z' });
    expect(toLocalInput('2026-10-25T01:30:00Z')).toBe('2026-10-25T02:30');
  });

  it('round-trips instants with offsets', () => {
    for (const iso of ['2026-03-12T09:00:00+01:00', '2026-06-30T23:45:00+02:00', '2025-12-31T23:00:00Z']) {
      const back = fromLocalInput(toLocalInput(iso));
      expect(back.ok && new Date(back.iso).getTime()).toBe(new Date(iso).getTime());
    }
  });

  it('refuses what is no date-time', () => {
    expect(fromLocalInput('')).toEqual({ ok: false, reason: 'empty' });
    expect(fromLocalInput('12.03.2026 09:00')).toEqual({ ok: false, reason: 'invalid' });
    expect(fromLocalInput('2026-02-30T09:00')).toEqual({ ok: false, reason: 'invalid' });
    expect(toLocalInput('kein Datum')).toBe('');
  });
});
