import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import { useTestApp } from '../../test/test-app.ts';
import { addr } from './registration-jobs.fixtures.ts';
import { createRegEvent, person, registerAndConfirm } from './registration.fixtures.ts';

const MINUTE = 60_000;

describe('rate limit of the public registration form', () => {
  const t = useTestApp({
    registration: { offerHours: 48, reminderHours: 24, retentionDays: 90, limits: { perAddress: 20, perEmail: 5 } },
  });
  const stored = async (email: string) => t.database.db.selectFrom('registration').select('id').where('email', '=', email).execute();

  it('answers 429 with a German message and Retry-After after 5 registrations of one address within an hour', async () => {
    const ev = await createRegEvent(t, { capacity: 10 });
    const client = await t.client().init();
    const email = addr('flut');
    for (let i = 0; i < 5; i++) expect((await client.post(`/api/events/${ev.slug}/registrations`, person(email))).statusCode).toBe(202);
    const refused = await client.post(`/api/events/${ev.slug}/registrations`, person(email));
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBe(60 * 60);
    expect(refused.json().error).toMatchObject({
      code: 'registration.throttled',
      message: 'Von hier kamen in kurzer Zeit zu viele Anmeldungen. Bitte versuchen Sie es ab 11:00 Uhr erneut.',
    });
    const english = await client.request('POST', `/api/events/${ev.slug}/registrations`, person(email), {
      headers: { 'accept-language': 'en' },
    });
    expect(english.json().error.message).toBe(
      'Too many registrations from here in a short time. Please try again from 11:00 (German time).',
    );
    // Case variants are the same address.
    expect((await client.post(`/api/events/${ev.slug}/registrations`, person(email.toUpperCase()))).statusCode).toBe(429);
    // Another address from the same client still gets through.
    expect((await client.post(`/api/events/${ev.slug}/registrations`, person(addr('andere')))).statusCode).toBe(202);

    t.advance(60 * MINUTE);
    expect((await client.post(`/api/events/${ev.slug}/registrations`, person(email))).statusCode).toBe(202);
    expect(await stored(email)).toHaveLength(1);
  });

  it('gives the same answer for registered and unknown addresses (no enumeration)', async () => {
    t.advance(60 * MINUTE);
    const ev = await createRegEvent(t, { capacity: 10 });
    const client = await t.client().init();
    const known = addr('bekannt');
    await registerAndConfirm(t, client, ev.slug, known);
    const unknown = addr('unbekannt');
    const answers = async (email: string) => {
      const out: { status: number; body: string; retry: unknown }[] = [];
      for (let i = 0; i < 6; i++) {
        const r = await client.post(`/api/events/${ev.slug}/registrations`, person(email));
        out.push({ status: r.statusCode, body: r.body.replace(/"requestId":"[^"]*"/, ''), retry: r.headers['retry-after'] });
      }
      return out;
    };
    // The known address has used one attempt already: give the unknown one the same head start.
    await client.post(`/api/events/${ev.slug}/registrations`, person(unknown));
    const a = await answers(known);
    const b = await answers(unknown);
    expect(a.map((x) => x.status)).toEqual([202, 202, 202, 202, 429, 429]);
    expect(b).toEqual(a);
    expect(await stored(unknown)).toHaveLength(1);
  });

  it('answers 429 after 20 registrations from one client address within 10 minutes', async () => {
    t.advance(60 * MINUTE);
    const ev = await createRegEvent(t, { capacity: 100 });
    const client = await t.client().init();
    for (let i = 0; i < 20; i++)
      expect((await client.post(`/api/events/${ev.slug}/registrations`, person(addr(`p${i}`)))).statusCode).toBe(202);
    const email = addr('zuviel');
    const refused = await client.post(`/api/events/${ev.slug}/registrations`, person(email));
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBe(10 * 60);
    expect(refused.json().error.code).toBe('registration.throttled');
    expect(await stored(email)).toHaveLength(0);

    t.advance(10 * MINUTE);
    expect((await client.post(`/api/events/${ev.slug}/registrations`, person(email))).statusCode).toBe(202);
    expect(await stored(email)).toHaveLength(1);
  });

  it('reads the limits from the environment (defaults 20 per address, 5 per e-mail address)', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'itas-limits-'));
    expect(loadConfig({ DATA_DIR: dir }).registration.limits).toEqual({ perAddress: 20, perEmail: 5 });
    expect(
      loadConfig({ DATA_DIR: dir, REGISTRATION_LIMIT_PER_ADDRESS: '200', REGISTRATION_LIMIT_PER_EMAIL: '3' }).registration.limits,
    ).toEqual({ perAddress: 200, perEmail: 3 });
    expect(() => loadConfig({ DATA_DIR: dir, REGISTRATION_LIMIT_PER_ADDRESS: '0' })).toThrow(/REGISTRATION_LIMIT_PER_ADDRESS/);
  });
});
