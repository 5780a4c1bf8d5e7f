import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { main } from '../../../cli/main.ts';
import { ConfigError, loadConfig } from '../../config.ts';
import { openDatabase } from '../../db/database.ts';
import { migrateToLatest } from '../../db/migrations/index.ts';
import { createTestDatabase, useTestApp } from '../../test/test-app.ts';
import { addr, createTimedEvent } from './registration-jobs.fixtures.ts';
import { registerAndConfirm } from './registration.fixtures.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const at = (base: Date, ms: number) => new Date(base.getTime() + ms);

describe('registration retention', () => {
  const t = useTestApp();
  const db = () => t.database.db;
  const countRegs = async (eventId: string) =>
    Number(
      (
        await db()
          .selectFrom('registration')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('event_id', '=', eventId)
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('deletes the registrations 90 days after the event (not after 89) and keeps the counts for staff', async () => {
    const ev = await createTimedEvent(t, {
      startsAt: at(t.now, 2 * DAY),
      capacity: 2,
      workshops: [{ title: 'Kreislaufwirtschaft', afterMinutes: 60, minutes: 60, room: 'Raum 1', capacity: 1 }],
    });
    const other = await createTimedEvent(t, { startsAt: at(t.now, 40 * DAY) });
    const [ws] = ev.workshops as [string];
    const client = await t.client().init();
    const firma = addr('firma');
    await registerAndConfirm(t, client, ev.slug, firma, { participantType: 'unternehmen', workshopSessionIds: [ws] });
    await registerAndConfirm(t, client, ev.slug, addr('buerger'), { participantType: 'buerger', workshopSessionIds: [ws] });
    await registerAndConfirm(t, client, ev.slug, addr('presse'), { participantType: 'presse' }); // waitlisted
    const otherMail = addr('andere');
    await registerAndConfirm(t, client, other.slug, otherMail);
    // A check-in scan references the registration (ON DELETE CASCADE): it goes with it.
    const [firstReg] = await db().selectFrom('registration').select('id').where('email', '=', firma).execute();
    const scan = (method: 'name' | 'qr', duplicate: 0 | 1) =>
      db()
        .insertInto('checkin')
        .values({
          id: randomUUID(),
          event_id: ev.id,
          registration_id: firstReg!.id,
          checked_in_at: ev.startsAt.toISOString(),
          recorded_at: ev.startsAt.toISOString(),
          by_user_id: null,
          method,
          duplicate,
        })
        .execute();
    await scan('name', 0);
    // A second scan of the same ticket: flagged, and not counted as a second attendee.
    await scan('qr', 1);

    const registrations = t.app.services.registrations;
    expect(await registrations.purgeExpiredRegistrations(at(ev.endsAt, 89 * DAY))).toEqual({ events: 0, registrations: 0 });
    expect(await countRegs(ev.id)).toBe(3);
    expect(await registrations.purgeExpiredRegistrations(at(ev.endsAt, 90 * DAY - 1000))).toEqual({ events: 0, registrations: 0 });

    t.now = at(ev.endsAt, 90 * DAY);
    expect(await registrations.purgeExpiredRegistrations(t.now)).toEqual({ events: 1, registrations: 3 });
    expect(await countRegs(ev.id)).toBe(0);
    expect(await db().selectFrom('registration_workshop').selectAll().where('session_id', '=', ws).execute()).toEqual([]);
    expect(await db().selectFrom('checkin').selectAll().where('event_id', '=', ev.id).execute()).toEqual([]);
    expect(
      await db()
        .selectFrom('registration')
        .selectAll()
        .where('email', 'like', '%@test.itas.example')
        .where('event_id', '=', ev.id)
        .execute(),
    ).toEqual([]);
    // The other event (ended 50 days before) keeps its registrations.
    expect(await countRegs(other.id)).toBe(1);

    const staff = (await t.signIn({ role: 'staff' })).client;
    const list = await staff.get(`/api/events/${ev.id}/registrations`);
    expect(list.statusCode).toBe(200);
    const body = list.json();
    expect(body.items).toEqual([]);
    expect(body.counts).toEqual({ pending: 0, confirmed: 2, waitlisted: 1, offered: 0, cancelled: 0, expired: 0 });
    expect(body.workshops[0].counts).toEqual({ confirmed: 1, waitlisted: 1, offered: 0, cancelled: 0, expired: 0 });
    expect(body.retention).toEqual({
      purgedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/),
      retentionDays: 90,
      checkedIn: 1,
      participantTypes: [
        { participantType: 'unternehmen', counts: { pending: 0, confirmed: 1, waitlisted: 0, offered: 0, cancelled: 0, expired: 0 } },
        { participantType: 'buerger', counts: { pending: 0, confirmed: 1, waitlisted: 0, offered: 0, cancelled: 0, expired: 0 } },
        { participantType: 'presse', counts: { pending: 0, confirmed: 0, waitlisted: 1, offered: 0, cancelled: 0, expired: 0 } },
      ],
    });
    expect(Date.parse(body.retention.purgedAt)).toBe(t.now.getTime());
    expect((await staff.get(`/api/events/${other.id}/registrations`)).json().retention).toBeNull();

    // The security log holds the counts, nothing personal.
    const audit = await db().selectFrom('audit_event').selectAll().where('action', '=', 'registration.purged').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ target_type: 'event', target_id: ev.id, actor_id: null });
    expect(JSON.parse(audit[0]!.details)).toEqual({ registrations: 3, confirmed: 2, retentionDays: 90 });

    // A second run changes nothing; the counts are not doubled.
    expect(await registrations.purgeExpiredRegistrations(at(t.now, DAY))).toEqual({ events: 0, registrations: 0 });
    expect((await staff.get(`/api/events/${ev.id}/registrations`)).json().counts.confirmed).toBe(2);
  });

  it('purges an event once when two runs race', async () => {
    const ev = await createTimedEvent(t, { startsAt: at(t.now, 3 * DAY) });
    const client = await t.client().init();
    for (const n of ['x', 'y', 'z']) await registerAndConfirm(t, client, ev.slug, addr(n));
    const due = at(ev.endsAt, 91 * DAY);
    const runs = await Promise.all([
      t.app.services.registrations.purgeExpiredRegistrations(due),
      t.app.services.registrations.purgeExpiredRegistrations(due),
    ]);
    // (The other event of the first test is due by now as well.)
    expect(runs.reduce((s, r) => s + r.registrations, 0)).toBe(4);
    expect(await countRegs(ev.id)).toBe(0);
    const audit = await db()
      .selectFrom('audit_event')
      .select('details')
      .where('target_id', '=', ev.id)
      .where('action', '=', 'registration.purged')
      .execute();
    expect(audit.map((a) => JSON.parse(a.details) as unknown)).toEqual([{ registrations: 3, confirmed: 3, retentionDays: 90 }]);
    const tally = await db().selectFrom('registration_tally').selectAll().where('event_id', '=', ev.id).execute();
    expect(tally.map((r) => [r.session_id, r.status, r.participant_type, r.count])).toEqual([[null, 'confirmed', 'unternehmen', 3]]);
  });

  it('refuses a retention period below one day', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'itas-retention-'));
    expect(loadConfig({ DATA_DIR: dir }).registration.retentionDays).toBe(90);
    expect(loadConfig({ DATA_DIR: dir, REGISTRATION_RETENTION_DAYS: '1' }).registration.retentionDays).toBe(1);
    expect(() => loadConfig({ DATA_DIR: dir, REGISTRATION_RETENTION_DAYS: '0' })).toThrow(ConfigError);
    expect(() => loadConfig({ DATA_DIR: dir, REGISTRATION_RETENTION_DAYS: '0' })).toThrow(
      /REGISTRATION_RETENTION_DAYS muss mindestens 1 sein/,
    );
    expect(() => loadConfig({ DATA_DIR: dir, REGISTRATION_RETENTION_DAYS: '-5' })).toThrow(ConfigError);
  });
});

