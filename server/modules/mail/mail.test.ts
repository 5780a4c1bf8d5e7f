import { SMTPServer } from 'smtp-server';
import { afterAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../../test/test-app.ts';

// A real SMTP server on loopback receives what the platform sends: no mocked transport.
const received: { to: string[]; raw: string }[] = [];
const sink = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  onData(stream, session, callback) {
    let raw = '';
    stream.on('data', (d: Buffer) => (raw += d.toString('utf8')));
    stream.on('end', () => {
      received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
      callback();
    });
  },
});
await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', resolve));
const port = (sink.server.address() as { port: number }).port;

describe('mail delivery over SMTP', () => {
  const t = useTestApp({ smtpUrl: `smtp://127.0.0.1:${port}` });
  afterAll(() => new Promise<void>((r) => sink.close(() => r())));

  it('delivers the reset mail and keeps only its metadata in the outbox', async () => {
    const { email } = await t.signIn({ role: 'staff' });
    const res = await (await t.client().init()).post('/api/auth/password-reset', { email });
    expect(res.statusCode).toBe(202);

    const mail = received.find((m) => m.to.includes(email));
    expect(mail).toBeDefined();
    expect(mail!.raw).toMatch(/^Subject: =\?UTF-8\?/m); // the German subject, encoded
    expect(mail!.raw.replace(/=\r?\n/g, '')).toContain('/passwort-setzen#token=');

    const admin = await t.signIn({ role: 'admin', org: 'cwe' });
    const meta = await admin.client.get('/api/meta');
    expect(meta.json().mailMode).toBe('smtp');
    const outbox = (await admin.client.get('/api/admin/outbox')).json().items as {
      to: string;
      status: string;
      sentAt: string | null;
      text: string | null;
    }[];
    const row = outbox.find((m) => m.to === email)!;
    expect(row).toMatchObject({ status: 'sent', text: null });
    expect(row.sentAt).not.toBeNull();
  });
});
