import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../test/test-app.ts';

describe('cookies behind https', () => {
  const t = useTestApp({ secureCookies: true, publicUrl: 'https://itas.example' });

  it('names the session cookie __Host- and marks it Secure, HttpOnly, SameSite=Lax, host-only', async () => {
    const orgId = await t.orgId('cwe');
    await t.app.services.users.create(
      null,
      {
        email: 'https@test.itas.example',
        displayName: 'Https Test',
        role: 'staff',
        organisationId: orgId,
        password: 'ein langes Passwort hier',
      },
      { trusted: true },
    );
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me' });
    const csrfCookie = me.cookies.find((c) => c.name === '__Host-itas_csrf');
    expect(csrfCookie).toMatchObject({ secure: true, httpOnly: true, path: '/' });
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: {
        cookie: `__Host-itas_csrf=${csrfCookie!.value}`,
        'x-csrf-token': me.json<{ csrfToken: string }>().csrfToken,
        'content-type': 'application/json',
      },
      payload: JSON.stringify({ email: 'https@test.itas.example', password: 'ein langes Passwort hier' }),
    });
    expect(res.statusCode).toBe(200);
    const session = res.cookies.find((c) => c.name === '__Host-itas_session');
    expect(session).toMatchObject({ secure: true, httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(session!.domain).toBeUndefined();
    expect(
      res.cookies.find((c) => c.name === 'itas_session'),
      'no unprefixed twin',
    ).toBeUndefined();

    // The prefixed cookie is the one the server reads: it signs the person in …
    const cookie = `__Host-itas_session=${session!.value}; __Host-itas_csrf=${csrfCookie!.value}`;
    const me2 = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
    expect(me2.json().user?.email).toBe('https@test.itas.example');
    // … and logging out clears it with the same attributes, which a __Host- cookie requires.
    const out = await t.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie, 'x-csrf-token': me2.json<{ csrfToken: string }>().csrfToken },
    });
    expect(out.statusCode).toBe(200);
    const cleared = out.cookies.find((c) => c.name === '__Host-itas_session');
    expect(cleared).toMatchObject({ value: '', secure: true, path: '/' });
    expect(cleared!.domain).toBeUndefined();
    const replay = await t.app.inject({ method: 'GET', url: '/api/account/sessions', headers: { cookie } });
    expect(replay.statusCode).toBe(401);
  });
});
