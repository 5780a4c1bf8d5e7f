import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../test/test-app.ts';

describe('sign-in and sessions', () => {
  const t = useTestApp();

  it('signs in with the right password and shows the person on /api/auth/me', async () => {
    const { client, email } = await t.signIn({ role: 'staff' });
    const me = await client.get('/api/auth/me');
    expect(me.statusCode).toBe(200);
    expect(me.json().user).toMatchObject({ email, role: 'staff', organisation: { slug: 'ihk-chemnitz' } });
  });

  it('rejects a wrong password with one message for unknown and known accounts alike', async () => {
    const { email } = await t.signIn({ role: 'staff' });
    const c = await t.client().init();
    const wrong = await c.post('/api/auth/login', { email, password: 'falsches Passwort 123' });
    const unknown = await c.post('/api/auth/login', { email: 'niemand@test.itas.example', password: 'falsches Passwort 123' });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().error.message).toBe(unknown.json().error.message);
    expect(wrong.json().error.code).toBe('auth.invalid_credentials');
  });

  it('gives a new session id on login: a cookie planted before login is worthless afterwards', async () => {
    const { email, password } = await t.signIn({ role: 'analyst' });
    const c = await t.client().init();
    c.cookies.set('itas_session', 'planted-by-an-attacker-0123456789');
    const res = await c.post('/api/auth/login', { email, password });
    expect(res.statusCode).toBe(200);
    expect(c.cookies.get('itas_session')).not.toBe('planted-by-an-attacker-0123456789');
    const attacker = t.client();
    attacker.cookies.set('itas_session', 'planted-by-an-attacker-0123456789');
    expect((await attacker.get('/api/account/sessions')).statusCode).toBe(401);
  });

  it('ends the session on logout: the old cookie is rejected afterwards', async () => {
    const { client } = await t.signIn({ role: 'staff' });
    const cookie = client.cookies.get('itas_session')!;
    expect((await client.post('/api/auth/logout')).statusCode).toBe(200);
    const replay = t.client();
    replay.cookies.set('itas_session', cookie);
    expect((await replay.get('/api/account/sessions')).statusCode).toBe(401);
  });

  it('sets the session cookie HttpOnly and SameSite=Lax', async () => {
    const { email, password } = await t.signIn({ role: 'staff' });
    const c = await t.client().init();
    const res = await c.post('/api/auth/login', { email, password });
    const cookie = res.cookies.find((x) => x.name === 'itas_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
  });

  it('ends a session after 30 idle minutes and after 12 hours in any case', async () => {
    const { client } = await t.signIn({ role: 'staff' });
    t.advance(29 * 60_000);
    expect((await client.get('/api/account/sessions')).statusCode).toBe(200);
    t.advance(31 * 60_000);
    expect((await client.get('/api/account/sessions')).statusCode).toBe(401);

    const second = await t.signIn({ role: 'staff' });
    for (let i = 0; i < 25; i++) {
      t.advance(29 * 60_000);
      await second.client.get('/api/account/sessions');
    }
    expect((await second.client.get('/api/account/sessions')).statusCode).toBe(401);
  });
});
