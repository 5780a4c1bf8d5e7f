import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/database.ts';
import { exited, openSession, seedDatabase, startServer, type ServerProcess } from '../../test/server-process.ts';

// The real server with info logging, through the whole registration flow: its output must carry
// no name, no e-mail address and no token.
const dataDir = mkdtempSync(path.join(tmpdir(), 'itas-registration-logs-'));
let server: ServerProcess | undefined;

afterAll(async () => {
  if (server && server.child.exitCode === null) {
    server.child.kill('SIGTERM');
    await exited(server.child);
  }
  rmSync(dataDir, { recursive: true, force: true });
});

describe('registration and the log', () => {
  it('logs neither names nor addresses nor tokens', async () => {
    const { config, handle, services } = await seedDatabase(dataDir, 'silent');
    const cwe = (await services.organisations.bySlug('cwe'))!;
    const user = await services.users.create(
      null,
      {
        email: 'staff-log@itas.example',
        displayName: 'Staff',
        role: 'staff',
        organisationId: cwe.id,
        password: 'ein langes Passwort 2026',
      },
      { trusted: true },
    );
    const staff = { userId: user.id, role: 'staff' as const, organisationId: cwe.id, displayName: 'Staff', sessionId: 'x' };
    const day = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    const event = await services.events.createEvent(staff, {
      slug: 'forum-log',
      seriesId: null,
      title: 'Forum',
      format: 'zukunftsforum',
      startsAt: `${day}T09:00:00Z`,
      endsAt: `${day}T17:00:00Z`,
      venue: { name: 'Halle', street: '', postalCode: '09111', city: 'Chemnitz' },
      organisers: ['cwe'],
      fieldsOfAction: [],
      visibility: 'public',
      description: '',
    });
    await services.registrations.updateCapacity(staff, event.id, { capacity: 1, registrationClosesAt: null, sessions: [] });
    await handle.close();

    server = await startServer(dataDir, { args: ['--no-demo'], env: { LOG_LEVEL: 'info' } });
    const { cookie, csrfToken } = await openSession(server.base);
    const post = (url: string, body: object) =>
      fetch(`${server!.base}${url}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
        body: JSON.stringify(body),
      });
    const reader = openDatabase(config.database);
    const tokens = async (email: string, re: RegExp) =>
      (await reader.db.selectFrom('mail_outbox').select('text_body').where('to_address', '=', email).execute()).flatMap((m) =>
        [...(m.text_body ?? '').matchAll(re)].map((x) => x[1]!),
      );
    const people = [
      { name: 'Zacharias Geheimname', email: 'zacharias.geheim@example.org' },
      { name: 'Yvonne Verborgen', email: 'yvonne.verborgen@example.org' },
    ];
    for (const p of people) {
      const body = {
        ...p,
        organisation: 'Firma Unsichtbar',
        participantType: 'buerger',
        accessibilityNeeds: 'Rollstuhl',
        workshopSessionIds: [],
        consent: true,
      };
      expect((await post(`/api/events/${event.slug}/registrations`, body)).status).toBe(202);
      const [confirm] = await tokens(p.email, /bestaetigen#([A-Za-z0-9_-]{43})/g);
      expect((await post('/api/registrations/confirm', { token: confirm })).status).toBe(200);
    }
    const [first] = await tokens(people[0]!.email, /anmeldung#([A-Za-z0-9_-]{43})/g);
    expect((await post('/api/registrations/self/cancel', { token: first })).status).toBe(200);
    expect((await post('/api/registrations/self/accept', { token: 'x'.repeat(43) })).status).toBe(404);
    expect(
      (
        await post(`/api/events/${event.slug}/registrations`, {
          ...people[0],
          organisation: '',
          participantType: 'buerger',
          accessibilityNeeds: '',
          workshopSessionIds: [],
          consent: true,
        })
      ).status,
    ).toBe(202);

    const secrets = [
      ...people.flatMap((p) => [p.name, p.email]),
      'Firma Unsichtbar',
      'Rollstuhl',
      ...(await tokens(people[0]!.email, /#([A-Za-z0-9_-]{43})/g)),
      ...(await tokens(people[1]!.email, /#([A-Za-z0-9_-]{43})/g)),
    ];
    await reader.close();
    server.child.kill('SIGTERM');
    await exited(server.child);
    const out = server.output();
    expect(out).toContain('/api/registrations/confirm'); // requests were logged
    for (const s of secrets) expect(out).not.toContain(s);
    expect(secrets.length).toBeGreaterThan(6);
  });
});
