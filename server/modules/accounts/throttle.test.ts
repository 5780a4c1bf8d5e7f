import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../test/test-app.ts';
import { THROTTLE_POLICY } from './throttle.ts';

describe('login throttling', () => {
  const t = useTestApp();

  /** A sign-in attempt from a given client address (the venue's NAT, an attacker's host …). */
  async function attempt(email: string, password: string, address = '198.51.100.7', headers: Record<string, string> = {}) {
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', remoteAddress: address });
    const cookie = me.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    return t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      remoteAddress: address,
      headers: { ...headers, cookie, 'x-csrf-token': me.json<{ csrfToken: string }>().csrfToken, 'content-type': 'application/json' },
      payload: JSON.stringify({ email, password }),
    });
  }

  async function throttledEvents(): Promise<number> {
    const admin = await t.signIn({ role: 'admin', org: 'cwe' });
    const log = await admin.client.get('/api/admin/audit?action=login.throttled&limit=1');
    expect(log.statusCode).toBe(200);
    return log.json().total as number;
  }

  it('locks an account after 5 failures, even for the right password, and lets it in after the wait', async () => {
    const { email, password } = await t.signIn({ role: 'staff' });
    for (let i = 0; i < 5; i++) {
      expect((await attempt(email, 'falsches Passwort ' + i)).statusCode).toBe(401);
    }
    const locked = await attempt(email, password);
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error.code).toBe('auth.throttled');
    const wait = Number(locked.headers['retry-after']);
    expect(wait).toBeGreaterThan(0);
    expect(locked.json().error.message).toContain(`${wait} Sekunden`);

    // Still locked a moment before the announced time, open after it.
    t.advance(wait * 1000 - 2000);
    expect((await attempt(email, password)).statusCode).toBe(429);
    t.advance(3000);
    expect((await attempt(email, password)).statusCode).toBe(200);
  });

  it('makes each further lockout longer than the one before', async () => {
    const { email } = await t.signIn({ role: 'staff' });
    for (let i = 0; i < 5; i++) await attempt(email, 'falsch ' + i, '198.51.100.20');
    const first = Number((await attempt(email, 'falsch', '198.51.100.20')).headers['retry-after']);
    t.advance(first * 1000 + 1000);
    expect((await attempt(email, 'wieder falsch', '198.51.100.20')).statusCode).toBe(401);
    const second = Number((await attempt(email, 'falsch', '198.51.100.20')).headers['retry-after']);
    expect(second).toBeGreaterThan(first);
  });

  it('does not let a different spelling of the same address escape the account lock', async () => {
    const { email, password } = await t.signIn({ role: 'analyst' });
    for (let i = 0; i < 5; i++) await attempt(email, 'falsch ' + i, '198.51.100.30');
    for (const variant of [email.toUpperCase(), `  ${email} `]) {
      const res = await attempt(variant, password, '198.51.100.31');
      expect(res.statusCode, variant).toBe(429);
    }
  });

  it('throttles one address that sprays many accounts, and leaves other addresses alone', async () => {
    const before = await throttledEvents();
    const { email, password } = await t.signIn({ role: 'analyst' });
    for (let i = 0; i < THROTTLE_POLICY.address.free; i++) {
      expect((await attempt(`unbekannt-${i}@test.itas.example`, 'irgendein Passwort', '203.0.113.9')).statusCode).toBe(401);
    }
    const locked = await attempt(email, password, '203.0.113.9');
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error.code).toBe('auth.throttled');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    // Without a trusted proxy, a forged X-Forwarded-For does not make the attacker someone else.
    expect((await attempt(email, password, '203.0.113.9', { 'x-forwarded-for': '192.0.2.77' })).statusCode).toBe(429);
    expect((await attempt(email, password, '203.0.113.10')).statusCode).toBe(200);

    expect(await throttledEvents()).toBe(before + 2);
  });

  // Attempts on one account run one after another, so parallel guesses cannot all slip past the lock.
  it('counts guesses sent in parallel: no more than 5 of them are checked', async () => {
    const { email } = await t.signIn({ role: 'staff' });
    const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => attempt(email, 'parallel falsch ' + i, `192.0.2.${i + 1}`)));
    expect(answers.filter((r) => r.statusCode === 401).length).toBeLessThanOrEqual(5);
  });
});
