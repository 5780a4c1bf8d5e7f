import { randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { ScheduleSchema } from '../../../contracts/events.ts';
import { useTestApp, type TestClient } from '../../test/test-app.ts';

const VENUE = { name: 'Neue Welt', street: 'Leipziger Straße 182', postalCode: '08058', city: 'Zwickau' };
const eventBody = (extra: object = {}) => ({
  slug: `kongress-${randomUUID().slice(0, 8)}`,
  seriesId: null,
  title: '3. Kongress Automobilregion Südwestsachsen',
  format: 'kongress',
  startsAt: '2027-06-10T09:00:00+02:00',
  endsAt: '2027-06-10T17:00:00+02:00',
  venue: VENUE,
  organisers: ['cwe', 'ihk-chemnitz'],
  fieldsOfAction: ['industriepolitik'],
  visibility: 'public',
  description: 'Der Kongress der Region.',
  ...extra,
});
const sessionBody = (extra: object = {}) => ({
  type: 'vortrag',
  title: 'Vortrag',
  abstract: '',
  startsAt: '2027-06-10T10:00:00+02:00',
  endsAt: '2027-06-10T11:00:00+02:00',
  room: 'Großer Saal',
  track: '',
  moderators: [],
  speakers: [],
  ...extra,
});

/** Unfolds an iCalendar text into its logical lines (RFC 5545 §3.1). */
const unfold = (ics: string) => ics.replace(/\r\n /g, '').split('\r\n');

describe('events and programme', () => {
  const t = useTestApp();
  let staff: TestClient;
  beforeEach(async () => {
    staff = (await t.signIn({ role: 'staff', org: 'amz' })).client;
  });

  async function newEvent(extra: object = {}) {
    const res = await staff.post('/api/events', eventBody(extra));
    expect(res.statusCode, res.body).toBe(201);
    return res.json<{ id: string; slug: string; version: number; startsAt: string; visibility: string }>();
  }
  async function newPerson(name = 'Dr. Erika Beispiel') {
    const res = await staff.post('/api/people', { name, role: 'Staatssekretärin (fiktiv)', organisation: 'Ministerium' });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<{ id: string }>();
  }
  async function newSession(eventId: string, extra: object = {}) {
    const res = await staff.post(`/api/events/${eventId}/sessions`, sessionBody(extra));
    expect(res.statusCode, res.body).toBe(201);
    return res.json<{ session: { id: string; version: number; title: string }; warnings: string[] }>();
  }

  it('creates an event, stores UTC and presents local Berlin time; the public reads its programme', async () => {
    const e = await newEvent();
    expect(e.startsAt).toBe('2027-06-10T09:00:00+02:00');
    const row = await t.database.db.selectFrom('event').select(['starts_at']).where('id', '=', e.id).executeTakeFirstOrThrow();
    expect(row.starts_at).toBe('2027-06-10T07:00:00.000Z');
    const res = await t.client().get(`/api/events/${e.slug}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().event).toMatchObject({ title: '3. Kongress Automobilregion Südwestsachsen', demo: false, venue: VENUE });
  });

  it('keeps the archive address free: the slug "archiv" is refused with a German message', async () => {
    const res = await staff.post('/api/events', eventBody({ slug: 'archiv' }));
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('für das Archiv reserviert');
  });

  it('refuses a stale version with 409 and changes nothing', async () => {
    const e = await newEvent();
    const ok = await staff.request('PUT', `/api/events/${e.id}`, {
      ...eventBody({ slug: e.slug, title: 'Erste Änderung' }),
      version: e.version,
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().version).toBe(e.version + 1);
    const stale = await staff.request('PUT', `/api/events/${e.id}`, {
      ...eventBody({ slug: e.slug, title: 'Verloren' }),
      version: e.version,
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('event.version_conflict');
    const row = await t.database.db.selectFrom('event').select(['title', 'version']).where('id', '=', e.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ title: 'Erste Änderung', version: e.version + 1 });

    const s = await newSession(e.id);
    const upd = await staff.request('PUT', `/api/events/${e.id}/sessions/${s.session.id}`, {
      ...sessionBody({ title: 'Neu' }),
      version: 1,
    });
    expect(upd.statusCode, upd.body).toBe(200);
    const staleS = await staff.request('PUT', `/api/events/${e.id}/sessions/${s.session.id}`, {
      ...sessionBody({ title: 'Alt' }),
      version: 1,
    });
    expect(staleS.statusCode).toBe(409);
    expect(staleS.json().error.code).toBe('event_session.version_conflict');
    const srow = await t.database.db.selectFrom('event_session').select(['title']).where('id', '=', s.session.id).executeTakeFirstOrThrow();
    expect(srow.title).toBe('Neu');
  });

  it('hides an internal event from the public (404 everywhere) but shows it to staff', async () => {
    const e = await newEvent({ visibility: 'internal', format: 'policy_lab' });
    const s = await newSession(e.id);
    const anon = t.client();
    for (const url of [
      `/api/events/${e.slug}`,
      `/api/events/${e.slug}/calendar.ics`,
      `/api/events/${e.slug}/schedule.json`,
      `/api/events/${e.slug}/sessions/${s.session.id}/calendar.ics`,
    ]) {
      const res = await anon.get(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.json().error.code).toBe('event.not_found');
    }
    expect((await anon.get('/api/events')).json().items.map((i: { id: string }) => i.id)).not.toContain(e.id);
    const analyst = (await t.signIn({ role: 'analyst' })).client;
    expect((await analyst.get(`/api/events/${e.slug}`)).statusCode).toBe(404);
    expect((await staff.get(`/api/events/${e.slug}`)).statusCode).toBe(200);
    expect((await staff.get('/api/events')).json().items.map((i: { id: string }) => i.id)).toContain(e.id);
  });

  it('splits the public list into upcoming and past events', async () => {
    const past = await newEvent({ startsAt: '2025-06-12T09:00:00+02:00', endsAt: '2025-06-12T17:00:00+02:00' });
    const soon = await newEvent({ startsAt: '2026-09-01T09:00:00+02:00', endsAt: '2026-09-01T17:00:00+02:00' });
    const later = await newEvent({ startsAt: '2027-06-10T09:00:00+02:00', endsAt: '2027-06-10T17:00:00+02:00' });
    const anon = t.client();
    const upcoming = (await anon.get('/api/events?zeit=kommend')).json().items.map((i: { id: string }) => i.id);
    const gone = (await anon.get('/api/events?zeit=vergangen')).json().items.map((i: { id: string }) => i.id);
    expect(upcoming).toEqual(expect.arrayContaining([soon.id, later.id]));
    expect(upcoming.indexOf(soon.id)).toBeLessThan(upcoming.indexOf(later.id));
    expect(upcoming).not.toContain(past.id);
    expect(gone).toContain(past.id);
    expect(gone).not.toContain(soon.id);
    expect((await anon.get('/api/events?zeit=morgen')).statusCode).toBe(400);
  });

  it('warns about an overlap in the same room and about a session outside the event, and saves both', async () => {
    const e = await newEvent();
    await newSession(e.id, { title: 'Keynote', room: 'Großer Saal' });
    const clash = await newSession(e.id, {
      title: 'Zweiter Vortrag',
      startsAt: '2027-06-10T10:30:00+02:00',
      endsAt: '2027-06-10T11:30:00+02:00',
    });
    expect(clash.warnings).toHaveLength(1);
    expect(clash.warnings[0]).toContain('überschneidet sich');
    expect(clash.warnings[0]).toContain('Keynote');
    const otherRoom = await newSession(e.id, { room: 'Workshopraum 2' });
    expect(otherRoom.warnings).toEqual([]);
    const late = await newSession(e.id, { room: 'Foyer', startsAt: '2027-06-10T17:30:00+02:00', endsAt: '2027-06-10T19:00:00+02:00' });
    expect(late.warnings).toHaveLength(1);
    expect(late.warnings[0]).toContain('außerhalb der Veranstaltungszeit');
    expect((await t.client().get(`/api/events/${e.slug}`)).json().event.sessionCount).toBe(4);
  });

  it('refuses an end before the start (German message) and unknown people, and stores nothing', async () => {
    const bad = await staff.post('/api/events', eventBody({ endsAt: '2027-06-10T08:00:00+02:00' }));
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({
      code: 'validation.failed',
      fields: [{ path: 'endsAt', message: 'Das Ende muss nach dem Beginn liegen.' }],
    });
    const e = await newEvent();
    const before = await t.database.db.selectFrom('event_session').select('id').where('event_id', '=', e.id).execute();
    const rev = await staff.post(`/api/events/${e.id}/sessions`, sessionBody({ endsAt: '2027-06-10T09:00:00+02:00' }));
    expect(rev.statusCode).toBe(400);
    expect(rev.json().error.message).toBe('Die Eingaben sind unvollständig oder ungültig.');
    const ghost = await staff.post(`/api/events/${e.id}/sessions`, sessionBody({ speakers: [randomUUID()] }));
    expect(ghost.statusCode).toBe(400);
    expect(ghost.json().error.fields[0].path).toBe('speakers.0');
    const noZone = await staff.post(`/api/events/${e.id}/sessions`, sessionBody({ startsAt: '2027-06-10T10:00:00' }));
    expect(noZone.statusCode).toBe(400);
    const extra = await staff.post(`/api/events/${e.id}/sessions`, { ...sessionBody(), demo: true });
    expect(extra.statusCode).toBe(400);
    const nul = await staff.post(`/api/events/${e.id}/sessions`, sessionBody({ title: 'Null\u0000Byte' }));
    expect(nul.statusCode).toBe(400);
    const huge = await staff.post(`/api/events/${e.id}/sessions`, sessionBody({ abstract: 'x'.repeat(20_000) }));
    expect(huge.statusCode).toBe(400);
    expect((await staff.get('/api/people?q=%00')).statusCode).toBe(400);
    expect(await t.database.db.selectFrom('event_session').select('id').where('event_id', '=', e.id).execute()).toEqual(before);
  });

  it('stores markup byte-exact and hands it out as data in JSON, iCalendar and schedule.json', async () => {
    const title = '<script>alert("x")</script> Kreislauf; Wirtschaft, Sachsen';
    const e = await newEvent({ title });
    const s = await newSession(e.id, { title, abstract: 'Zeile 1\nZeile 2; mit, Zeichen \\ Ende' });
    const row = await t.database.db.selectFrom('event_session').select(['title']).where('id', '=', s.session.id).executeTakeFirstOrThrow();
    expect(row.title).toBe(title);
    const page = await t.client().get(`/api/events/${e.slug}`);
    expect(page.headers['content-type']).toContain('application/json');
    expect(page.json().event.title).toBe(title);
    const ics = await t.client().get(`/api/events/${e.slug}/sessions/${s.session.id}/calendar.ics`);
    const lines = unfold(ics.body);
    expect(lines).toContain('SUMMARY:<script>alert("x")</script> Kreislauf\\; Wirtschaft\\, Sachsen');
    expect(lines.find((l) => l.startsWith('DESCRIPTION:'))).toContain('Zeile 1\\nZeile 2\\; mit\\, Zeichen \\\\ Ende');
    const schedule = await t.client().get(`/api/events/${e.slug}/schedule.json`);
    expect(schedule.headers['content-type']).toContain('application/json');
    expect(JSON.stringify(schedule.json())).toContain(JSON.stringify(title).slice(1, -1));
  });

  it('serves iCalendar files with stable UIDs, UTC times, folding at 75 octets and the session URL', async () => {
    const e = await newEvent();
    const person = await newPerson();
    const long = 'Veränderungskompetenz in der Transformation – Qualifizierung für Beschäftigte in Zulieferbetrieben Südwestsachsens';
    const s = await newSession(e.id, { title: long, speakers: [person.id], room: 'Saal 2, Erdgeschoss' });
    const url = `/api/events/${e.slug}/sessions/${s.session.id}/calendar.ics`;
    const [a, b] = [await t.client().get(url), await t.client().get(url)];
    expect(a.statusCode).toBe(200);
    expect(a.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(a.body).toBe(b.body);
    for (const line of a.body.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    expect(a.body.endsWith('\r\n')).toBe(true);
    expect(a.body.split('\r\n').some((l) => l.startsWith(' '))).toBe(true);
    const lines = unfold(a.body);
    expect(lines[0]).toBe('BEGIN:VCALENDAR');
    expect(lines).toContain('VERSION:2.0');
    expect(lines.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(1);
    expect(lines).toContain(`UID:session-${s.session.id}@localhost:3000`);
    expect(lines).toContain('DTSTART:20270610T080000Z');
    expect(lines).toContain('DTEND:20270610T090000Z');
    expect(lines).toContain(`SUMMARY:${long}`);
    expect(lines).toContain(`URL:http://localhost:3000/veranstaltungen/${e.slug}#sitzung-${s.session.id}`);
    expect(lines).toContain('LOCATION:Saal 2\\, Erdgeschoss\\, Neue Welt\\, Leipziger Straße 182\\, 08058 Zwickau');
    expect(lines.find((l) => l.startsWith('DESCRIPTION:'))).toContain('Dr. Erika Beispiel');
    expect(lines.at(-2)).toBe('END:VCALENDAR');
    const ev = unfold((await t.client().get(`/api/events/${e.slug}/calendar.ics`)).body);
    expect(ev).toContain(`UID:event-${e.id}@localhost:3000`);
    expect(ev).toContain('DTSTART:20270610T070000Z');
    expect((await t.client().get(`/api/events/${e.slug}/sessions/${randomUUID()}/calendar.ics`)).statusCode).toBe(404);
  });

  it('emits a frab schedule.json with parallel sessions in two rooms on one day', async () => {
    const e = await newEvent({ startsAt: '2027-06-10T09:00:00+02:00', endsAt: '2027-06-11T16:00:00+02:00' });
    const p = await newPerson('Max Mustermann (fiktiv)');
    await newSession(e.id, {
      type: 'begruessung',
      title: 'Begrüßung',
      startsAt: '2027-06-10T09:00:00+02:00',
      endsAt: '2027-06-10T09:30:00+02:00',
    });
    await newSession(e.id, {
      type: 'workshop',
      title: 'Circular Cars – Made in Sachsen',
      room: 'Saal A',
      track: 'Industriepolitik',
      startsAt: '2027-06-10T14:00:00+02:00',
      endsAt: '2027-06-10T15:30:00+02:00',
      speakers: [p.id],
    });
    await newSession(e.id, {
      type: 'panel',
      title: 'Menschenleere Produktion 2035?',
      room: 'Saal B',
      startsAt: '2027-06-10T14:00:00+02:00',
      endsAt: '2027-06-10T15:30:00+02:00',
    });
    const res = await t.client().get(`/api/events/${e.slug}/schedule.json`);
    expect(res.statusCode).toBe(200);
    const doc = ScheduleSchema.parse(res.json());
    const c = doc.schedule.conference;
    expect(c).toMatchObject({ acronym: e.slug, start: '2027-06-10', end: '2027-06-11', daysCount: 2, time_zone_name: 'Europe/Berlin' });
    expect(c.days.map((d) => [d.index, d.date])).toEqual([
      [0, '2027-06-10'],
      [1, '2027-06-11'],
    ]);
    const day = c.days[0]!;
    expect(Object.keys(day.rooms).sort()).toEqual(['Großer Saal', 'Saal A', 'Saal B']);
    const a = day.rooms['Saal A']![0]!;
    expect(a).toMatchObject({
      start: '14:00',
      duration: '01:30',
      date: '2027-06-10T14:00:00+02:00',
      room: 'Saal A',
      track: 'Industriepolitik',
      type: 'workshop',
      language: 'de',
    });
    expect(a.persons).toEqual([expect.objectContaining({ guid: p.id, public_name: 'Max Mustermann (fiktiv)' })]);
    expect(a.url).toBe(`http://localhost:3000/veranstaltungen/${e.slug}#sitzung-${a.guid}`);
    expect(day.rooms['Saal B']![0]!.start).toBe('14:00');
    expect(day.day_start).toBe('2027-06-10T09:00:00+02:00');
    expect(c.days[1]!.rooms).toEqual({});
    const again = (await t.client().get(`/api/events/${e.slug}/schedule.json`)).json();
    expect(again.schedule.version).toBe(doc.schedule.version);

    const programme = (await t.client().get(`/api/events/${e.slug}`)).json();
    expect(programme.days).toHaveLength(1);
    const parallel = programme.days[0].slots.find((s: { start: string }) => s.start === '14:00');
    expect(parallel.sessions.map((s: { room: string }) => s.room)).toEqual(['Saal A', 'Saal B']);
    expect(parallel.sessions[0].speakers[0].name).toBe('Max Mustermann (fiktiv)');
  });

  it('deletes a session, lists and finds people, and audits the changes', async () => {
    const e = await newEvent();
    const s = await newSession(e.id);
    const del = await staff.delete(`/api/events/${e.id}/sessions/${s.session.id}`);
    expect(del.statusCode, del.body).toBe(200);
    expect((await staff.delete(`/api/events/${e.id}/sessions/${s.session.id}`)).statusCode).toBe(404);
    await newPerson('Zora Zufall');
    const found = (await staff.get('/api/people?q=zuf')).json().items.map((p: { name: string }) => p.name);
    expect(found).toContain('Zora Zufall');
    expect((await staff.get('/api/people?q=50%25')).statusCode).toBe(200);
    const actions = (
      await t.database.db.selectFrom('audit_event').select('action').where('target_id', 'in', [e.id, s.session.id]).execute()
    ).map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['event.created', 'event.session_created', 'event.session_deleted']));
  });
});
