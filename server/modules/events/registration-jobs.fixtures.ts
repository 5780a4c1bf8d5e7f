import { randomUUID } from 'node:crypto';
import type { TestApp } from '../../test/test-app.ts';
import { berlin } from './berlin-time.ts';
import { createEventWithWorkshops } from './registration.fixtures.ts';

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
  const start = opts.startsAt.getTime();
  const at = (minutes: number) => berlin(new Date(start + minutes * MINUTE).toISOString()).iso;
  const end = start + (opts.hours ?? 8) * 60 * MINUTE;
  const event = await createEventWithWorkshops(t, {
    slug: `erinnerung-${randomUUID().slice(0, 8)}`,
    title: opts.title ?? 'Zukunftsforum Mobilität',
    startsAt: at(0),
    endsAt: berlin(new Date(end).toISOString()).iso,
    capacity: opts.capacity ?? null,
    workshops: (opts.workshops ?? []).map((w) => ({
      title: w.title,
      startsAt: at(w.afterMinutes),
      endsAt: at(w.afterMinutes + w.minutes),
      room: w.room,
      capacity: w.capacity ?? null,
    })),
  });
  return { ...event, startsAt: new Date(start), endsAt: new Date(end) };
}

export const rnd = () => Math.random().toString(36).slice(2, 10);
export const addr = (name: string) => `${name}-${rnd()}@test.itas.example`;
