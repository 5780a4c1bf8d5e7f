import { describe, expect, it } from 'vitest';
import {
  checkEventValues,
  checkSessionValues,
  emptyEventValues,
  eventBody,
  newSessionValues,
  sessionBody,
  slugFromTitle,
  type EventValues,
} from './event-form.ts';

const filled: EventValues = {
  ...emptyEventValues(),
  title: ' Zukunftsforum Zwickau ',
  slug: 'zukunftsforum-zwickau',
  startsAt: '2026-10-24T18:00',
  endsAt: '2026-10-25T03:30',
  venueName: 'Stadthalle',
  postalCode: '08056',
  city: 'Zwickau',
  organisers: ['cwe'],
};

describe('event form', () => {
  it('makes a Kürzel from a German title', () => {
    expect(slugFromTitle('Bürgerforum Glauchau: Straße & Zukunft!')).toBe('buergerforum-glauchau-strasse-zukunft');
  });

  it('accepts a complete event and sends UTC instants across the change to winter time', () => {
    expect(checkEventValues(filled)).toEqual({});
    const body = eventBody(filled, null);
    expect(body).toMatchObject({
      title: 'Zukunftsforum Zwickau',
      startsAt: '2026-10-24T16:00:00.000Z',
      endsAt: '2026-10-25T02:30:00.000Z',
    });
    expect(body.venue).toEqual({ name: 'Stadthalle', street: '', postalCode: '08056', city: 'Zwickau' });
  });

  it('names every missing or wrong field', () => {
    expect(checkEventValues({ ...emptyEventValues(), slug: 'A b' })).toEqual({
      title: 'validation.required',
      slug: 'events.form.slugRule',
      startsAt: 'validation.required',
      endsAt: 'validation.required',
      'venue.name': 'validation.required',
      'venue.postalCode': 'events.form.postalCodeRule',
      'venue.city': 'validation.required',
      organisers: 'events.form.organisersRequired',
    });
  });

  it('refuses an end before the start and a time the clocks skip', () => {
    expect(checkEventValues({ ...filled, endsAt: '2026-10-24T17:00' })).toEqual({ endsAt: 'events.form.endBeforeStart' });
    expect(checkEventValues({ ...filled, startsAt: '2026-03-29T02:15', endsAt: '2026-03-29T05:00' })).toEqual({
      startsAt: 'events.form.timeSkipped',
    });
  });
});

describe('session form', () => {
  it('proposes one hour from the given start, also over the change to summer time', () => {
    expect(newSessionValues('2026-03-29T01:30')).toMatchObject({ startsAt: '2026-03-29T01:30', endsAt: '2026-03-29T03:30' });
    expect(newSessionValues('')).toMatchObject({ endsAt: '' });
  });

  it('checks title and times and trims what it sends', () => {
    const values = { ...newSessionValues('2025-10-16T13:30'), title: ' Werkstatt ', room: ' Raum A ' };
    expect(checkSessionValues(values)).toEqual({});
    expect(checkSessionValues({ ...values, title: ' ' })).toEqual({ title: 'validation.required' });
    expect(sessionBody(values)).toMatchObject({
      title: 'Werkstatt',
      room: 'Raum A',
      startsAt: '2025-10-16T11:30:00.000Z',
      endsAt: '2025-10-16T12:30:00.000Z',
    });
  });
});
