import { describe, expect, it } from 'vitest';
import { PARTICIPANT_TYPES, REGISTRATION_STATUSES, WORKSHOP_STATUSES } from '../../../contracts/registration.ts';
import de from '../../locales/de.json' with { type: 'json' };
import en from '../../locales/en.json' with { type: 'json' };
import { capacityBody, capacityValues, parseCapacity } from './capacity-form.ts';
import { formatDeadline, isActiveSeat, seatsHint, seatStateMessage, seatTone } from './registration-status.ts';
import { tokenFromHash } from './registration-token.ts';
import { choicesFromIds, groupWorkshopSlots, idsFromChoices } from './workshop-slots.ts';

const TOKEN = 'abcDEF123_-abcDEF123_-abcDEF123_-abcDEF1234';

describe('tokenFromHash', () => {
  it('reads a bare token and token=… from the fragment', () => {
    expect(tokenFromHash(`#${TOKEN}`)).toBe(TOKEN);
    expect(tokenFromHash(`#token=${TOKEN}`)).toBe(TOKEN);
    expect(tokenFromHash(`token=${TOKEN}&x=1`)).toBe(TOKEN);
  });

  it('refuses empty, short and strange fragments', () => {
    expect(tokenFromHash('')).toBeNull();
    expect(tokenFromHash('#')).toBeNull();
    expect(tokenFromHash('#kurz')).toBeNull();
    expect(tokenFromHash('#token=')).toBeNull();
    expect(tokenFromHash(`#${TOKEN}<script>`)).toBeNull();
    expect(tokenFromHash(`#other=${TOKEN}`)).toBeNull();
  });
});

describe('seat states', () => {
  it('names the waitlist place and the offer deadline in Berlin time', () => {
    expect(seatStateMessage({ status: 'waitlisted', waitlistPosition: 2, offerExpiresAt: null }, 'de')).toEqual({
      key: 'registration.status.waitlistedAt',
      values: { position: 2 },
    });
    const offered = seatStateMessage({ status: 'offered', waitlistPosition: null, offerExpiresAt: '2026-11-27T13:00:00Z' }, 'de');
    expect(offered.key).toBe('registration.status.offeredUntil');
    expect(offered.values?.deadline).toBe('Freitag, 27. November 2026 um 14:00');
    expect(formatDeadline('2027-06-01T10:30:00+02:00', 'en')).toContain('10:30');
  });

  it('falls back to the plain state', () => {
    expect(seatStateMessage({ status: 'expired', waitlistPosition: null, offerExpiresAt: null }, 'de').key).toBe(
      'registration.status.expired',
    );
    expect(seatStateMessage({ status: 'waitlisted', waitlistPosition: null, offerExpiresAt: null }, 'de').key).toBe(
      'registration.status.waitlisted',
    );
  });

  it('marks offers and ended seats, and knows which seats are held', () => {
    expect(seatTone('offered')).toBe('lead');
    expect(seatTone('expired')).toBe('warning');
    expect(seatTone('confirmed')).toBe('neutral');
    expect(isActiveSeat('waitlisted')).toBe(true);
    expect(isActiveSeat('cancelled')).toBe(false);
    expect(isActiveSeat('expired')).toBe(false);
  });

  it('hints at seats left or the waitlist', () => {
    expect(seatsHint(null)).toBeNull();
    expect(seatsHint(0)).toEqual({ key: 'registration.form.full' });
    expect(seatsHint(3)).toEqual({ key: 'registration.form.seatsLeft', values: { count: 3 } });
  });
});

describe('workshop slots', () => {
  const a = { id: 'a', startsAt: '2027-03-18T15:15:00+01:00', endsAt: '2027-03-18T16:15:00+01:00' };
  // The same instant written in UTC: the same slot.
  const b = { id: 'b', startsAt: '2027-03-18T14:15:00Z', endsAt: '2027-03-18T16:45:00+01:00' };
  const c = { id: 'c', startsAt: '2027-03-18T13:15:00+01:00', endsAt: '2027-03-18T15:00:00+01:00' };

  it('groups parallel workshops, earliest slot first, with the latest end', () => {
    const slots = groupWorkshopSlots([a, b, c]);
    expect(slots.map((s) => s.workshops.map((w) => w.id))).toEqual([['c'], ['a', 'b']]);
    expect(slots[1]?.endsAt).toBe(b.endsAt);
    expect(slots[1]?.key).toBe('2027-03-18T14:15:00.000Z');
  });

  it('turns ids into one choice per slot and back', () => {
    const slots = groupWorkshopSlots([a, b, c]);
    const choices = choicesFromIds(slots, ['b', 'unknown']);
    expect(choices).toEqual({ '2027-03-18T12:15:00.000Z': '', '2027-03-18T14:15:00.000Z': 'b' });
    expect(idsFromChoices(slots, { ...choices, '2027-03-18T12:15:00.000Z': 'c' })).toEqual(['c', 'b']);
    // A workshop id put into the wrong slot is not sent.
    expect(idsFromChoices(slots, { '2027-03-18T12:15:00.000Z': 'a' })).toEqual([]);
  });
});

describe('capacity form', () => {
  it('reads capacities: empty is no limit, only whole numbers up to 100 000', () => {
    expect(parseCapacity('')).toBeNull();
    expect(parseCapacity(' 30 ')).toBe(30);
    expect(parseCapacity('0')).toBe(0);
    expect(parseCapacity('-1')).toBeUndefined();
    expect(parseCapacity('2.5')).toBeUndefined();
    expect(parseCapacity('100001')).toBeUndefined();
  });

  it('builds the body with the deadline in UTC, or names the bad fields', () => {
    const good = capacityBody({ capacity: '120', registrationClosesAt: '2027-03-11T18:00', sessions: { s1: '1', s2: '' } });
    expect(good).toEqual({
      ok: true,
      body: {
        capacity: 120,
        registrationClosesAt: '2027-03-11T17:00:00.000Z',
        sessions: [
          { sessionId: 's1', capacity: 1 },
          { sessionId: 's2', capacity: null },
        ],
      },
    });
    expect(capacityBody({ capacity: 'viele', registrationClosesAt: 'morgen', sessions: { s1: 'x' } })).toEqual({
      ok: false,
      fields: {
        capacity: 'registration.staff.capacityInvalid',
        registrationClosesAt: 'registration.staff.deadlineInvalid',
        'session-s1': 'registration.staff.capacityInvalid',
      },
    });
  });

  it('fills the form from what is stored', () => {
    expect(
      capacityValues({ capacity: null, registrationClosesAt: '2027-03-11T18:00:00+01:00' }, [{ sessionId: 's1', capacity: 25 }]),
    ).toEqual({
      capacity: '',
      registrationClosesAt: '2027-03-11T18:00',
      sessions: { s1: '25' },
    });
  });
});

describe('labels', () => {
  it('names every state, count and participant type in German and English', () => {
    for (const tree of [de.registration, en.registration]) {
      const status: Record<string, string> = tree.status;
      const counts: Record<string, string> = tree.counts;
      const types: Record<string, string> = tree.types;
      for (const s of [...REGISTRATION_STATUSES, ...WORKSHOP_STATUSES]) {
        expect(status[s], s).toBeTruthy();
        expect(counts[s], s).toBeTruthy();
      }
      for (const type of PARTICIPANT_TYPES) expect(types[type], type).toBeTruthy();
    }
    expect(de.registration.types.buerger).toBe('Bürgerin/Bürger');
    expect(de.registration.form.sent).toBe('Bitte bestätigen Sie Ihre Anmeldung über den Link in der E-Mail.');
  });
});
