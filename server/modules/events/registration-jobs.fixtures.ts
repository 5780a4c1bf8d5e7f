import { randomUUID } from 'node:crypto';
import type { TestApp } from '../../test/test-app.ts';
import { berlin } from './berlin-time.ts';

/** Test helper: an event at a given instant (relative to the test clock), with workshops and capacities. */

const MINUTE = 60_000;

export async function createTimedEvent(
  t: TestApp,
  opts: {
    startsAt: Date;
    hours?: number;
    capacity?: number | null;
    title?: string;
    workshops?: { title: string; afterMinutes: number; minutes: number; room: string; capacity?: number | null }[];
  },
) {
  const staff = await t.actor('staff');
  const ev = t.app.services.events;
  const start = opts.startsAt.getTime();
  const e = await ev.createEvent(staff, {
    slug: `erinnerung-${randomUUID().slice(0, 8)}`,
    seriesId: null,
    title: opts.title ?? 'Zukunftsforum Mobilität',
    format: 'zukunftsforum',
    startsAt: berlin(new Date(start).toISOString()).iso,
    endsAt: berlin(new Date(start + (opts.hours ?? 8) * 60 * MINUTE).toISOString()).iso,
    venue: { name: 'Neue Welt', street: 'Leipziger Straße 182', postalCode: '08058', city: 'Zwickau' },
    organisers: ['cwe'],
    fieldsOfAction: [],
    visibility: 'public',
    description: '',
  });
  const workshops: string[] = [];
  for (const w of opts.workshops ?? []) {
    const s = await ev.createSession(staff, e.id, {
      type: 'workshop',
      title: w.title,
      abstract: '',
      startsAt: berlin(new Date(start + w.afterMinutes * MINUTE).toISOString()).iso,
      endsAt: berlin(new Date(start + (w.afterMinutes + w.minutes) * MINUTE).toISOString()).iso,
      room: w.room,
      track: '',
      moderators: [],
      speakers: [],
    });
    workshops.push(s.session.id);
  }
  await t.app.services.registrations.updateCapacity(staff, e.id, {
    capacity: opts.capacity ?? null,
    registrationClosesAt: null,
    sessions: (opts.workshops ?? []).map((w, i) => ({ sessionId: workshops[i]!, capacity: w.capacity ?? null })),
  });
  return { id: e.id, slug: e.slug, workshops, staff, startsAt: new Date(start), endsAt: new Date(start + (opts.hours ?? 8) * 60 * MINUTE) };
}

export const rnd = () => Math.random().toString(36).slice(2, 10);
export const addr = (name: string) => `${name}-${rnd()}@test.itas.example`;
