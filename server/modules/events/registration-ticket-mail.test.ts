import { createRequire } from 'node:module';
import jsQRModule from 'jsqr';
import { beforeAll, describe, expect, it } from 'vitest';
import type { OutboxMail } from '../../../contracts/admin.ts';
import { useTestApp, type TestClient } from '../../test/test-app.ts';
import { createRegEvent, registerAndConfirm, selfToken } from './registration.fixtures.ts';
import { ticketKey, verifyTicket } from './ticket.ts';

// pngjs comes with qrcode and ships no types: only the one call used here is typed.
const { PNG } = createRequire(import.meta.url)('pngjs') as {
  PNG: { sync: { read(bytes: Buffer): { width: number; height: number; data: Buffer } } };
};
// jsqr is a CommonJS bundle: its function is the module's `default`.
const jsQR = jsQRModule.default;

const rnd = () => Math.random().toString(36).slice(2, 10);
const addr = (name: string) => `${name}-${rnd()}@test.itas.example`;
const TICKET_TEXT = 'Ihr Ticket für den Einlass hängt als QR-Code an (ticket.png). Sie finden es auch jederzeit auf Ihrer Anmeldeseite.';

/** Reads the QR code in a PNG as a door phone would. */
function decodeQr(png: Buffer): string | null {
  const image = PNG.sync.read(png);
  return jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data ?? null;
}

describe('the QR ticket in the confirmation mail', () => {
  const t = useTestApp();
  let admin: TestClient;
  beforeAll(async () => {
    admin = (await t.signIn({ role: 'admin', org: 'cwe' })).client;
  });

  async function outboxMail(email: string, subjectStart: string): Promise<OutboxMail> {
    const items = (await admin.get('/api/admin/outbox?limit=200')).json<{ items: OutboxMail[] }>().items;
    const mail = items.find((m) => m.to === email && m.subject.startsWith(subjectStart));
    expect(mail, `${subjectStart} → ${email}`).toBeDefined();
    return mail!;
  }
  async function download(client: TestClient, mailId: string, index = 0) {
    return client.get(`/api/admin/outbox/${mailId}/attachments/${index}`);
  }
  async function registrationId(email: string): Promise<string> {
    const row = await t.database.db.selectFrom('registration').select('id').where('email', '=', email).executeTakeFirstOrThrow();
    return row.id;
  }

  it('attaches ticket.png to the confirmation; its QR holds only the signed ticket of that registration', async () => {
    const ev = await createRegEvent(t, { capacity: 10 });
    const client = await t.client().init();
    const email = addr('ticket');
    const { view, token } = await registerAndConfirm(t, client, ev.slug, email, { name: 'Zoë Ticketträgerin' });
    expect(view.status).toBe('confirmed');

    const mail = await outboxMail(email, 'Anmeldung bestätigt');
    expect(mail.text).toContain(TICKET_TEXT);
    expect(mail.attachments).toEqual([{ filename: 'ticket.png', contentType: 'image/png', size: expect.any(Number) }]);
    expect(mail.attachments[0]!.size).toBeGreaterThan(100);
    expect(mail.attachments[0]!.size).toBeLessThan(5_000);

    const res = await download(admin, mail.id);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('image/png');
    expect(res.headers['content-disposition']).toBe('attachment; filename="ticket.png"');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['cache-control']).toBe('no-store');
    const png = res.rawPayload;
    expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    expect(mail.attachments[0]!.size).toBe(png.length);

    const decoded = decodeQr(png);
    expect(decoded).toMatch(/^ITAS1\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{22}$/);
    expect(verifyTicket(ticketKey(t.config.sessionSecret), decoded!)).toBe(await registrationId(email));
    // The same ticket as on the self-service page; nothing personal in the code or the file.
    expect((await client.post('/api/registrations/self', { token })).json()).toMatchObject({ ticket: decoded });
    for (const personal of ['Zoë', 'Ticketträgerin', email, 'Tickettr']) {
      expect(decoded).not.toContain(personal);
      expect(png.toString('latin1')).not.toContain(personal);
    }
  });

  it('attaches no ticket while the person waits, and one when she accepts the offered seat', async () => {
    const ev = await createRegEvent(t, { capacity: 1 });
    const client = await t.client().init();
    const first = await registerAndConfirm(t, client, ev.slug, addr('erste'));
    const email = addr('warteliste');
    expect((await registerAndConfirm(t, client, ev.slug, email)).view).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });

    const waiting = await outboxMail(email, 'Anmeldung bestätigt');
    expect(waiting.attachments).toEqual([]);
    expect(waiting.text).not.toContain('ticket.png');
    expect(waiting.text).toContain('Sobald Ihr Platz bestätigt ist');
    expect((await download(admin, waiting.id)).json().error.code).toBe('mail.attachment_not_found');

    expect((await client.post('/api/registrations/self/cancel', { token: first.token })).statusCode).toBe(200);
    const offer = await outboxMail(email, 'Ein Platz ist frei geworden');
    expect(offer.attachments).toEqual([]);
    const token = await selfToken(t, client, email);
    const accepted = await client.post('/api/registrations/self/accept', { token });
    expect(accepted.json()).toMatchObject({ status: 'confirmed' });

    const mail = await outboxMail(email, 'Platz bestätigt');
    expect(mail.text).toContain(TICKET_TEXT);
    expect(mail.text).not.toMatch(/\/anmeldung#/);
    expect(mail.attachments.map((a) => a.filename)).toEqual(['ticket.png']);
    const decoded = decodeQr((await download(admin, mail.id)).rawPayload);
    expect(verifyTicket(ticketKey(t.config.sessionSecret), decoded!)).toBe(await registrationId(email));
    // The link she used to accept keeps working (the mail brings no new one) and shows the same ticket.
    expect((await client.post('/api/registrations/self', { token })).json()).toMatchObject({ status: 'confirmed', ticket: decoded });

    // Accepting twice changes nothing and sends no second ticket.
    expect((await client.post('/api/registrations/self/accept', { token })).statusCode).toBe(200);
    const items = (await admin.get('/api/admin/outbox?limit=200')).json<{ items: OutboxMail[] }>().items;
    expect(items.filter((m) => m.to === email && m.attachments.length > 0)).toHaveLength(1);
  });

  it('gives the attachment to admins only', async () => {
    const ev = await createRegEvent(t, { capacity: 10 });
    const email = addr('nur-admin');
    await registerAndConfirm(t, await t.client().init(), ev.slug, email);
    const mail = await outboxMail(email, 'Anmeldung bestätigt');

    const staff = (await t.signIn({ role: 'staff', org: 'cwe' })).client;
    const refused = await download(staff, mail.id);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('auth.forbidden');
    expect(refused.headers['content-type']).not.toBe('image/png');
    const anonymous = await download(await t.client().init(), mail.id);
    expect(anonymous.statusCode).toBe(401);

    expect((await download(admin, mail.id, 1)).statusCode).toBe(404);
    expect((await download(admin, '00000000-0000-4000-8000-000000000000')).json().error.code).toBe('mail.attachment_not_found');
    expect((await admin.get(`/api/admin/outbox/${mail.id}/attachments/-1`)).statusCode).toBe(400);
    expect((await admin.get(`/api/admin/outbox/nicht-da/attachments/0`)).statusCode).toBe(400);
  });
});
