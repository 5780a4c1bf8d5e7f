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
  });
});
