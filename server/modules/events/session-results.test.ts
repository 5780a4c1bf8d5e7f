import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { backupDatabase, restoreDatabase } from '../../db/backup.ts';
import { DEMO_EVENTS, DEMO_SESSION_RESULTS } from '../../seed/demo-events.ts';
import { useTestApp, type TestClient } from '../../test/test-app.ts';
import { photoSize, sniffPhotoType } from './photo-bytes.ts';
import { createEventWithSession, makeJpegHead, makePng } from './session-results.fixtures.ts';

const XSS = '<script>alert(1)</script> "><img src=x onerror=alert(1)>';
const base = (e: { id: string; sessionId: string }) => `/api/events/${e.id}/sessions/${e.sessionId}/results`;

describe('session results', () => {
  const t = useTestApp();
  let staff: TestClient;
  beforeEach(async () => {
    staff = (await t.signIn({ role: 'staff', org: 'amz' })).client;
  });

  const upload = (e: { id: string; sessionId: string }, bytes: Buffer, type = 'image/png', alt: string | null = 'Flipchart mit Ideen') =>
    staff.request('POST', `${base(e)}/photos${alt === null ? '' : `?alt=${encodeURIComponent(alt)}`}`, undefined, {
      headers: { 'content-type': type },
      raw: bytes,
    });
  const photoCount = async (sessionId: string) =>
    (await t.database.db.selectFrom('session_result_photo').select('id').where('session_id', '=', sessionId).execute()).length;

  async function save(e: { id: string; sessionId: string }, body: object) {
    const res = await staff.request('PUT', base(e), body);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ version: number; published: boolean }>();
  }

  it('keeps results a draft until published; then the public sees them under the session', async () => {
    const e = await createEventWithSession(t);
    const anon = t.client();
    const saved = await save(e, {
      text: 'Erster Absatz.\n\nZweiter Absatz.',
      nextSteps: [{ text: 'Förderaufruf prüfen', owner: 'IHK Chemnitz', dueDate: '2026-04-30', status: 'offen' }],
      version: 0,
    });
    expect(saved).toMatchObject({ version: 1, published: false });
    expect((await anon.get(`/api/events/${e.slug}/results`)).json()).toEqual({ items: [] });

    const pub = await staff.post(`${base(e)}/publish`, { version: 1 });
    expect(pub.statusCode, pub.body).toBe(200);
    expect(pub.json()).toMatchObject({ published: true, version: 2 });
    const res = await anon.get(`/api/events/${e.slug}/results`);
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toEqual([
      expect.objectContaining({
        sessionId: e.sessionId,
        text: 'Erster Absatz.\n\nZweiter Absatz.',
        photos: [],
        nextSteps: [{ text: 'Förderaufruf prüfen', owner: 'IHK Chemnitz', dueDate: '2026-04-30', status: 'offen' }],
      }),
    ]);

    const un = await staff.post(`${base(e)}/unpublish`, { version: 2 });
    expect(un.statusCode, un.body).toBe(200);
    expect((await anon.get(`/api/events/${e.slug}/results`)).json().items).toEqual([]);

    const actions = (await t.database.db.selectFrom('audit_event').select(['action']).where('target_id', '=', e.sessionId).execute()).map(
      (a) => a.action,
    );
    expect(actions).toEqual(expect.arrayContaining(['session_results.published', 'session_results.unpublished']));
  });

  it('refuses a stale version with 409 and changes nothing', async () => {
    const e = await createEventWithSession(t);
    await save(e, { text: 'Stand 1', nextSteps: [], version: 0 });
    await save(e, { text: 'Stand 2', nextSteps: [], version: 1 });
    const stale = await staff.request('PUT', base(e), { text: 'Verloren', nextSteps: [], version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('session_results.version_conflict');
    const again = await staff.request('PUT', base(e), { text: 'Doppelt angelegt', nextSteps: [], version: 0 });
    expect(again.statusCode).toBe(409);
    const stalePublish = await staff.post(`${base(e)}/publish`, { version: 1 });
    expect(stalePublish.statusCode).toBe(409);
    const row = await t.database.db
      .selectFrom('session_result')
      .selectAll()
      .where('session_id', '=', e.sessionId)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ text: 'Stand 2', version: 2, published: 0 });
  });

  it('does not publish empty results', async () => {
    const e = await createEventWithSession(t);
    await save(e, { text: '   ', nextSteps: [], version: 0 });
    const res = await staff.post(`${base(e)}/publish`, { version: 1 });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toContain('nichts zu veröffentlichen');
  });

  it('keeps results of an internal event hidden from the public, photos too (404), but not from staff', async () => {
    const e = await createEventWithSession(t, { visibility: 'internal' });
    await save(e, { text: 'Intern', nextSteps: [], version: 0 });
    const photo = (await upload(e, makePng())).json<{ url: string }>();
    expect((await staff.post(`${base(e)}/publish`, { version: 1 })).statusCode).toBe(200);
    const anon = t.client();
    expect((await anon.get(`/api/events/${e.slug}/results`)).statusCode).toBe(404);
    expect((await anon.get(photo.url)).statusCode).toBe(404);
    expect((await staff.get(`/api/events/${e.slug}/results`)).json().items).toHaveLength(1);
    const own = await staff.get(photo.url);
    expect(own.statusCode).toBe(200);
    expect(own.headers['cache-control']).toBe('private, no-cache');
  });

  it('stores a photo in the database and serves it with its type, nosniff, inline and a long cache once published', async () => {
    const e = await createEventWithSession(t);
    const png = makePng(5, 7);
    const res = await upload(e, png);
    expect(res.statusCode, res.body).toBe(201);
    const photo = res.json<{ id: string; url: string; width: number; height: number; size: number; alt: string }>();
    expect(photo).toMatchObject({ width: 5, height: 7, size: png.length, alt: 'Flipchart mit Ideen' });
    expect(photo.url).toMatch(/^\/api\/session-photos\/[0-9a-f-]{36}\/[0-9a-f]{64}$/);

    const anon = t.client();
    // A photo of unpublished results: not there for the public.
    expect((await anon.get(photo.url)).statusCode).toBe(404);
    const draft = await staff.get(photo.url);
    expect(draft.statusCode).toBe(200);
    expect(Buffer.compare(draft.rawPayload, png)).toBe(0);

    await save(e, { text: '', nextSteps: [], version: 0 });
    expect((await staff.post(`${base(e)}/publish`, { version: 1 })).statusCode).toBe(200);
    const pub = await anon.get(photo.url);
    expect(pub.statusCode).toBe(200);
    expect(pub.headers['content-type']).toBe('image/png');
    expect(pub.headers['x-content-type-options']).toBe('nosniff');
    expect(pub.headers['content-disposition']).toBe('inline');
    expect(pub.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(Buffer.compare(pub.rawPayload, png)).toBe(0);
    const etag = String(pub.headers.etag);
    const cached = await anon.request('GET', photo.url, undefined, { headers: { 'if-none-match': etag } });
    expect(cached.statusCode).toBe(304);
    // Another hash in the address: not found.
    expect((await anon.get(photo.url.replace(/[0-9a-f]{64}$/, '0'.repeat(64)))).statusCode).toBe(404);
    const listed = (await anon.get(`/api/events/${e.slug}/results`)).json().items[0].photos;
    expect(listed).toEqual([{ id: photo.id, alt: 'Flipchart mit Ideen', width: 5, height: 7, url: photo.url }]);
  });

  it('refuses bytes that are not the declared type (415) and stores nothing', async () => {
    const e = await createEventWithSession(t);
    const html = Buffer.from('<html><script>alert(1)</script></html>');
    const res = await upload(e, html, 'image/png');
    expect(res.statusCode).toBe(415);
    expect(res.json().error.code).toBe('session_photo.type_mismatch');
    expect(res.json().error.message).toContain('kein Foto');
    const jpegAsPng = await upload(e, makeJpegHead(10, 10), 'image/png');
    expect(jpegAsPng.statusCode).toBe(415);
    const gif = await upload(e, Buffer.from('GIF89a......'), 'image/gif');
    expect(gif.statusCode).toBe(415);
    expect(gif.json().error.code).toBe('session_photo.unsupported_type');
    const svg = await upload(e, Buffer.from('<svg onload="alert(1)"/>'), 'image/svg+xml');
    expect(svg.statusCode).toBe(415);
    expect(await photoCount(e.sessionId)).toBe(0);
  });

  it('refuses a photo over 10 MB with 413 and a German message, and stores nothing', async () => {
    const e = await createEventWithSession(t);
    const big = Buffer.concat([makePng(), Buffer.alloc(11 * 1024 * 1024)]);
    const res = await upload(e, big);
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('session_photo.too_large');
    expect(res.json().error.message).toContain('10 MB');
    expect(await photoCount(e.sessionId)).toBe(0);
  });

  it('takes at most 12 photos per session: the 13th gets 409', async () => {
    const e = await createEventWithSession(t);
    for (let i = 0; i < 12; i++) expect((await upload(e, makePng(1 + i, 1))).statusCode).toBe(201);
    const res = await upload(e, makePng(20, 20));
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toContain('höchstens 12 Fotos');
    expect(await photoCount(e.sessionId)).toBe(12);
  });

  it('keeps the limit of 12 for parallel uploads too', async () => {
    const e = await createEventWithSession(t);
    for (let i = 0; i < 10; i++) expect((await upload(e, makePng(1 + i, 2))).statusCode).toBe(201);
    const results = await Promise.all([1, 2, 3, 4].map((i) => upload(e, makePng(30 + i, 2))));
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 201, 409, 409]);
    expect(await photoCount(e.sessionId)).toBe(12);
  });

  it('requires a description of the photo (alt text)', async () => {
    const e = await createEventWithSession(t);
    for (const alt of [null, '', '   ']) {
      const res = await upload(e, makePng(), 'image/png', alt);
      expect(res.statusCode, String(alt)).toBe(400);
      expect(res.json().error.fields[0]).toMatchObject({ path: 'alt' });
      expect(res.json().error.fields[0].message).toContain('Beschreibung des Fotos');
    }
    expect(await photoCount(e.sessionId)).toBe(0);
  });

  it('keeps <script> in text, alt text and owner byte-exact in JSON', async () => {
    const e = await createEventWithSession(t);
    await save(e, { text: XSS, nextSteps: [{ text: XSS, owner: XSS, dueDate: null, status: 'in_arbeit' }], version: 0 });
    const photo = (await upload(e, makePng(), 'image/png', XSS)).json<{ id: string; alt: string }>();
    expect(photo.alt).toBe(XSS);
    const page = (await staff.get(base(e))).json();
    expect(page.results.text).toBe(XSS);
    expect(page.results.nextSteps[0]).toMatchObject({ text: XSS, owner: XSS, dueDate: null, status: 'in_arbeit' });
    expect(page.results.photos[0].alt).toBe(XSS);
  });

  it('changes the alt text, deletes a photo and deletes results, with audit entries', async () => {
    const e = await createEventWithSession(t);
    await save(e, { text: 'Text', nextSteps: [{ text: 'Schritt', owner: 'AMZ', dueDate: null, status: 'erledigt' }], version: 0 });
    const photo = (await upload(e, makePng())).json<{ id: string }>();
    const changed = await staff.request('PUT', `${base(e)}/photos/${photo.id}`, { alt: 'Neue Beschreibung' });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json().alt).toBe('Neue Beschreibung');
    expect((await staff.delete(`${base(e)}/photos/${photo.id}`)).statusCode).toBe(200);
    expect((await staff.delete(`${base(e)}/photos/${photo.id}`)).statusCode).toBe(404);
    await upload(e, makePng());
    expect((await staff.delete(base(e))).statusCode).toBe(200);
    expect(await photoCount(e.sessionId)).toBe(0);
    const page = (await staff.get(base(e))).json();
    expect(page.results).toMatchObject({ version: 0, text: '', photos: [], nextSteps: [] });
    expect((await staff.delete(base(e))).statusCode).toBe(404);
    const actions = (await t.database.db.selectFrom('audit_event').select(['action', 'target_id']).execute()).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['session_photo.deleted', 'session_results.deleted']));
  });

  it('answers 404 for a session of another event', async () => {
    const a = await createEventWithSession(t);
    const b = await createEventWithSession(t);
    const res = await staff.request('PUT', `/api/events/${a.id}/sessions/${b.sessionId}/results`, { text: 'x', nextSteps: [], version: 0 });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('event_session.not_found');
  });

  it('seeds published demo results for a workshop of the 2025 congress once, marked as demo data', async () => {
    await t.app.services.events.seedDemo(DEMO_EVENTS);
    await t.app.services.sessionResults.seedDemo(DEMO_SESSION_RESULTS);
    await t.app.services.sessionResults.seedDemo(DEMO_SESSION_RESULTS);
    const programme = (await t.client().get('/api/events/kongress-2025')).json();
    const workshop = programme.days[0].slots
      .flatMap((s: { sessions: { id: string; title: string }[] }) => s.sessions)
      .find((s: { title: string }) => s.title === 'Circular Cars – Made in Sachsen');
    const items = (await t.client().get('/api/events/kongress-2025/results')).json().items;
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ sessionId: workshop.id, demo: true, photos: [] });
    expect(items[0].text).toMatch(/^Demo-Daten: /);
    expect(items[0].nextSteps).toHaveLength(3);
  });

  it('keeps photo bytes byte-exact through a backup and a restore of the same database', async () => {
    const e = await createEventWithSession(t);
    const png = makePng(9, 9);
    const photo = (await upload(e, png)).json<{ id: string; url: string }>();
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'itas-fotos-')), 'sicherung.bak');
    await backupDatabase(t.database, file);
    await restoreDatabase(t.database, file);
    const row = await t.database.db.selectFrom('session_result_photo').select('bytes').where('id', '=', photo.id).executeTakeFirstOrThrow();
    expect(Buffer.compare(Buffer.from(row.bytes), png)).toBe(0);
  });

  it('rejects a malformed due date and unknown status with 400', async () => {
    const e = await createEventWithSession(t);
    for (const step of [
      { text: 'x', owner: 'y', dueDate: '30.04.2026', status: 'offen' },
      { text: 'x', owner: 'y', dueDate: null, status: 'vielleicht' },
      { text: 'x', owner: '', dueDate: null, status: 'offen' },
    ]) {
      const res = await staff.request('PUT', base(e), { text: '', nextSteps: [step], version: 0 });
      expect(res.statusCode, JSON.stringify(step)).toBe(400);
    }
    expect(
      await t.database.db.selectFrom('session_result').select('session_id').where('session_id', '=', e.sessionId).executeTakeFirst(),
    ).toBeUndefined();
  });
});

