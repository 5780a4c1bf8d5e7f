import { describe, expect, it } from 'vitest';
import { emailKey, freeSeats, registrationOpen, workshopChoiceErrors } from './registration-rules.ts';

const ws = (id: string, startsAt: string, endsAt: string, type = 'workshop') => ({ id, type, startsAt, endsAt });

describe('registration rules', () => {
  it('makes case, width of spaces and composed/decomposed umlauts one key', () => {
    expect(emailKey(' Jürgen@Example.ORG ')).toBe('jürgen@example.org');
    expect(emailKey('Ju\u0308rgen@example.org')).toBe(emailKey('Jürgen@example.org'));
  });

  it('accepts one workshop per slot and rejects overlaps, doubles, foreign and unbookable sessions', () => {
    const sessions = [
      ws('a', '2027-01-01T09:00Z', '2027-01-01T10:00Z'),
      ws('b', '2027-01-01T09:30Z', '2027-01-01T10:30Z'),
      ws('c', '2027-01-01T10:00Z', '2027-01-01T11:00Z', 'panel'),
      ws('d', '2027-01-01T12:00Z', '2027-01-01T13:00Z', 'keynote'),
    ];
    expect(workshopChoiceErrors(sessions, ['a', 'c'])).toEqual([]);
    expect(workshopChoiceErrors(sessions, ['a', 'b']).map((f) => f.path)).toEqual(['workshopSessionIds.1']);
    expect(workshopChoiceErrors(sessions, ['a', 'a']).map((f) => f.path)).toEqual(['workshopSessionIds.1']);
    expect(workshopChoiceErrors(sessions, ['x', 'd']).map((f) => f.path)).toEqual(['workshopSessionIds.0', 'workshopSessionIds.1']);
  });

  it('is open before the closing time and before the start only', () => {
    const e = { starts_at: '2027-01-01T09:00:00.000Z', registration_closes_at: '2026-12-20T00:00:00.000Z' };
    expect(registrationOpen(e, '2026-12-19T23:59:59.999Z')).toBe(true);
    expect(registrationOpen(e, '2026-12-20T00:00:00.000Z')).toBe(false);
    expect(registrationOpen({ ...e, registration_closes_at: null }, '2027-01-01T08:59:59.000Z')).toBe(true);
    expect(registrationOpen({ ...e, registration_closes_at: null }, '2027-01-01T09:00:00.000Z')).toBe(false);
  });

  it('counts free seats, unlimited without capacity, never below zero', () => {
    expect(freeSeats(null, 10_000)).toBe(Number.POSITIVE_INFINITY);
    expect(freeSeats(3, 1)).toBe(2);
    expect(freeSeats(3, 5)).toBe(0);
  });
});
