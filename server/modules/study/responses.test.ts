import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../../test/test-app.ts';
import { createSmallWave } from './study.fixtures.ts';

describe('submitting answers', () => {
  const t = useTestApp();
  let wave: Awaited<ReturnType<typeof createSmallWave>>;
  beforeAll(async () => {
    wave = await createSmallWave(t);
  });

  const url = (code = wave.code) => `/api/study/waves/${code}/responses`;
  const item = (answers: Record<string, unknown> = { zustimmung: 4 }, id = randomUUID()) => ({ id, versionId: wave.versionId, answers });
  /** A respondent's phone: no cookie, no CSRF token, same-origin fetch. */
  const submit = (body: unknown, headers: Record<string, string> = {}) =>
    t.app.inject({
      method: 'POST',
      url: url(),
      headers: { 'content-type': 'application/json', ...headers },
      payload: JSON.stringify(body),
    });
  const rows = (id: string) => t.database.db.selectFrom('response').selectAll().where('id', '=', id).execute();

  it('serves the questionnaire of an open wave', async () => {
    const res = await t.client().get(`/api/study/waves/${wave.code}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ code: wave.code, status: 'open', versionId: wave.versionId, waveName: 'Welle 1' });
    expect(res.json().definition.pages[0].elements[0].name).toBe('zustimmung');
  });

  it('stores one anonymous answer set without cookie, and keeps only the day', async () => {
    const one = item({ zustimmung: 2, warum: 'Mein Betrieb baut Stellen ab.' });
    const res = await submit({ channel: 'online', responses: [one] });
    expect(res.statusCode).toBe(201);
    expect(res.json().results).toEqual([{ id: one.id, status: 'stored' }]);
    expect(res.headers['set-cookie']).toBeUndefined();
    const [row] = await rows(one.id);
    expect(row).toMatchObject({ channel: 'online', received_on: '2026-03-02', collected_on: null, paradata: '{}' });
    expect(Object.keys(row!).sort()).toEqual([
      'answers',
      'channel',
      'collected_on',
      'content_hash',
      'id',
      'paradata',
      'received_on',
      'version_id',
      'wave_id',
    ]);
  });

  it('counts a repeated submission once and reports it as duplicate', async () => {
    const one = item();
    expect((await submit({ channel: 'online', responses: [one] })).statusCode).toBe(201);
    const again = await submit({ channel: 'online', responses: [{ ...one, answers: { zustimmung: 4 } }] });
    expect(again.statusCode).toBe(200);
    expect(again.json().results[0].status).toBe('duplicate');
    expect(await rows(one.id)).toHaveLength(1);
  });

  it('keeps the original when the same id arrives with other answers, and files the other for review', async () => {
    const one = item({ zustimmung: 5 });
    await submit({ channel: 'online', responses: [one] });
    const clash = await submit({ channel: 'online', responses: [{ ...one, answers: { zustimmung: 1, warum: 'anders' } }] });
    expect(clash.statusCode).toBe(409);
    expect(clash.json().results[0].status).toBe('conflict');
    expect(JSON.parse((await rows(one.id))[0]!.answers)).toEqual({ zustimmung: 5 });
    const conflicts = await t.database.db.selectFrom('response_conflict').selectAll().where('response_id', '=', one.id).execute();
    expect(conflicts).toHaveLength(1);
  });

  it('refuses invalid answers with reasons per question and stores nothing', async () => {
    for (const answers of [
      {},
      { zustimmung: 7 },
      { zustimmung: 4, farbe: 'grün' },
      { zustimmung: 4, warum: 'versteckt' },
      { zustimmung: '4' },
      { zustimmung: 4, idee: 'x'.repeat(2001) },
    ]) {
      const one = item(answers);
      const res = await submit({ channel: 'online', responses: [one] });
      expect(res.statusCode, JSON.stringify(answers)).toBe(422);
      expect(Object.keys(res.json().results[0].errors).length).toBeGreaterThan(0);
      expect(await rows(one.id)).toHaveLength(0);
    }
  });

  it('keeps hostile and international text byte-exact', async () => {
    const text = '<script>alert(1)</script> <img src=x onerror=alert(1)> =HYPERLINK("https://evil.example") 👩‍🔧 نور Zoë';
    const one = item({ zustimmung: 3, idee: text });
    expect((await submit({ channel: 'online', responses: [one] })).statusCode).toBe(201);
    expect(JSON.parse((await rows(one.id))[0]!.answers).idee).toBe(text);
  });

  it('answers a batch per item: one invalid among 100 does not stop the others, and a retry stores nothing twice', async () => {
    const batch = Array.from({ length: 100 }, (_, i) => item(i === 36 ? { zustimmung: 9 } : { zustimmung: (i % 5) + 1 }));
    const first = await submit({ channel: 'online', responses: batch });
    expect(first.statusCode).toBe(200);
    expect(first.json().counts).toEqual({ stored: 99, duplicate: 0, conflict: 0, invalid: 1 });
    expect(first.json().results[36]).toMatchObject({ id: batch[36]!.id, status: 'invalid' });
    const retry = await submit({ channel: 'online', responses: batch });
    expect(retry.json().counts).toEqual({ stored: 0, duplicate: 99, conflict: 0, invalid: 1 });
  });

  it('stores an offline batch once, whether it arrives three times or is cut off mid-upload and sent again', async () => {
    const batch = Array.from({ length: 40 }, (_, i) => item({ zustimmung: (i % 5) + 1 }));
    const body = JSON.stringify({ channel: 'online', responses: batch });
    // The connection drops halfway: the server receives half a body and stores nothing of it.
    const cut = await t.app.inject({
      method: 'POST',
      url: url(),
      headers: { 'content-type': 'application/json' },
      payload: body.slice(0, Math.floor(body.length / 2)),
    });
    expect(cut.statusCode).toBe(400);
    expect(
      await t.database.db
        .selectFrom('response')
        .select('id')
        .where(
          'id',
          'in',
          batch.map((b) => b.id),
        )
        .execute(),
    ).toEqual([]);
    const counts = [];
    for (let i = 0; i < 3; i++) counts.push((await submit({ channel: 'online', responses: batch })).json().counts);
    expect(counts).toEqual([
      { stored: 40, duplicate: 0, conflict: 0, invalid: 0 },
      { stored: 0, duplicate: 40, conflict: 0, invalid: 0 },
      { stored: 0, duplicate: 40, conflict: 0, invalid: 0 },
    ]);
    const rowsStored = await t.database.db
      .selectFrom('response')
      .select('id')
      .where(
        'id',
        'in',
        batch.map((b) => b.id),
      )
      .execute();
    expect(rowsStored).toHaveLength(40);
  });

  it('stores each id exactly once when the same batch arrives in parallel', async () => {
    const batch = Array.from({ length: 50 }, () => item());
    const results = await Promise.all(Array.from({ length: 4 }, () => submit({ channel: 'online', responses: batch })));
    for (const r of results) expect(r.statusCode).toBe(200);
    const stored = results.reduce((sum, r) => sum + (r.json().counts.stored as number), 0);
    expect(stored).toBe(50);
    const n = await t.database.db
      .selectFrom('response')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where(
        'id',
        'in',
        batch.map((b) => b.id),
      )
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(50);
  });

  const count = async () =>
    Number(
      (
        await t.database.db
          .selectFrom('response')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('refuses 10 MB of text in an open answer and a batch of 100,000 items, and stores nothing of them', async () => {
    const before = await count();
    const huge = await submit({ channel: 'online', responses: [item({ zustimmung: 3, idee: 'x'.repeat(10 * 1024 * 1024) })] });
    expect(huge.statusCode).toBe(413);
    expect(huge.json().error.message).toContain('zu groß');
    // Just under the body limit, the open answer's own limit speaks.
    const long = await submit({ channel: 'online', responses: [item({ zustimmung: 3, idee: 'x'.repeat(100_000) })] });
    expect(long.statusCode).toBe(422);
    expect(long.json().results[0].errors.idee).toBeDefined();
    const flood = Array.from({ length: 100_000 }, () => item());
    const res = await submit({ channel: 'online', responses: flood });
    expect(res.statusCode).toBe(413);
    const justOver = await submit({ channel: 'online', responses: flood.slice(0, 1001) });
    expect(justOver.statusCode).toBe(400);
    expect(justOver.json().error.fields[0].message).toContain('Höchstens 1.000 Antworten');
    expect(await count()).toBe(before);
  });

  it('keeps combining characters, emoji sequences and right-to-left text exactly as typed', async () => {
    const text = 'Kooperation\u0301 – e\u0301 👨‍👩‍👧 🏳️‍🌈 שלום עולם ‏مرحبا‎';
    const one = item({ zustimmung: 2, warum: text });
    expect((await submit({ channel: 'online', responses: [one] })).statusCode).toBe(201);
    const stored = JSON.parse((await rows(one.id))[0]!.answers) as { warum: string };
    expect(stored.warum).toBe(text);
    expect(stored.warum.normalize('NFC')).not.toBe(stored.warum); // not normalised behind the writer's back
  });

  it('refuses oversized batches, malformed ids and versions of other studies', async () => {
    const tooMany = await submit({ channel: 'online', responses: Array.from({ length: 1001 }, () => item()) });
    expect(tooMany.statusCode).toBe(400);
    expect((await submit({ channel: 'online', responses: [{ ...item(), id: 'nicht-eine-uuid' }] })).statusCode).toBe(400);
    const other = await createSmallWave(t);
    const res = await submit({ channel: 'online', responses: [{ ...item(), versionId: other.versionId }] });
    expect(res.statusCode).toBe(422);
    expect(res.json().results[0].errors).toHaveProperty('versionId');
  });

  it('needs no CSRF token but still refuses cross-site posts', async () => {
    expect((await submit({ channel: 'online', responses: [item()] }, { origin: 'https://evil.example' })).statusCode).toBe(403);
  });

  it('answers unknown, unpublished and closed waves clearly and stores nothing', async () => {
    const unknown = await t.app.inject({
      method: 'POST',
      url: url('zzzzzzzz'),
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ channel: 'online', responses: [item()] }),
    });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('wave.not_found');
    const draft = await createSmallWave(t, { status: 'draft' });
    expect((await t.client().get(`/api/study/waves/${draft.code}`)).statusCode).toBe(404);
    const closed = await createSmallWave(t, { status: 'closed' });
    const one = { id: randomUUID(), versionId: closed.versionId, answers: { zustimmung: 3 } };
    const res = await t.app.inject({
      method: 'POST',
      url: url(closed.code),
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ channel: 'online', responses: [one] }),
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('wave.closed');
    expect(await rows(one.id)).toHaveLength(0);
  });

  it('takes interviews only from signed-in staff, with interviewer and place as paradata, also after the wave closed', async () => {
    const anonymous = await submit({ channel: 'interviewer', responses: [item()] });
    expect(anonymous.statusCode).toBe(401);

    const closed = await createSmallWave(t, { status: 'closed' });
    const staff = await t.signIn({ role: 'staff' });
    const interview = {
      id: randomUUID(),
      versionId: closed.versionId,
      answers: { zustimmung: 2 },
      collectedOn: '2026-04-20',
      place: 'Bürgerforum Chemnitz, Markt',
    };
    const res = await staff.client.post(`/api/study/waves/${closed.code}/responses`, { channel: 'interviewer', responses: [interview] });
    expect(res.statusCode).toBe(201);
    const [row] = await rows(interview.id);
    expect(JSON.parse(row!.paradata)).toEqual({ interviewer: staff.userId, place: 'Bürgerforum Chemnitz, Markt' });
    expect(row!.collected_on).toBe('2026-04-20');

    const late = { ...interview, id: randomUUID(), collectedOn: '2026-06-01' };
    const outside = await staff.client.post(`/api/study/waves/${closed.code}/responses`, { channel: 'interviewer', responses: [late] });
    expect(outside.statusCode).toBe(422);
    expect(outside.json().results[0].errors).toHaveProperty('collectedOn');
  });

  it('refuses a channel the wave does not use', async () => {
    const onlineOnly = await createSmallWave(t, { channels: ['online'] });
    const res = await t.app.inject({
      method: 'POST',
      url: url(onlineOnly.code),
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({
        channel: 'kiosk',
        responses: [{ id: randomUUID(), versionId: onlineOnly.versionId, answers: { zustimmung: 3 } }],
      }),
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('wave.channel_closed');
  });

  it('serves survey pages with inline styles allowed for the renderer, and keeps every other page strict', async () => {
    const survey = await t.client().get(`/befragung/${wave.code}`);
    expect(survey.statusCode).toBe(200);
    expect(survey.headers['content-security-policy']).toContain("style-src 'self' 'unsafe-inline'");
    expect(survey.headers['content-security-policy']).toContain("script-src 'self';");
    expect(survey.headers['set-cookie']).toBeUndefined();
    expect((await t.client().get('/anmelden')).headers['content-security-policy']).not.toContain('unsafe-inline');
  });

  it('relaxes the style policy for the questionnaire editor (its live preview), and for no other study page', async () => {
    const editor = await t.client().get(`/verwaltung/studien/${randomUUID()}/fragebogen/${randomUUID()}`);
    expect(editor.statusCode).toBe(200);
    expect(editor.headers['content-security-policy']).toContain("style-src 'self' 'unsafe-inline'");
    expect(editor.headers['content-security-policy']).toContain("script-src 'self';");
    for (const path of [
      '/verwaltung/studien',
      `/verwaltung/studien/${randomUUID()}`,
      `/verwaltung/wellen/${randomUUID()}`,
      `/verwaltung/wellen/${randomUUID()}/plakat`,
      `/verwaltung/studien/${randomUUID()}/fragebogen/${randomUUID()}/mehr`,
      '/verwaltung/studien/x/fragebogen/',
    ]) {
      expect((await t.client().get(path)).headers['content-security-policy'], path).not.toContain('unsafe-inline');
    }
  });
});
