import QRCode from 'qrcode';
import { SMTPServer } from 'smtp-server';
import { afterAll, describe, expect, it } from 'vitest';
import type { OutboxMail } from '../../../contracts/admin.ts';
import { useTestApp } from '../../test/test-app.ts';

// A real SMTP server on loopback receives what the platform sends: no mocked transport.
const received: { to: string[]; raw: string }[] = [];
const sink = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  // A mailbox that does not exist: the server refuses the mail, as real ones do.
  onRcptTo(address, _session, callback) {
    if (address.address.startsWith('unzustellbar')) callback(Object.assign(new Error('Mailbox unavailable'), { responseCode: 550 }));
    else callback();
  },
  onData(stream, session, callback) {
    const chunks: Buffer[] = [];
    stream.on('data', (d: Buffer) => chunks.push(d));
    stream.on('end', () => {
      received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('latin1') });
      callback();
    });
  },
});
await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', resolve));
const port = (sink.server.address() as { port: number }).port;

/**
 * Reads a single-part text mail as a person's mail program would: unfolded headers with RFC 2047
 * encoded words, and a body in quoted-printable or base64. The raw text is kept byte-per-char
 * (latin1) so that the UTF-8 bytes can be decoded once, at the end.
 */
function readMail(raw: string): { headers: Record<string, string>; body: string } {
  const { headers, bytes } = readEntity(raw);
  return { headers, body: bytes.toString('utf8') };
}
/** The parts of a multipart mail (one level: nodemailer puts the text and each attachment side by side). */
function partsOf(raw: string): { headers: Record<string, string>; bytes: Buffer }[] {
  const boundary = /boundary="?([^";]+)"?/i.exec(readEntity(raw).headers['content-type'] ?? '')?.[1];
  if (!boundary) return [];
  return raw
    .split(`--${boundary}`)
    .slice(1, -1)
    .map((part) => readEntity(part.replace(/^\r\n/, '')));
}
function readEntity(raw: string): { headers: Record<string, string>; bytes: Buffer } {
  const split = raw.indexOf('\r\n\r\n');
  const headers: Record<string, string> = {};
  for (const line of raw
    .slice(0, split)
    .replace(/\r\n[ \t]+/g, ' ')
    .split('\r\n')) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).toLowerCase()] = decodeWords(line.slice(colon + 1).trim());
  }
  const body = raw.slice(split + 4);
  const encoding = (headers['content-transfer-encoding'] ?? '7bit').toLowerCase();
  const bytes =
    encoding === 'base64'
      ? Buffer.from(body.replace(/\s+/g, ''), 'base64')
      : encoding === 'quoted-printable'
        ? qpBytes(body.replace(/=\r\n/g, ''))
        : Buffer.from(body, 'latin1');
  return { headers, bytes };
}
function qpBytes(text: string): Buffer {
  return Buffer.from(
    text.replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
    'latin1',
  );
}
function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?') // whitespace between two encoded words is not part of the text
    .replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_, kind: string, text: string) =>
      (kind.toLowerCase() === 'b' ? Buffer.from(text, 'base64') : qpBytes(text.replace(/_/g, ' '))).toString('utf8'),
    );
}

