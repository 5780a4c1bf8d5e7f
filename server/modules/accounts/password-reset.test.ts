import { describe, expect, it } from 'vitest';
import { useTestApp, type TestClient } from '../../test/test-app.ts';

describe('password reset and invitations', () => {
  const t = useTestApp();
  let adminSession: TestClient | undefined;

  /** An admin client; the clock moves in these tests, so a session that went idle is replaced. */
  async function asAdmin(): Promise<TestClient> {
    if (!adminSession || (await adminSession.get('/api/auth/me')).json().user === null) {
      adminSession = (await t.signIn({ role: 'admin', org: 'cwe' })).client;
    }
    return adminSession;
  }

  async function mailsTo(address: string) {
    const res = await (await asAdmin()).get('/api/admin/outbox?limit=200');
    expect(res.statusCode).toBe(200);
    return (res.json().items as { to: string; subject: string; text: string }[]).filter((m) => m.to === address);
  }
  const tokenIn = (text: string) => /\/passwort-setzen#token=([A-Za-z0-9_-]+)/.exec(text)?.[1];

  it('mails a single-use link to an existing account and answers an unknown address the same way', async () => {
    const { email } = await t.signIn({ role: 'staff' });
    const anon = await t.client().init();
    const known = await anon.post('/api/auth/password-reset', { email });
    const unknown = await anon.post('/api/auth/password-reset', { email: 'gibt-es-nicht@test.itas.example' });
    expect(known.statusCode).toBe(202);
    expect(unknown.statusCode).toBe(202);
    expect(unknown.body).toBe(known.body);
    const mails = await mailsTo(email);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe('ITAS-Plattform: Passwort zurücksetzen');
    expect(tokenIn(mails[0]!.text)).toBeTruthy();
    expect(await mailsTo('gibt-es-nicht@test.itas.example')).toHaveLength(0);
  });

  it('sets the new password, ends the sessions and refuses the same link a second time', async () => {
    const { email, password, client: oldSession } = await t.signIn({ role: 'staff' });
    const anon = await t.client().init();
    await anon.post('/api/auth/password-reset', { email });
    const token = tokenIn((await mailsTo(email)).at(-1)!.text)!;

    const done = await anon.post('/api/auth/password-reset/confirm', { token, newPassword: 'Neues Passwort für den Herbst' });
    expect(done.statusCode).toBe(200);
    expect((await oldSession.get('/api/account/sessions')).statusCode).toBe(401);
    expect((await t.client().login(email, password)).statusCode).toBe(401);
    expect((await t.client().login(email, 'Neues Passwort für den Herbst')).statusCode).toBe(200);

    const again = await anon.post('/api/auth/password-reset/confirm', { token, newPassword: 'Noch ein anderes Passwort' });
    expect(again.statusCode).toBe(400);
    expect(again.json().error.code).toBe('reset.used');
  });

  it('refuses an expired link, a made-up link and a too common password', async () => {
    const { email } = await t.signIn({ role: 'analyst' });
    const anon = await t.client().init();
    await anon.post('/api/auth/password-reset', { email });
    const token = tokenIn((await mailsTo(email)).at(-1)!.text)!;

    const common = await anon.post('/api/auth/password-reset/confirm', { token, newPassword: 'passwort1234' });
    expect(common.statusCode).toBe(400);
    expect(common.json().error.code).toBe('password.too_common');
    const ownAddress = await anon.post('/api/auth/password-reset/confirm', { token, newPassword: `mein ${email.split('@')[0]} passwort` });
    expect(ownAddress.statusCode).toBe(400);
    expect(ownAddress.json().error.code).toBe('password.too_common');

    const garbage = await anon.post('/api/auth/password-reset/confirm', {
      token: 'x'.repeat(43),
      newPassword: 'Ein gutes langes Passwort',
    });
    expect(garbage.statusCode).toBe(400);
    expect(garbage.json().error.code).toBe('reset.invalid');

    t.advance(59 * 60_000);
    const other = await t.signIn({ role: 'staff' });
    await anon.post('/api/auth/password-reset', { email: other.email });
    t.advance(2 * 60_000);
    const expired = await anon.post('/api/auth/password-reset/confirm', { token, newPassword: 'Ein gutes langes Passwort' });
    expect(expired.statusCode).toBe(400);
    expect(expired.json().error.code).toBe('reset.expired');
    // A link of the same lifetime, two minutes old, still works: the refusal above is the 60-minute limit.
    const fresh = tokenIn((await mailsTo(other.email)).at(-1)!.text)!;
    expect(
      (await anon.post('/api/auth/password-reset/confirm', { token: fresh, newPassword: 'Ein gutes langes Passwort' })).statusCode,
    ).toBe(200);
  });

  it('makes an older link worthless when a newer one is requested', async () => {
    const { email } = await t.signIn({ role: 'staff' });
    const anon = await t.client().init();
    await anon.post('/api/auth/password-reset', { email });
    const older = tokenIn((await mailsTo(email))[0]!.text)!;
    await anon.post('/api/auth/password-reset', { email });
    const newer = (await mailsTo(email)).map((m) => tokenIn(m.text)!).find((token) => token !== older);
    expect(newer).toBeDefined();
    const stale = await anon.post('/api/auth/password-reset/confirm', { token: older, newPassword: 'Ein gutes langes Passwort' });
    expect(stale.statusCode).toBe(400);
    expect(
      (await anon.post('/api/auth/password-reset/confirm', { token: newer!, newPassword: 'Ein gutes langes Passwort' })).statusCode,
    ).toBe(200);
  });

  it('accepts one link only once even when it is sent twice at the same moment', async () => {
    const { email } = await t.signIn({ role: 'staff' });
    const anon = await t.client().init();
    await anon.post('/api/auth/password-reset', { email });
    const token = tokenIn((await mailsTo(email)).at(-1)!.text)!;
    const answers = await Promise.all([
      anon.post('/api/auth/password-reset/confirm', { token, newPassword: 'Erstes langes Passwort' }),
      anon.post('/api/auth/password-reset/confirm', { token, newPassword: 'Zweites langes Passwort' }),
    ]);
    expect(answers.map((r) => r.statusCode).sort()).toEqual([200, 400]);
    expect(answers.find((r) => r.statusCode === 400)!.json().error.code).toBe('reset.used');
  });

  it('sends a disabled account no link and stops the link it already had', async () => {
    const person = await t.signIn({ role: 'staff' });
    const anon = await t.client().init();
    await anon.post('/api/auth/password-reset', { email: person.email });
    const token = tokenIn((await mailsTo(person.email)).at(-1)!.text)!;

    const admin = await asAdmin();
    const version = (await admin.get(`/api/users/${person.userId}`)).json().version as number;
    expect((await admin.patch(`/api/users/${person.userId}`, { status: 'disabled', version })).statusCode).toBe(200);

    expect((await anon.post('/api/auth/password-reset', { email: person.email })).statusCode).toBe(202);
    expect(await mailsTo(person.email)).toHaveLength(1);
    const res = await anon.post('/api/auth/password-reset/confirm', { token, newPassword: 'Ein gutes langes Passwort' });
    expect(res.statusCode).toBe(400);
    expect((await t.client().login(person.email, 'Ein gutes langes Passwort')).statusCode).toBe(401);
  });

  it('invites a person without a password, who chooses one through the link and then signs in', async () => {
    const admin = await asAdmin();
    const email = 'neu.eingeladen@test.itas.example';
    const created = await admin.post('/api/users', {
      email,
      displayName: 'Neu Eingeladen',
      role: 'staff',
      organisationId: await t.orgId('amz'),
    });
    expect(created.statusCode).toBe(201);
    const [invitation] = await mailsTo(email);
    expect(invitation!.subject).toBe('Einladung zur ITAS-Plattform');
    expect(invitation!.text).toContain('AMZ Sachsen');

    expect((await t.client().login(email, 'irgendein langes Passwort')).statusCode).toBe(401);
    const anon = await t.client().init();
    const set = await anon.post('/api/auth/password-reset/confirm', {
      token: tokenIn(invitation!.text)!,
      newPassword: 'Mein eigenes langes Passwort',
    });
    expect(set.statusCode).toBe(200);
    expect((await t.client().login(email, 'Mein eigenes langes Passwort')).statusCode).toBe(200);
  });
});
