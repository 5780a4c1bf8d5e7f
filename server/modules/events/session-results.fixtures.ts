import { randomUUID } from 'node:crypto';
import { encodeRgbPng as encodePng } from '../../png.ts';
import type { TestApp } from '../../test/test-app.ts';

/** Test helpers for session results and Bürgerforum notes: events with sessions, small real images. */

const VENUE = { name: 'Neue Welt', street: 'Leipziger Straße 182', postalCode: '08058', city: 'Zwickau' };

/** A valid PNG of one colour (RGB), `width` × `height` pixels. */
export function makePng(width = 4, height = 3, rgb: [number, number, number] = [200, 30, 30]): Buffer {
  return encodePng(width, height, () => rgb);
}

/** The first bytes of a baseline JPEG with its frame header (enough for type and size checks). */
export function makeJpegHead(width: number, height: number): Buffer {
  const app0 = Buffer.from([0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00]);
  const sof = Buffer.from([0xff, 0xc0, 0x00, 0x11, 0x08, height >> 8, height & 0xff, width >> 8, width & 0xff, 0x03]);
  return Buffer.concat([Buffer.from([0xff, 0xd8]), app0, sof, Buffer.alloc(16), Buffer.from([0xff, 0xd9])]);
}

/** An event (public unless said otherwise) with one session of the given type. */
export async function createEventWithSession(
  t: TestApp,
  opts: { visibility?: 'public' | 'internal'; format?: string; sessionType?: string } = {},
) {
  const staff = await t.actor('staff');
  const ev = t.app.services.events;
  const e = await ev.createEvent(staff, {
    slug: `ergebnisse-${randomUUID().slice(0, 8)}`,
    seriesId: null,
    title: 'Zukunftsforum Ergebnisse',
    format: (opts.format ?? 'zukunftsforum') as 'zukunftsforum',
    startsAt: '2026-02-10T09:00:00+01:00',
    endsAt: '2026-02-10T17:00:00+01:00',
    venue: VENUE,
    organisers: ['cwe'],
    fieldsOfAction: [],
    visibility: opts.visibility ?? 'public',
    description: '',
  });
  const s = await ev.createSession(staff, e.id, {
    type: (opts.sessionType ?? 'workshop') as 'workshop',
    title: 'Workshop Kreislaufwirtschaft',
    abstract: '',
    startsAt: '2026-02-10T10:00:00+01:00',
    endsAt: '2026-02-10T11:30:00+01:00',
    room: 'Saal 1',
    track: '',
    moderators: [],
    speakers: [],
  });
  return { id: e.id, slug: e.slug, sessionId: s.session.id, staff };
}

/** A Bürgerforum event (format `buergerforum`) with one forum session. */
export const createForum = (t: TestApp) => createEventWithSession(t, { format: 'buergerforum', sessionType: 'buergerforum' });

/** An event with one session whose results are stored (one next step, one photo), published if asked. */
export async function createResults(t: TestApp, opts: { publish?: boolean } = {}) {
  const e = await createEventWithSession(t);
  const results = t.app.services.sessionResults;
  let saved = await results.save(e.staff, e.id, e.sessionId, {
    text: 'Ergebnisse des Workshops',
    nextSteps: [{ text: 'Termin vereinbaren', owner: 'AMZ', dueDate: null, status: 'offen' }],
    version: 0,
  });
  const photo = await results.addPhoto(e.staff, e.id, e.sessionId, { declaredType: 'image/png', bytes: makePng(), alt: 'Flipchart' });
  if (opts.publish) saved = await results.publish(e.staff, e.id, e.sessionId, saved.version);
  return { ...e, version: saved.version, photo };
}

/** A Bürgerforum with one note stored. */
export async function createForumWithNote(t: TestApp) {
  const f = await createForum(t);
  const n = await t.app.services.forumNotes.create(f.staff, f.id, {
    text: 'Wünscht sich eine bessere Busverbindung.',
    topics: ['mobilitaet'],
    district: '14523',
    sessionId: null,
  });
  return { ...f, noteId: n.id, noteVersion: n.version };
}