describe('photo bytes', () => {
  it('recognises the three types by their first bytes and reads their size', () => {
    const png = makePng(640, 480);
    expect(sniffPhotoType(png)).toBe('image/png');
    expect(photoSize('image/png', png)).toEqual({ width: 640, height: 480 });
    const jpeg = makeJpegHead(1024, 768);
    expect(sniffPhotoType(jpeg)).toBe('image/jpeg');
    expect(photoSize('image/jpeg', jpeg)).toEqual({ width: 1024, height: 768 });
    // A lossy WebP header: RIFF size WEBP, "VP8 " chunk, key frame signature, 14-bit sizes.
    const webp = Buffer.alloc(40);
    webp.write('RIFF', 0, 'latin1');
    webp.write('WEBP', 8, 'latin1');
    webp.write('VP8 ', 12, 'latin1');
    webp.set([0x9d, 0x01, 0x2a], 23);
    webp.writeUInt16LE(300, 26);
    webp.writeUInt16LE(200, 28);
    expect(sniffPhotoType(webp)).toBe('image/webp');
    expect(photoSize('image/webp', webp)).toEqual({ width: 300, height: 200 });
    expect(sniffPhotoType(Buffer.from('<svg/>'))).toBeNull();
    expect(sniffPhotoType(Buffer.alloc(0))).toBeNull();
  });
});
