import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../config.ts';
import { useTestApp } from '../../test/test-app.ts';
import { addr, createTimedEvent } from './registration-jobs.fixtures.ts';
import { mailsTo, registerAndConfirm, tokensIn } from './registration.fixtures.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const at = (base: Date, ms: number) => new Date(base.getTime() + ms);
const reminders = async (t: ReturnType<typeof useTestApp>, email: string) =>
  (await mailsTo(t, email)).filter((m) => m.subject.startsWith('Erinnerung:'));

describe('registration reminders', () => {
  const t = useTestApp();

  it('reminds every confirmed participant once, 24 hours before, with date, venue, workshops and a working link', async () => {
    const ev = await createTimedEvent(t, {
      startsAt: at(t.now, 3 * DAY),
      capacity: 3,
      title: 'Zukunftsforum Erinnerung',
      workshops: [
        { title: 'Batteriezellen in Sachsen', afterMinutes: 60, minutes: 90, room: 'Saal Schönfeld', capacity: 10 },
        { title: 'Wasserstoff im Werk', afterMinutes: 180, minutes: 60, room: 'Raum 2', capacity: 1 },
      ],
    });
    const [ws1, ws2] = ev.workshops as [string, string];
    const client = await t.client().init();
    const a = addr('a');
    const b = addr('b');
    const c = addr('c');
    const d = addr('d');
    const e = addr('e');
    await registerAndConfirm(t, client, ev.slug, a, { name: 'Anna Ärger', workshopSessionIds: [ws1, ws2] });
    await registerAndConfirm(t, client, ev.slug, b, { workshopSessionIds: [ws2] }); // workshop 2 full: waitlisted there
    const dReg = await registerAndConfirm(t, client, ev.slug, d);
    expect((await registerAndConfirm(t, client, ev.slug, c)).view.status).toBe('waitlisted');
    expect((await registerAndConfirm(t, client, ev.slug, e)).view.status).toBe('waitlisted');
    await client.post('/api/registrations/self/cancel', { token: dReg.token }); // c gets an offer, e stays waitlisted
    const firstSelfLinks = await tokensIn(t, a, 'self');

    const registrations = t.app.services.registrations;
    expect(await registrations.sendReminders(at(ev.startsAt, -DAY - 60_000))).toBe(0);
    expect(await registrations.sendReminders(at(ev.startsAt, -DAY))).toBe(2);
    expect(await registrations.sendReminders(at(ev.startsAt, -DAY + 60_000))).toBe(0);
    expect(await registrations.sendReminders(at(ev.startsAt, -3 * HOUR))).toBe(0);

    const [mailA] = await reminders(t, a);
    expect(await reminders(t, a)).toHaveLength(1);
    expect(mailA!.subject).toBe('Erinnerung: Zukunftsforum Erinnerung am 05.03.2026');
    const text = mailA!.text_body!;
    expect(text).toContain('Guten Tag Anna Ärger,');
    expect(text).toContain('„Zukunftsforum Erinnerung“ findet am Donnerstag, 05.03.2026, von 10:00 bis 18:00 Uhr statt.');
    expect(text).toContain('Neue Welt\nLeipziger Straße 182\n08058 Zwickau');
    expect(text).toContain(
      'Ihre Workshops:\n- 11:00–12:30 Uhr: Batteriezellen in Sachsen (Raum: Saal Schönfeld)\n- 13:00–14:00 Uhr: Wasserstoff im Werk (Raum: Raum 2)',
    );
    expect(text).toContain('frühere Links gelten nicht mehr');
    // The QR ticket travels again with the reminder.
    expect(text).toContain('Ihr Ticket für den Einlass hängt als QR-Code an (ticket.png).');
    const [attachment] = JSON.parse(mailA!.attachments!) as { filename: string; contentType: string; base64: string }[];
    expect(attachment).toMatchObject({ filename: 'ticket.png', contentType: 'image/png' });
    expect(Buffer.from(attachment!.base64, 'base64').subarray(1, 4).toString('latin1')).toBe('PNG');

    // The link in the reminder works; it replaced the earlier one, as the mail says.
    const links = await tokensIn(t, a, 'self');
    const reminderLink = links[links.length - 1]!;
    expect(firstSelfLinks).not.toContain(reminderLink);
    const view = await client.post('/api/registrations/self', { token: reminderLink });
    expect(view.statusCode).toBe(200);
    expect(view.json()).toMatchObject({ status: 'confirmed', changeable: true });
    expect((await client.post('/api/registrations/self', { token: firstSelfLinks[firstSelfLinks.length - 1] })).statusCode).toBe(404);

    // b holds the event seat but only a waitlist place in workshop 2: no workshop in the mail.
    const [mailB] = await reminders(t, b);
    expect(mailB!.text_body).not.toMatch(/Ihre? Workshops?:/);
    expect(mailB!.text_body).not.toContain('Wasserstoff');
    // Offered (c), waitlisted (e) and cancelled (d) people get no reminder.
    for (const who of [c, d, e]) expect(await reminders(t, who)).toHaveLength(0);
  });

  it('sends one reminder per person when two runs race (claim in the outbox transaction)', async () => {
    const ev = await createTimedEvent(t, { startsAt: at(t.now, 10 * DAY) });
    const client = await t.client().init();
    const people = [addr('p1'), addr('p2'), addr('p3'), addr('p4')];
    for (const p of people) await registerAndConfirm(t, client, ev.slug, p);
    const due = at(ev.startsAt, -20 * HOUR);
    const runs = await Promise.all([
      t.app.services.registrations.sendReminders(due),
      t.app.services.registrations.sendReminders(due),
      t.app.services.registrations.sendReminders(due),
    ]);
    expect(runs.reduce((x, y) => x + y, 0)).toBe(4);
    for (const p of people) expect(await reminders(t, p)).toHaveLength(1);
    const marked = await t.database.db.selectFrom('registration').select('reminder_sent_at').where('event_id', '=', ev.id).execute();
    expect(marked.map((r) => r.reminder_sent_at)).toEqual(people.map(() => due.toISOString()));
  });

  it('reminds late registrations while the event is at least 2 hours away, not later', async () => {
    const soon = await createTimedEvent(t, { startsAt: at(t.now, 90 * 60_000) });
    const later = await createTimedEvent(t, { startsAt: at(t.now, 10 * HOUR) });
    const client = await t.client().init();
    const late = addr('late');
    const early = addr('early');
    await registerAndConfirm(t, client, soon.slug, late);
    await registerAndConfirm(t, client, later.slug, early);
    expect(await t.app.services.registrations.sendReminders(t.now)).toBe(1);
    expect(await reminders(t, early)).toHaveLength(1);
    expect(await reminders(t, late)).toHaveLength(0);
    // Not even when the job runs again until the start.
    expect(await t.app.services.registrations.sendReminders(at(t.now, 80 * 60_000))).toBe(0);
    expect(await reminders(t, late)).toHaveLength(0);
  });

  it('says that changes are no longer possible once registration has closed', async () => {
    const ev = await createTimedEvent(t, { startsAt: at(t.now, 5 * DAY), hours: 30 });
    const client = await t.client().init();
    const p = addr('geschlossen');
    await registerAndConfirm(t, client, ev.slug, p);
    await t.app.services.registrations.updateCapacity(ev.staff, ev.id, {
      capacity: null,
      registrationClosesAt: at(t.now, DAY).toISOString(),
      sessions: [],
    });
    expect(await t.app.services.registrations.sendReminders(at(ev.startsAt, -12 * HOUR))).toBe(1);
    const [mail] = await reminders(t, p);
    expect(mail!.text_body).toContain(
      'Die Anmeldung ist geschlossen; wenn Sie nicht kommen können, geben Sie bitte den Veranstaltern Bescheid',
    );
    // Over two days: both ends with their day.
    expect(mail!.text_body).toMatch(/findet vom \w+, \d\d\.\d\d\.\d{4}, \d\d:\d\d Uhr, bis \w+, \d\d\.\d\d\.\d{4}, \d\d:\d\d Uhr statt\./);
  });

  it('reads the reminder window from REGISTRATION_REMINDER_HOURS (default 24, at least 3)', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'itas-reminder-'));
    expect(loadConfig({ DATA_DIR: dir }).registration.reminderHours).toBe(24);
    expect(loadConfig({ DATA_DIR: dir, REGISTRATION_REMINDER_HOURS: '48' }).registration.reminderHours).toBe(48);
    expect(() => loadConfig({ DATA_DIR: dir, REGISTRATION_REMINDER_HOURS: '2' })).toThrow(ConfigError);
    expect(() => loadConfig({ DATA_DIR: dir, REGISTRATION_REMINDER_HOURS: '2' })).toThrow(/REGISTRATION_REMINDER_HOURS/);
  });
});

describe('registration reminders with a 48-hour window', () => {
  const t = useTestApp({
    registration: { offerHours: 48, reminderHours: 48, retentionDays: 90, limits: { perAddress: 10_000, perEmail: 1000 } },
  });

  it('sends the reminder 48 hours before the start', async () => {
    const ev = await createTimedEvent(t, { startsAt: at(t.now, 5 * DAY) });
    const client = await t.client().init();
    const p = addr('p');
    await registerAndConfirm(t, client, ev.slug, p);
    expect(await t.app.services.registrations.sendReminders(at(ev.startsAt, -48 * HOUR - 60_000))).toBe(0);
    expect(await t.app.services.registrations.sendReminders(at(ev.startsAt, -48 * HOUR))).toBe(1);
    expect(await reminders(t, p)).toHaveLength(1);
  });
});
