import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { TestApp, TestClient } from '../../test/test-app.ts';

/** Test helpers for registration: events with capacities, people registering, links from the outbox. */

const VENUE = { name: 'Neue Welt', street: 'Leipziger Straße 182', postalCode: '08058', city: 'Zwickau' };

/** An event with workshops and capacities, as staff would set it up: the one set-up behind the event helpers. */
export async function createEventWithWorkshops(
  t: TestApp,
  opts: {
    slug: string;
    title: string;
    startsAt: string;
    endsAt: string;
    capacity: number | null;
    workshops: { title: string; startsAt: string; endsAt: string; room: string; capacity: number | null }[];
  },
) {
  const staff = await t.actor('staff');
  const ev = t.app.services.events;
  const e = await ev.createEvent(staff, {
    slug: opts.slug,
    seriesId: null,
    title: opts.title,
    format: 'zukunftsforum',
    startsAt: opts.startsAt,
    endsAt: opts.endsAt,
    venue: VENUE,
    organisers: ['cwe'],
    fieldsOfAction: [],
    visibility: 'public',
    description: '',
  });
  const workshops: string[] = [];
  for (const w of opts.workshops) {
    const s = await ev.createSession(staff, e.id, {
      type: 'workshop',
      title: w.title,
      abstract: '',
      startsAt: w.startsAt,
      endsAt: w.endsAt,
      room: w.room,
      track: '',
      moderators: [],
      speakers: [],
    });
    workshops.push(s.session.id);
  }
  await t.app.services.registrations.updateCapacity(staff, e.id, {
    capacity: opts.capacity,
    registrationClosesAt: null,
    sessions: opts.workshops.map((w, i) => ({ sessionId: workshops[i]!, capacity: w.capacity })),
  });
  return { id: e.id, slug: e.slug, workshops, staff };
}

export function createRegEvent(
  t: TestApp,
  opts: { capacity?: number | null; workshops?: { capacity: number | null; startsAt?: string; endsAt?: string }[]; startsAt?: string } = {},
) {
  return createEventWithWorkshops(t, {
    slug: `anmeldung-${randomUUID().slice(0, 8)}`,
    title: 'Zukunftsforum Anmeldung',
    startsAt: opts.startsAt ?? '2027-06-10T09:00:00+02:00',
    endsAt: '2027-06-10T17:00:00+02:00',
    capacity: opts.capacity ?? null,
    workshops: (opts.workshops ?? []).map((w, i) => ({
      title: `Workshop ${i + 1}`,
      startsAt: w.startsAt ?? `2027-06-10T1${i}:00:00+02:00`,
      endsAt: w.endsAt ?? `2027-06-10T1${i}:45:00+02:00`,
      room: `Raum ${i + 1}`,
      capacity: w.capacity,
    })),
  });
}

export const person = (email: string, extra: object = {}) => ({
  name: 'Erika Beispiel',
  email,
  organisation: 'Beispiel GmbH',
  participantType: 'unternehmen',
  accessibilityNeeds: '',
  workshopSessionIds: [],
  consent: true,
  ...extra,
});

/** Every link token of one kind in the mails to an address (newest rotation unknown: callers try them). */
export async function tokensIn(t: TestApp, email: string, kind: 'confirm' | 'self'): Promise<string[]> {
  const rows = await t.database.db.selectFrom('mail_outbox').select(['text_body']).where('to_address', '=', email).execute();
  const re = kind === 'confirm' ? /\/anmeldung\/bestaetigen#([A-Za-z0-9_-]{43})/g : /\/anmeldung#([A-Za-z0-9_-]{43})/g;
  return rows.flatMap((r) => [...(r.text_body ?? '').matchAll(re)].map((m) => m[1]!));
}

export async function mailsTo(t: TestApp, email: string) {
  return t.database.db.selectFrom('mail_outbox').select(['subject', 'text_body', 'attachments']).where('to_address', '=', email).execute();
}

/** The self-service token that currently works for an address. */
export async function selfToken(t: TestApp, client: TestClient, email: string): Promise<string> {
  for (const token of (await tokensIn(t, email, 'self')).reverse()) {
    if ((await client.post('/api/registrations/self', { token })).statusCode === 200) return token;
  }
  throw new Error('no working self-service link');
}

/** Registers and confirms; returns the view after confirmation and the self-service token. */
export async function registerAndConfirm(t: TestApp, client: TestClient, slug: string, email: string, extra: object = {}) {
  const res = await client.post(`/api/events/${slug}/registrations`, person(email, extra));
  expect(res.statusCode, res.body).toBe(202);
  const [token] = (await tokensIn(t, email, 'confirm')).slice(-1);
  const confirmed = await client.post('/api/registrations/confirm', { token });
  expect(confirmed.statusCode, confirmed.body).toBe(200);
  return { view: confirmed.json<View>(), token: await selfToken(t, client, email) };
}

export interface View {
  status: string;
  waitlistPosition: number | null;
  offerExpiresAt: string | null;
  name: string;
  workshops: { sessionId: string; status: string; waitlistPosition: number | null; offerExpiresAt: string | null }[];
}
