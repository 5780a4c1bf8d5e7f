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
    const res = await (await t.client().init()).post('/api/auth/password-reset', { email });
    expect(res.statusCode).toBe(202);

    const admin = await t.signIn({ role: 'admin', org: 'cwe' });
    const row = (
      (await admin.client.get('/api/admin/outbox')).json().items as {
        to: string;
        status: string;
        error: string | null;
        text: string | null;
      }[]
    ).find((m) => m.to === email)!;
    expect(row.status).toBe('failed');
    expect(row.error).toBeTruthy();
    expect(row.text).toContain('/passwort-setzen#token=');
  });
});
