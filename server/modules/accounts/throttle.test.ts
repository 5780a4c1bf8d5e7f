import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../test/test-app.ts';
import { THROTTLE_POLICY } from './throttle.ts';

describe('login throttling', () => {
  const t = useTestApp();

  /** A sign-in attempt from a given client address (the venue's NAT, an attacker's host …). */
  async function attempt(email: string, password: string, address = '198.51.100.7') {
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', remoteAddress: address });
    const cookie = me.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    return t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      remoteAddress: address,
      headers: { cookie, 'x-csrf-token': me.json<{ csrfToken: string }>().csrfToken, 'content-type': 'application/json' },
      payload: JSON.stringify({ email, password }),
    });
  }

  it('locks an account after 5 failures, even for the right password, and lets it in after the wait', async () => {
    const { email, password } = await t.signIn({ role: 'staff' });
    for (let i = 0; i < THROTTLE_POLICY.account.free; i++) {
      expect((await attempt(email, 'falsches Passwort ' + i)).statusCode).toBe(401);
    }
    const locked = await attempt(email, password);
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error.code).toBe('auth.throttled');
    const wait = Number(locked.headers['retry-after']);
    expect(wait).toBeGreaterThan(0);
    expect(locked.json().error.message).toContain(`${wait} Sekunden`);

    t.advance(wait * 1000 + 1000);
    expect((await attempt(email, password)).statusCode).toBe(200);
  });

  it('makes each further lockout longer than the one before', async () => {
    const { email } = await t.signIn({ role: 'staff' });
    for (let i = 0; i < THROTTLE_POLICY.account.free; i++) await attempt(email, 'falsch ' + i, '198.51.100.20');
    const first = Number((await attempt(email, 'falsch', '198.51.100.20')).headers['retry-after']);
    t.advance(first * 1000 + 1000);
    expect((await attempt(email, 'wieder falsch', '198.51.100.20')).statusCode).toBe(401);
    const second = Number((await attempt(email, 'falsch', '198.51.100.20')).headers['retry-after']);
    expect(second).toBeGreaterThan(first);
  });

  it('throttles one address that sprays many accounts, and leaves other addresses alone', async () => {
    const { email, password } = await t.signIn({ role: 'analyst' });
    for (let i = 0; i < THROTTLE_POLICY.address.free; i++) {
      expect((await attempt(`unbekannt-${i}@test.itas.example`, 'irgendein Passwort', '203.0.113.9')).statusCode).toBe(401);
    }
    expect((await attempt(email, password, '203.0.113.9')).statusCode).toBe(429);
    expect((await attempt(email, password, '203.0.113.10')).statusCode).toBe(200);

    const admin = await t.signIn({ role: 'admin', org: 'cwe' });
    const log = await admin.client.get('/api/admin/audit?action=login.throttled');
    expect(log.json().total).toBeGreaterThan(0);
  });
});