describe('mail delivery over SMTP', () => {
  const t = useTestApp({ smtpUrl: `smtp://127.0.0.1:${port}` });
  afterAll(() => new Promise<void>((r) => sink.close(() => r())));

  it('delivers the reset mail with a working link and keeps only its metadata in the outbox', async () => {
    const { email } = await t.signIn({ role: 'staff' });
    const anon = await t.client().init();
    const res = await anon.post('/api/auth/password-reset', { email });
    expect(res.statusCode).toBe(202);
    await t.app.services.mail.settled(); // delivery runs in the background

    const mails = received.filter((m) => m.to.includes(email));
    expect(mails).toHaveLength(1);
    expect(mails[0]!.to).toEqual([email]);
    const mail = readMail(mails[0]!.raw);
    expect(mail.headers.subject).toBe('ITAS-Plattform: Passwort zurücksetzen');
    expect(mail.headers.to).toBe(email);
    expect(mail.headers.from).toContain('no-reply@itas.example');
    expect(mail.body).toContain('Guten Tag Test staff');
    const token = /http:\/\/localhost:3000\/passwort-setzen#token=([A-Za-z0-9_-]{43})\b/.exec(mail.body)?.[1];
    expect(token, mail.body).toBeDefined();

    const admin = await t.signIn({ role: 'admin', org: 'cwe' });
    expect((await admin.client.get('/api/meta')).json().mailMode).toBe('smtp');
    const outbox = (await admin.client.get('/api/admin/outbox')).json().items as {
      to: string;
      subject: string;
      status: string;
      sentAt: string | null;
      text: string | null;
      error: string | null;
    }[];
    const row = outbox.find((m) => m.to === email)!;
    expect(row).toMatchObject({ status: 'sent', text: null, error: null, subject: 'ITAS-Plattform: Passwort zurücksetzen' });
    expect(row.sentAt).toBe(t.now.toISOString());

    // The link that arrived is the one that works.
    const set = await anon.post('/api/auth/password-reset/confirm', { token, newPassword: 'Ein neues Passwort aus der Mail' });
    expect(set.statusCode).toBe(200);
    expect((await t.client().login(email, 'Ein neues Passwort aus der Mail')).statusCode).toBe(200);
  });

  const ticketMail = async (to: string) => ({
    to,
    subject: 'Anmeldung bestätigt: Zukunftsforum',
    text: 'Ihr Ticket für den Einlass hängt als QR-Code an (ticket.png).',
    attachments: [
      {
        filename: 'ticket.png',
        contentType: 'image/png',
        content: await QRCode.toBuffer('ITAS1.test', { type: 'png', errorCorrectionLevel: 'M', margin: 4, width: 480 }),
      },
    ],
  });
  const outboxRow = (to: string) =>
    t.database.db
      .selectFrom('mail_outbox')
      .select(['id', 'status', 'text_body', 'attachments'])
      .where('to_address', '=', to)
      .executeTakeFirstOrThrow();

  it('stores an attachment with the mail, delivers it, and then keeps neither text nor attachment', async () => {
    const to = `ticket-${Date.now()}@test.itas.example`;
    const message = await ticketMail(to);
    const deliver = await t.app.services.mail.enqueue(message);
    const stored = await outboxRow(to);
    expect(stored.status).toBe('stored');
    expect(JSON.parse(stored.attachments!)).toEqual([
      { filename: 'ticket.png', contentType: 'image/png', base64: message.attachments[0]!.content.toString('base64'), cid: null },
    ]);

    deliver();
    await t.app.services.mail.settled();
    const arrived = received.filter((m) => m.to.includes(to));
    expect(arrived).toHaveLength(1);
    expect(readMail(arrived[0]!.raw).headers['content-type']).toMatch(/^multipart\/mixed;/);
    const [text, png, ...rest] = partsOf(arrived[0]!.raw);
    expect(rest).toEqual([]);
    expect(text!.headers['content-type']).toMatch(/^text\/plain/);
    expect(text!.bytes.toString('utf8')).toContain('hängt als QR-Code an (ticket.png)');
    expect(png!.headers['content-type']).toMatch(/^image\/png; name="?ticket\.png"?$/);
    expect(png!.headers['content-disposition']).toMatch(/^attachment; filename="?ticket\.png"?$/);
    expect(png!.bytes.equals(message.attachments[0]!.content)).toBe(true);

    expect(await outboxRow(to)).toMatchObject({ status: 'sent', text_body: null, attachments: null });
    const admin = await t.signIn({ role: 'admin', org: 'cwe' });
    const row = (await admin.client.get('/api/admin/outbox?limit=200')).json<{ items: OutboxMail[] }>().items.find((m) => m.to === to)!;
    expect(row).toMatchObject({ status: 'sent', text: null, attachments: [] });
    const gone = await admin.client.get(`/api/admin/outbox/${row.id}/attachments/0`);
    expect(gone.statusCode).toBe(404);
    expect(gone.json().error.code).toBe('mail.attachment_not_found');
  });

  it('keeps text and attachment of a mail the server refused, for the admins to pass on', async () => {
    const to = `unzustellbar-${Date.now()}@test.itas.example`;
    const message = await ticketMail(to);
    (await t.app.services.mail.enqueue(message))();
    await t.app.services.mail.settled();
    expect(received.filter((m) => m.to.includes(to))).toHaveLength(0);

    const kept = await outboxRow(to);
    expect(kept).toMatchObject({ status: 'failed', text_body: message.text });
    expect(JSON.parse(kept.attachments!)).toHaveLength(1);
    const admin = await t.signIn({ role: 'admin', org: 'cwe' });
    const row = (await admin.client.get('/api/admin/outbox?limit=200')).json<{ items: OutboxMail[] }>().items.find((m) => m.to === to)!;
    expect(row).toMatchObject({ status: 'failed', attachments: [{ filename: 'ticket.png', contentType: 'image/png' }] });
    expect(row.error).toMatch(/550|Mailbox unavailable/);
    const file = await admin.client.get(`/api/admin/outbox/${row.id}/attachments/0`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('image/png');
    expect(file.rawPayload.equals(message.attachments[0]!.content)).toBe(true);
  });

  it('sends nothing for an unknown address', async () => {
    const before = received.length;
    const res = await (await t.client().init()).post('/api/auth/password-reset', { email: 'unbekannt@test.itas.example' });
    expect(res.statusCode).toBe(202);
    expect(received).toHaveLength(before);
  });
});
