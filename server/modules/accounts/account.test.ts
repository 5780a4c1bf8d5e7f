import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../test/test-app.ts';

describe('own account: password and sessions', () => {
  const t = useTestApp();

  it('checks the current password before changing it', async () => {
    const { client } = await t.signIn({ role: 'staff' });
    const wrong = await client.post('/api/account/password', { currentPassword: 'nicht richtig', newPassword: 'ein ganz neues Passwort' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error).toMatchObject({ code: 'auth.wrong_password', fields: [{ path: 'currentPassword' }] });
  });

  it('refuses the old password as the new one', async () => {
    const { client, password } = await t.signIn({ role: 'staff' });
    const same = await client.post('/api/account/password', { currentPassword: password, newPassword: password });
    expect(same.statusCode).toBe(400);
    expect(same.json().error.code).toBe('password.same_as_old');
  });

  it.each([
    [true, 'ends the others', 401],
    [false, 'keeps the others', 200],
  ])('changes the password, keeps this session and, with endOtherSessions %s, %s', async (endOtherSessions, _what, otherStatus) => {
    const { client, email, password } = await t.signIn({ role: 'staff' });
    const other = t.client();
    await other.login(email, password);
    const res = await client.post('/api/account/password', {
      currentPassword: password,
      newPassword: 'ein ganz neues Passwort',
      endOtherSessions,
    });
    expect(res.statusCode).toBe(200);
    expect((await client.get('/api/account/sessions')).statusCode).toBe(200);
    expect((await other.get('/api/account/sessions')).statusCode).toBe(otherStatus);
    expect((await t.client().login(email, 'ein ganz neues Passwort')).statusCode).toBe(200);
  });

  it('makes a pending reset link worthless once the password is changed', async () => {
    const { client, email, password } = await t.signIn({ role: 'staff' });
    await (await t.client().init()).post('/api/auth/password-reset', { email });
    const admin = await t.signIn({ role: 'admin', org: 'cwe' });
    const mail = ((await admin.client.get('/api/admin/outbox?limit=200')).json().items as { to: string; text: string }[]).find(
      (m) => m.to === email,
    )!;
    const token = /#token=([A-Za-z0-9_-]+)/.exec(mail.text)![1]!;

    expect(
      (await client.post('/api/account/password', { currentPassword: password, newPassword: 'ein ganz neues Passwort' })).statusCode,
    ).toBe(200);
    const res = await (
      await t.client().init()
    ).post('/api/auth/password-reset/confirm', { token, newPassword: 'das Passwort des Angreifers' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('reset.used');
    expect((await t.client().login(email, 'ein ganz neues Passwort')).statusCode).toBe(200);
  });

  it('lists the sessions with the current one marked, and never exposes tokens', async () => {
    const { client, email, password } = await t.signIn({ role: 'analyst' });
    const phone = t.client({ 'user-agent': 'Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/130.0 Mobile Safari/537.36' });
    await phone.login(email, password);
    const list = (await client.get('/api/account/sessions')).json() as { id: string; current: boolean; device: string }[];
    expect(list).toHaveLength(2);
    expect(list.filter((s) => s.current)).toHaveLength(1);
    expect(list.map((s) => s.device)).toContain('Chrome · Android');
    const secret = client.cookies.get('itas_session')!;
    for (const s of list) {
      expect(s.id).toHaveLength(24);
      expect(JSON.stringify(s)).not.toContain(secret);
    }

    expect(list.find((s) => s.current)!.device).not.toBe('Chrome · Android');

    const phoneSession = list.find((s) => !s.current)!;
    expect((await client.delete(`/api/account/sessions/${phoneSession.id}`)).statusCode).toBe(200);
    expect((await phone.get('/api/account/sessions')).statusCode).toBe(401);
    expect((await client.delete(`/api/account/sessions/${phoneSession.id}`)).statusCode).toBe(404);
  });

  it("cannot end someone else's session: a foreign handle is unknown", async () => {
    const victim = await t.signIn({ role: 'staff' });
    const attacker = await t.signIn({ role: 'staff' });
    const [handle] = (await victim.client.get('/api/account/sessions')).json() as { id: string }[];
    const res = await attacker.client.delete(`/api/account/sessions/${handle!.id}`);
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('session.not_found');
    expect((await victim.client.get('/api/account/sessions')).statusCode).toBe(200);
  });

  it('signs out everywhere, this session included', async () => {
    const { client, email, password } = await t.signIn({ role: 'staff' });
    const other = t.client();
    await other.login(email, password);
    const res = await client.post('/api/account/logout-everywhere');
    expect(res.statusCode).toBe(200);
    expect(res.json().user).toBeNull();
    expect((await client.get('/api/account/sessions')).statusCode).toBe(401);
    expect((await other.get('/api/account/sessions')).statusCode).toBe(401);
  });
});
