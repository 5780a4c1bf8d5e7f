import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../test/test-app.ts';

// A port that was free a moment ago and has nothing listening: delivery must fail cleanly.
const closedPort = await new Promise<number>((resolve) => {
  const s = createServer().listen(0, '127.0.0.1', () => {
    const { port } = s.address() as { port: number };
    s.close(() => resolve(port));
  });
});

describe('mail delivery failure', () => {
  const t = useTestApp({ smtpUrl: `smtp://127.0.0.1:${closedPort}` });

  it('still answers the person, and keeps the undelivered mail with its error for the admins', async () => {
    const { email } = await t.signIn({ role: 'staff' });
    const anon = await t.client().init();
    const res = await anon.post('/api/auth/password-reset', { email });
    expect(res.statusCode).toBe(202);
    await t.app.services.mail.settled(); // delivery runs in the background
    // The same answer as for an unknown address: a failed delivery reveals nothing either.
    expect(res.body).toBe((await anon.post('/api/auth/password-reset', { email: 'unbekannt@test.itas.example' })).body);

    const admin = await t.signIn({ role: 'admin', org: 'cwe' });
    const row = (
      (await admin.client.get('/api/admin/outbox')).json().items as {
        to: string;
        status: string;
        error: string | null;
        text: string | null;
        sentAt: string | null;
      }[]
    ).find((m) => m.to === email)!;
    expect(row).toMatchObject({ status: 'failed', sentAt: null });
    expect(row.error).toMatch(/ECONNREFUSED|connect/i);
    expect(row.text).toContain('/passwort-setzen#token=');
  });
});