describe('registration retention with a 30-day period', () => {
  const t = useTestApp({
    registration: { offerHours: 48, reminderHours: 24, retentionDays: 30, limits: { perAddress: 10_000, perEmail: 1000 } },
  });

  it('follows REGISTRATION_RETENTION_DAYS', async () => {
    const ev = await createTimedEvent(t, { startsAt: at(t.now, DAY) });
    const client = await t.client().init();
    await registerAndConfirm(t, client, ev.slug, addr('kurz'));
    expect((await t.app.services.registrations.purgeExpiredRegistrations(at(ev.endsAt, 29 * DAY))).events).toBe(0);
    expect(await t.app.services.registrations.purgeExpiredRegistrations(at(ev.endsAt, 30 * DAY))).toEqual({ events: 1, registrations: 1 });
  });
});

describe('itas retention', () => {
  /** Runs `itas retention` in-process against the database with the given environment. */
  async function itas(env: Record<string, string>): Promise<{ code: number; out: string }> {
    const keys = ['DATA_DIR', 'DATABASE_URL', 'LOG_LEVEL', ...Object.keys(env)];
    const saved = Object.fromEntries(keys.map((k) => [k, process.env[k]]));
    Object.assign(process.env, { LOG_LEVEL: 'silent' }, env);
    let out = '';
    const o = vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
    const e = vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((out += String(s)), true));
    try {
      return { code: await main(['retention']), out };
    } finally {
      o.mockRestore();
      e.mockRestore();
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
  }

  it('deletes the registrations of events whose retention period is over, and refuses a period of 0 days', async () => {
    const created = await createTestDatabase();
    const dataDir = mkdtempSync(path.join(tmpdir(), 'itas-retention-cli-'));
    const target = created.target.kind === 'sqlite' ? { kind: 'sqlite' as const, file: path.join(dataDir, 'itas.sqlite') } : created.target;
    const env = target.kind === 'postgres' ? { DATA_DIR: dataDir, DATABASE_URL: target.url } : { DATA_DIR: dataDir, DATABASE_URL: '' };
    const handle = openDatabase(target);
    try {
      await migrateToLatest(handle.db);
      const ended = (daysAgo: number) => new Date(Date.now() - daysAgo * DAY).toISOString();
      const event = (id: string, endsAt: string) => ({
        id,
        slug: `alt-${id.slice(0, 8)}`,
        series_id: null,
        title: 'Kongress',
        format: 'kongress',
        starts_at: endsAt,
        ends_at: endsAt,
        venue_name: 'Stadthalle',
        venue_street: 'Theaterstraße 3',
        venue_postal_code: '09111',
        venue_city: 'Chemnitz',
        organisers: '[]',
        fields_of_action: '[]',
        visibility: 'public',
        description: '',
        is_demo: 0,
        created_at: endsAt,
        updated_at: endsAt,
        version: 1,
      });
      const registration = (eventId: string) => ({
        id: randomUUID(),
        event_id: eventId,
        email: `${randomUUID()}@test.itas.example`,
        email_key: randomUUID(),
        name: 'Erika Beispiel',
        organisation: '',
        participant_type: 'buerger',
        accessibility_needs: '',
        requested_session_ids: '[]',
        status: 'confirmed' as const,
        queued_at: null,
        queue_seq: 1,
        offer_expires_at: null,
        confirm_token_hash: null,
        self_token_hash: null,
        consent_at: ended(100),
        created_at: ended(100),
        updated_at: ended(100),
      });
      const old = randomUUID();
      const recent = randomUUID();
      await handle.db
        .insertInto('event')
        .values([event(old, ended(91)), event(recent, ended(80))])
        .execute();
      await handle.db
        .insertInto('registration')
        .values([registration(old), registration(old), registration(recent)])
        .execute();

      const refused = await itas({ ...env, REGISTRATION_RETENTION_DAYS: '0' });
      expect(refused.code).toBe(1);
      expect(refused.out).toContain('REGISTRATION_RETENTION_DAYS muss mindestens 1 sein');

      const run = await itas(env);
      expect(run).toEqual({
        code: 0,
        out: 'Anmeldedaten gelöscht: 2 Anmeldung(en) aus 1 Veranstaltung(en); die Zahlen bleiben erhalten.\n',
      });
      const left = await handle.db.selectFrom('registration').select('event_id').execute();
      expect(left).toEqual([{ event_id: recent }]);
      expect((await itas(env)).out).toBe('Keine Veranstaltung, deren Aufbewahrungsfrist (90 Tage) abgelaufen ist.\n');
    } finally {
      await handle.close();
      await created.drop();
    }
  });
});
