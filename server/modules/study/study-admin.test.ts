import { randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { shippedQuestionnaire } from './shipped.ts';
import { SMALL_DEFINITION } from './study.fixtures.ts';
import { useTestApp, type TestClient } from '../../test/test-app.ts';

const WAVE = {
  name: 'Welle 2026',
  opensOn: '2026-03-01',
  closesOn: '2026-04-30',
  channels: ['online', 'kiosk', 'interviewer'],
  consentDe: 'Ihre Antworten sind anonym.',
  consentEn: 'Your answers are anonymous.',
  districts: ['14511', '14524'],
  invitationOnly: false,
};

describe('study administration', () => {
  const t = useTestApp();
  let staff: TestClient;
  let analyst: TestClient;
  // Fresh sessions per test: some tests move the clock by weeks, past any session's lifetime.
  beforeEach(async () => {
    staff = (await t.signIn({ role: 'staff', org: 'amz' })).client;
    analyst = (await t.signIn({ role: 'analyst' })).client;
  });

  let n = 0;
  async function newStudy(definition: object = SMALL_DEFINITION) {
    n += 1;
    const res = await staff.post('/api/studies', {
      slug: `studie-${n}-${randomUUID().slice(0, 6)}`,
      title: `Studie ${n}`,
      description: '',
      definition,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<{ id: string; versions: { id: string; locked: boolean }[]; organisationName: string }>();
  }
  async function newWave(studyId: string, versionId: string, extra: Partial<typeof WAVE> = {}) {
    const res = await staff.post(`/api/studies/${studyId}/waves`, { ...WAVE, versionId, ...extra });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<{ id: string; code: string; version: number; status: string }>();
  }
  async function openWave(extra: Partial<typeof WAVE> = {}) {
    const study = await newStudy();
    const versionId = study.versions[0]!.id;
    const wave = await newWave(study.id, versionId, extra);
    const pub = await staff.post(`/api/waves/${wave.id}/publish`, { version: wave.version });
    expect(pub.statusCode, pub.body).toBe(200);
    return { study, versionId, wave: pub.json<{ id: string; code: string; version: number }>() };
  }
  const answer = (code: string, versionId: string, answers: object, extra: object = {}, channel = 'online') =>
    t.client().post(`/api/study/waves/${code}/responses`, { channel, responses: [{ id: randomUUID(), versionId, answers, ...extra }] });

  it('creates a study for the staff member’s own organisation, with version 1 of the questionnaire', async () => {
    const study = await newStudy(shippedQuestionnaire());
    expect(study.organisationName).toContain('AMZ');
    expect(study.versions).toHaveLength(1);
    const list = await analyst.get('/api/studies');
    expect(list.json().items.map((s: { id: string }) => s.id)).toContain(study.id);
  });

  it.each([
    [
      'choicesByUrl',
      { pages: [{ name: 'p', elements: [{ type: 'dropdown', name: 'ort', choicesByUrl: { url: 'https://example.org/orte' } }] }] },
    ],
    ['a script in an expression', { pages: [{ name: 'p', elements: [{ type: 'html', name: 'x', html: '<script>alert(1)</script>' }] }] }],
    ['a file upload', { pages: [{ name: 'p', elements: [{ type: 'file', name: 'datei' }] }] }],
  ])('refuses a questionnaire with %s, says why, and stores nothing', async (_, definition) => {
    const before = await t.database.db.selectFrom('study').select('id').execute();
    const check = await staff.post('/api/questionnaires/check', { definition });
    expect(check.statusCode).toBe(200);
    expect(check.json().ok).toBe(false);
    expect(check.json().problems.length).toBeGreaterThan(0);
    const res = await staff.post('/api/studies', {
      slug: `kaputt-${randomUUID().slice(0, 6)}`,
      title: 'Kaputt',
      description: '',
      definition,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('study.definition_invalid');
    expect(res.json().error.fields.length).toBeGreaterThan(0);
    expect(await t.database.db.selectFrom('study').select('id').execute()).toHaveLength(before.length);
  });

  it('counts pages and questions of a definition that passes the check', async () => {
    const res = await staff.post('/api/questionnaires/check', { definition: shippedQuestionnaire() });
    expect(res.json()).toMatchObject({ ok: true, problems: [], summary: { pages: 10, questions: 41 } });
  });

  it('keeps a version editable until it is published or answered, then only a new version can change it', async () => {
    const study = await newStudy();
    const v1 = study.versions[0]!.id;
    const edited = { ...SMALL_DEFINITION, title: 'Geändert' };
    expect((await staff.request('PUT', `/api/studies/${study.id}/versions/${v1}`, { definition: edited })).statusCode).toBe(200);
    const wave = await newWave(study.id, v1);
    await staff.post(`/api/waves/${wave.id}/publish`, { version: wave.version });
    const locked = await staff.request('PUT', `/api/studies/${study.id}/versions/${v1}`, { definition: SMALL_DEFINITION });
    expect(locked.statusCode).toBe(409);
    expect(locked.json().error.code).toBe('study.version_locked');
    const stored = await staff.get(`/api/studies/${study.id}/versions/${v1}`);
    expect(stored.json()).toMatchObject({ locked: true, definition: { title: 'Geändert' } });
    const v2 = await staff.post(`/api/studies/${study.id}/versions`, { definition: SMALL_DEFINITION });
    expect(v2.statusCode).toBe(201);
    expect(v2.json()).toMatchObject({ version: 2, locked: false });
  });

  it('refuses a version of another study for a wave', async () => {
    const a = await newStudy();
    const b = await newStudy();
    const res = await staff.post(`/api/studies/${a.id}/waves`, { ...WAVE, versionId: b.versions[0]!.id });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('study.version_unknown');
  });

  it('takes a wave from draft to open to closed; answers only while open', async () => {
    const study = await newStudy();
    const versionId = study.versions[0]!.id;
    const wave = await newWave(study.id, versionId);
    expect(wave.status).toBe('draft');
    expect((await t.client().get(`/api/study/waves/${wave.code}`)).statusCode).toBe(404);
    const open = await staff.post(`/api/waves/${wave.id}/publish`, { version: wave.version });
    expect(open.json().status).toBe('open');
    expect((await answer(wave.code, versionId, { zustimmung: 3 })).statusCode).toBe(201);
    // A second editor with the old version number does not overwrite the first.
    const stale = await staff.post(`/api/waves/${wave.id}/close`, { version: wave.version });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('wave.version_conflict');
    const closed = await staff.post(`/api/waves/${wave.id}/close`, { version: open.json().version });
    expect(closed.json().status).toBe('closed');
    const late = await answer(wave.code, versionId, { zustimmung: 3 });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('wave.closed');
    const audit = await t.database.db.selectFrom('audit_event').select('action').where('target_id', '=', wave.id).execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['wave.closed', 'wave.created', 'wave.published']);
  });

  it('refuses an end date before the start', async () => {
    const study = await newStudy();
    const res = await staff.post(`/api/studies/${study.id}/waves`, { ...WAVE, versionId: study.versions[0]!.id, closesOn: '2026-02-01' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields[0].path).toBe('closesOn');
  });

  it('accepts answers only within the field period of an open wave', async () => {
    const { wave, versionId } = await openWave({ opensOn: '2026-03-05' });
    const early = await answer(wave.code, versionId, { zustimmung: 3 });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('wave.not_yet_open');
    t.advance(60 * 86_400_000); // 2026-05-01: past the end date
    try {
      const late = await answer(wave.code, versionId, { zustimmung: 3 });
      expect(late.json().error.code).toBe('wave.closed');
      expect((await t.client().get(`/api/study/waves/${wave.code}`)).json().status).toBe('closed');
    } finally {
      t.advance(-60 * 86_400_000);
    }
  });

  it('shows staff the intake per channel, today, and how many reached each page', async () => {
    const { wave, versionId } = await openWave();
    for (let i = 0; i < 3; i++) await answer(wave.code, versionId, { zustimmung: 4 });
    await answer(wave.code, versionId, { zustimmung: 5 }, {}, 'kiosk');
    for (let i = 0; i < 5; i++) await t.client().post(`/api/study/waves/${wave.code}/progress`, { channel: 'online', page: 0 });
    const beyond = await t.client().post(`/api/study/waves/${wave.code}/progress`, { channel: 'online', page: 3 });
    expect(beyond.statusCode).toBe(400);
    t.advance(86_400_000);
    try {
      await answer(wave.code, versionId, { zustimmung: 1 });
      analyst = (await t.signIn({ role: 'analyst' })).client;
      const res = await analyst.get(`/api/waves/${wave.id}/overview`);
      expect(res.statusCode).toBe(200);
      const o = res.json();
      expect(o.total).toBe(5);
      expect(o.today).toBe('2026-03-03');
      expect(o.channels).toEqual(
        expect.arrayContaining([
          { channel: 'online', complete: 4, today: 1 },
          { channel: 'kiosk', complete: 1, today: 0 },
        ]),
      );
      expect(o.pages).toEqual([{ index: 0, name: 'seite_1', title: 'seite_1', reached: 5 }]);
    } finally {
      t.advance(-86_400_000);
    }
  });

  it('lets staff and analysts read open answers exactly as written; companies may not', async () => {
    const { wave, versionId } = await openWave();
    const hostile = [
      '<script>alert(1)</script>',
      '<img src=x onerror=alert(1)>',
      '=HYPERLINK("http://böse.example","klick")',
      'مرحبا 👋🏽 e\u0301',
    ];
    for (const text of hostile) await answer(wave.code, versionId, { zustimmung: 4, idee: text });
    await answer(wave.code, versionId, { zustimmung: 1, warum: 'Angst um den Arbeitsplatz' });
    const res = await analyst.get(`/api/waves/${wave.id}/open-answers?question=idee`);
    expect(res.statusCode).toBe(200);
    expect(
      res
        .json()
        .items.map((i: { text: string }) => i.text)
        .sort(),
    ).toEqual([...hostile].sort());
    const all = await staff.get(`/api/waves/${wave.id}/open-answers`);
    expect(all.json().total).toBe(5);
    expect(all.json().questions.map((q: { name: string }) => q.name)).toEqual(['warum', 'idee']);
    const company = (await t.signIn({ role: 'company', org: 'amz' })).client;
    expect((await company.get(`/api/waves/${wave.id}/open-answers`)).statusCode).toBe(403);
  });

  describe('single-use invitation codes', () => {
    it('admits each code once, and keeps no link between code and answers', async () => {
      const { wave, versionId } = await openWave({ invitationOnly: true });
      const created = await staff.post(`/api/waves/${wave.id}/invitations`, { count: 3 });
      expect(created.statusCode).toBe(201);
      const codes = created.json().items.map((i: { code: string }) => i.code) as string[];
      expect(new Set(codes).size).toBe(3);
      expect((await t.client().get(`/api/study/waves/${wave.code}`)).json().invitationOnly).toBe(true);

      const without = await answer(wave.code, versionId, { zustimmung: 4 });
      expect(without.statusCode).toBe(422);
      expect(without.json().results[0].errors.invitation).toContain('Einladungscode');

      expect((await t.client().get(`/api/study/waves/${wave.code}/invitations/${codes[0]}`)).statusCode).toBe(200);
      const id = randomUUID();
      const first = await t.client().post(`/api/study/waves/${wave.code}/responses`, {
        channel: 'online',
        responses: [{ id, versionId, answers: { zustimmung: 4 }, invitation: codes[0] }],
      });
      expect(first.statusCode).toBe(201);
      // A retried upload of the same answers is a duplicate, not a second use.
      const retry = await t.client().post(`/api/study/waves/${wave.code}/responses`, {
        channel: 'online',
        responses: [{ id, versionId, answers: { zustimmung: 4 }, invitation: codes[0] }],
      });
      expect(retry.json().results[0].status).toBe('duplicate');

      const reused = await answer(wave.code, versionId, { zustimmung: 2 }, { invitation: codes[0] });
      expect(reused.statusCode).toBe(422);
      expect(reused.json().results[0].errors.invitation).toContain('bereits verwendet');
      const check = await t.client().get(`/api/study/waves/${wave.code}/invitations/${codes[0]}`);
      expect(check.statusCode).toBe(409);
      expect(check.json().error.code).toBe('invitation.used');
      expect((await t.client().get(`/api/study/waves/${wave.code}/invitations/zzzzzzzzzz`)).statusCode).toBe(404);

      const stored = await t.database.db.selectFrom('response').selectAll().where('wave_id', '=', wave.id).execute();
      expect(stored).toHaveLength(1);
      expect(JSON.stringify(stored)).not.toContain(codes[0]);
      const inv = await t.database.db.selectFrom('invitation').selectAll().where('wave_id', '=', wave.id).execute();
      expect(Object.keys(inv[0]!).sort()).toEqual(['code', 'seq', 'used', 'wave_id']);
      const list = await staff.get(`/api/waves/${wave.id}/invitations`);
      expect(list.json()).toMatchObject({ total: 3, used: 1 });
    });

    it('uses a code at most once when two phones send it at the same moment', async () => {
      const { wave, versionId } = await openWave({ invitationOnly: true });
      const [code] = (await staff.post(`/api/waves/${wave.id}/invitations`, { count: 1 }))
        .json()
        .items.map((i: { code: string }) => i.code);
      const results = await Promise.all([1, 2, 3, 4].map(() => answer(wave.code, versionId, { zustimmung: 4 }, { invitation: code })));
      expect(results.map((r) => r.statusCode).sort()).toEqual([201, 422, 422, 422]);
    });

    it('refuses more than 5,000 codes in one request and creates none', async () => {
      const { wave } = await openWave();
      const res = await staff.post(`/api/waves/${wave.id}/invitations`, { count: 5001 });
      expect(res.statusCode).toBe(400);
      expect((await staff.get(`/api/waves/${wave.id}/invitations`)).json().total).toBe(0);
    });
  });

  it('draws the short link as a QR code (SVG and PNG) and redirects it to the survey', async () => {
    const { wave } = await openWave();
    const svg = await t.client().get(`/api/study/waves/${wave.code}/qr`);
    expect(svg.statusCode).toBe(200);
    expect(svg.headers['content-type']).toContain('image/svg+xml');
    expect(svg.body).toMatch(/^<svg/);
    const png = await t.app.inject({ url: `/api/study/waves/${wave.code}/qr?format=png` });
    expect(png.headers['content-type']).toBe('image/png');
    expect(png.rawPayload.subarray(1, 4).toString()).toBe('PNG');
    const short = await t.app.inject({ url: `/b/${wave.code}?einladung=abcdefghjk` });
    expect(short.statusCode).toBe(302);
    expect(short.headers.location).toBe(`/befragung/${wave.code}?einladung=abcdefghjk`);
    expect((await t.app.inject({ url: '/b/NICHT-GUELTIG' })).statusCode).toBe(404);
    expect((await t.client().get('/api/study/waves/unbekannt1/qr')).statusCode).toBe(404);
  });

  it('lists for interviewers only open waves that collect interviews', async () => {
    const { wave } = await openWave({ channels: ['interviewer'] });
    const { wave: onlineOnly } = await openWave({ channels: ['online'] });
    const res = await staff.get('/api/interviewer/waves');
    const codes = res.json().items.map((w: { code: string }) => w.code);
    expect(codes).toContain(wave.code);
    expect(codes).not.toContain(onlineOnly.code);
    expect((await analyst.get('/api/interviewer/waves')).statusCode).toBe(403);
  });
});
