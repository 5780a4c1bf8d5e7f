import { createHash, randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CheckinBatchResult, CheckinList } from '../../../contracts/checkin.ts';
import { useTestApp, type TestClient } from '../../test/test-app.ts';
import { seededRegistration } from './checkin.fixtures.ts';
import { createRegEvent, mailsTo, registerAndConfirm } from './registration.fixtures.ts';

const rnd = () => Math.random().toString(36).slice(2, 10);
const addr = (name: string) => `${name}-${rnd()}@test.itas.example`;
const AT = '2027-06-10T07:12:00.000Z';
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

describe('check-in at the door', () => {
  const t = useTestApp();
  let staff: TestClient;
  beforeAll(async () => {
    staff = (await t.signIn({ role: 'staff', org: 'cwe' })).client;
  });

  const scan = (eventId: string, token: string, at = AT, id = randomUUID()) =>
    staff.post(`/api/events/${eventId}/checkins/ticket`, { id, token, at });
  const sync = async (eventId: string, items: object[]) => {
    const res = await staff.post(`/api/events/${eventId}/checkins`, { items });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<CheckinBatchResult>();
  };

  it('checks in a confirmed registration by its QR ticket from the self-service page; a second scan is flagged, not counted', async () => {
    const ev = await createRegEvent(t, { capacity: 10 });
    const client = await t.client().init();
    const email = addr('qr');
    const { view } = await registerAndConfirm(t, client, ev.slug, email, { name: 'Łukasz Żółć' });
    const ticket = (view as unknown as { ticket: string }).ticket;
    expect(ticket).toMatch(/^ITAS1\./);
    const confirmation = (await mailsTo(t, email)).find((m) => m.subject.startsWith('Anmeldung bestätigt'));
    expect(confirmation?.text_body).toContain('Ihr Ticket für den Einlass hängt als QR-Code an (ticket.png)');
    expect(confirmation?.text_body).not.toContain(ticket);
    expect(ticket).not.toContain('ukasz');

    const first = await scan(ev.id, ticket, '2027-06-10T09:12:00+02:00');
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({
      status: 'checked_in',
      duplicate: false,
      name: 'Łukasz Żółć',
      firstCheckedInAt: '2027-06-10T07:12:00.000Z',
      counts: { confirmed: 1, checkedIn: 1 },
    });
    const again = await scan(ev.id, ticket, '2027-06-10T09:40:00+02:00');
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({
      status: 'duplicate',
      duplicate: true,
      firstCheckedInAt: '2027-06-10T07:12:00.000Z',
      counts: { checkedIn: 1 },
    });
    const rows = await t.database.db.selectFrom('checkin').select(['duplicate']).where('event_id', '=', ev.id).execute();
    expect(rows.map((r) => Number(r.duplicate)).sort()).toEqual([0, 1]);
  });

  it('refuses a forged ticket with 400 and changes nothing', async () => {
    const ev = await createRegEvent(t);
    const genuine = await seededRegistration(t, ev.id);
    const [prefix, id, sig] = genuine.token.split('.') as [string, string, string];
    const forged = `${prefix}.${id}.${sig.slice(0, -2)}${sig.endsWith('AA') ? 'BB' : 'AA'}`;
    for (const token of [forged, 'ITAS1.abc.def', 'https://example.org/']) {
      const res = await scan(ev.id, token);
      expect(res.statusCode, token).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'checkin.ticket_invalid' });
      expect(res.json().error.message).toContain('Ungültiges Ticket');
    }
    expect(await t.database.db.selectFrom('checkin').select('id').where('event_id', '=', ev.id).execute()).toEqual([]);
  });

  it('refuses the ticket of a cancelled registration (409) and a ticket of another event (409, own message)', async () => {
    const ev = await createRegEvent(t, { capacity: 10 });
    const other = await createRegEvent(t);
    const client = await t.client().init();
    const reg = await registerAndConfirm(t, client, ev.slug, addr('storno'));
    const ticket = (reg.view as unknown as { ticket: string }).ticket;
    const cancelled = await client.post('/api/registrations/self/cancel', { token: reg.token });
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', ticket: null });

    const res = await scan(ev.id, ticket);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('checkin.ticket_cancelled');

    const foreign = await seededRegistration(t, other.id);
    const wrong = await scan(ev.id, foreign.token);
    expect(wrong.statusCode).toBe(409);
    expect(wrong.json().error).toMatchObject({
      code: 'checkin.ticket_wrong_event',
      message: 'Dieses Ticket gehört zu einer anderen Veranstaltung.',
    });
    const waiting = await seededRegistration(t, ev.id, { status: 'waitlisted' });
    expect((await scan(ev.id, waiting.token)).json().error.code).toBe('checkin.ticket_not_confirmed');
    expect(await t.database.db.selectFrom('checkin').select('id').where('event_id', '=', ev.id).execute()).toEqual([]);
  });

  it('checks in by name search (registration id) and refuses the id of another event without naming the person', async () => {
    const ev = await createRegEvent(t);
    const other = await createRegEvent(t);
    const a = await seededRegistration(t, ev.id, { name: 'Jürgen Groß' });
    const b = await seededRegistration(t, other.id, { name: 'Geheim Fremd' });
    const out = await sync(ev.id, [
      { id: randomUUID(), registrationId: a.id, at: AT, method: 'name' },
      { id: randomUUID(), registrationId: b.id, at: AT, method: 'name' },
      { id: randomUUID(), registrationId: randomUUID(), at: AT, method: 'name' },
    ]);
    expect(out.results.map((r) => [r.status, r.name])).toEqual([
      ['checked_in', 'Jürgen Groß'],
      ['wrong_event', null],
      ['invalid', null],
    ]);
    const row = await t.database.db.selectFrom('checkin').selectAll().where('registration_id', '=', a.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ method: 'name', checked_in_at: AT, recorded_at: t.now.toISOString() });
  });

  it('stores an offline batch with mixed results once, however often it is sent', async () => {
    const ev = await createRegEvent(t);
    const [a, b, c] = [await seededRegistration(t, ev.id), await seededRegistration(t, ev.id), await seededRegistration(t, ev.id)];
    const gone = await seededRegistration(t, ev.id, { status: 'cancelled' });
    const items = [
      { id: randomUUID(), token: a.token, at: '2027-06-10T07:01:00Z', method: 'qr' },
      { id: randomUUID(), token: b.token, at: '2027-06-10T07:02:00Z', method: 'qr' },
      { id: randomUUID(), token: a.token, at: '2027-06-10T07:03:00Z', method: 'qr' },
      { id: randomUUID(), token: `${gone.token}`, at: '2027-06-10T07:04:00Z', method: 'qr' },
      { id: randomUUID(), token: 'ITAS1.gefaelscht.ticket', at: '2027-06-10T07:05:00Z', method: 'qr' },
      { id: randomUUID(), registrationId: c.id, at: '2027-06-10T07:06:00Z', method: 'name' },
    ];
    const first = await sync(ev.id, items);
    expect(first.results.map((r) => r.status)).toEqual(['checked_in', 'checked_in', 'duplicate', 'cancelled', 'invalid', 'checked_in']);
    expect(first.results[2]!.firstCheckedInAt).toBe('2027-06-10T07:01:00.000Z');
    expect(first.counts).toEqual({ confirmed: 3, checkedIn: 3 });

    const count = async () => (await t.database.db.selectFrom('checkin').select('id').where('event_id', '=', ev.id).execute()).length;
    expect(await count()).toBe(4);
    const second = await sync(ev.id, items);
    expect(second).toEqual(first);
    expect(await count()).toBe(4);

    const audit = await t.database.db
      .selectFrom('audit_event')
      .select(['details'])
      .where('action', '=', 'registration.checkins_synced')
      .where('target_id', '=', ev.id)
      .execute();
    expect(audit).toHaveLength(2);
    expect(JSON.parse(audit[0]!.details)).toMatchObject({ scans: 6, checkedIn: 3, duplicates: 1, refused: 2 });
    expect(audit.map((r) => r.details).join()).not.toContain('Erika');
  });

  it('flags the later of two devices scanning the same person as duplicate', async () => {
    const ev = await createRegEvent(t);
    const p = await seededRegistration(t, ev.id);
    const deviceA = await sync(ev.id, [{ id: randomUUID(), token: p.token, at: '2027-06-10T07:30:00Z', method: 'qr' }]);
    const deviceB = await sync(ev.id, [{ id: randomUUID(), token: p.token, at: '2027-06-10T07:20:00Z', method: 'qr' }]);
    expect(deviceA.results[0]!.status).toBe('checked_in');
    expect(deviceB.results[0]).toMatchObject({ status: 'duplicate', firstCheckedInAt: '2027-06-10T07:30:00.000Z' });
    expect(deviceB.counts.checkedIn).toBe(1);
  });

  it('lists confirmed registrations for offline use: ticket hashes that match, no e-mail addresses', async () => {
    const ev = await createRegEvent(t, { capacity: 10 });
    const client = await t.client().init();
    const email = addr('liste');
    const { view } = await registerAndConfirm(t, client, ev.slug, email, { name: 'Anna Ärger', organisation: 'Über GmbH' });
    const ticket = (view as unknown as { ticket: string }).ticket;
    await seededRegistration(t, ev.id, { status: 'cancelled', name: 'Storniert Person' });
    await scan(ev.id, ticket);

    const res = await staff.get(`/api/events/${ev.id}/checkin`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).not.toContain('@');
    const data = res.json<CheckinList>();
    expect(data.counts).toEqual({ confirmed: 1, checkedIn: 1 });
    expect(data.people).toHaveLength(1);
    expect(data.people[0]).toMatchObject({ name: 'Anna Ärger', organisation: 'Über GmbH', ticketHash: sha256(ticket) });
    expect(data.people[0]!.checkedInAt).toBe(AT);
    expect(res.body).not.toContain(ticket);
  });

  it('prints a badge sheet with the names, eight badges per page, for staff only', async () => {
    const ev = await createRegEvent(t);
    for (let i = 0; i < 8; i++) await seededRegistration(t, ev.id, { name: `Person ${i}` });
    await seededRegistration(t, ev.id, { name: 'Łukasz Żółć' });
    await seededRegistration(t, ev.id, { name: '<script>alert(1)</script>' });
    await seededRegistration(t, ev.id, { name: 'Storniert', status: 'cancelled' });

    const res = await staff.get(`/api/events/${ev.id}/badges.pdf`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="namensschilder-.+\.pdf"$/);
    const pdf = res.rawPayload;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdf.toString('latin1');
    expect(text.match(/\/Type \/Page\b/g)).toHaveLength(2); // 10 confirmed people, 8 per page
    expect(text).toMatch(/\/FontFile2/); // the font is embedded
    expect(text).toMatch(/NotoSans/);

    const analyst = (await t.signIn({ role: 'analyst', org: 'cwe' })).client;
    expect((await analyst.get(`/api/events/${ev.id}/badges.pdf`)).statusCode).toBe(403);
    expect((await analyst.get(`/api/events/${ev.id}/checkin`)).statusCode).toBe(403);
    const company = (await t.signIn({ role: 'company', org: 'amz' })).client;
    const denied = await company.post(`/api/events/${ev.id}/checkins`, {
      items: [{ id: randomUUID(), registrationId: randomUUID(), at: AT, method: 'name' }],
    });
    expect(denied.statusCode).toBe(403);
  });

  it('refuses malformed batches with 400 and nothing stored', async () => {
    const ev = await createRegEvent(t);
    const p = await seededRegistration(t, ev.id);
    const bad = [
      { items: [] },
      { items: [{ id: 'nicht-uuid', token: p.token, at: AT, method: 'qr' }] },
      { items: [{ id: randomUUID(), token: p.token, registrationId: p.id, at: AT, method: 'qr' }] },
      { items: [{ id: randomUUID(), at: AT, method: 'qr' }] },
      { items: [{ id: randomUUID(), token: p.token, at: 'gestern', method: 'qr' }] },
      { items: Array.from({ length: 501 }, () => ({ id: randomUUID(), token: p.token, at: AT, method: 'qr' })) },
    ];
    for (const body of bad) expect((await staff.post(`/api/events/${ev.id}/checkins`, body)).statusCode).toBe(400);
    expect(await t.database.db.selectFrom('checkin').select('id').where('event_id', '=', ev.id).execute()).toEqual([]);
    expect((await staff.get(`/api/events/${randomUUID()}/checkin`)).statusCode).toBe(404);
  });
});
