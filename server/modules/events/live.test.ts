import { beforeAll, describe, expect, it } from 'vitest';
import { apiPath } from '../../../contracts/api.ts';
import type { AdminLiveQuestion, AdminLiveRoom, LiveAnswer, PublicLiveRoom } from '../../../contracts/live.ts';
import { useTestApp, type TestClient } from '../../test/test-app.ts';
import { DEVICE_LIMIT } from './live.service.ts';
import { audienceCalls, createLiveSession, question, staffCalls } from './live.fixtures.ts';

const XSS = '<script>alert("x")</script>';

describe('live polls', () => {
  const t = useTestApp();
  let staff: TestClient;
  let audience: TestClient;

  beforeAll(async () => {
    staff = (await t.signIn({ role: 'staff' })).client;
    audience = t.client();
  });

  async function newRoom(qaOpen = true) {
    const sessionId = await createLiveSession(t);
    const s = staffCalls(staff, sessionId);
    const room = await s.enable(qaOpen);
    return { sessionId, s, room, a: audienceCalls(audience, room.code) };
  }

  const resultsOf = async (s: ReturnType<typeof staffCalls>, id: string) => (await s.room()).questions.find((q) => q.id === id)!.results;

  it('enables a room with a six-digit code, once per session', async () => {
    const { room, s } = await newRoom(false);
    expect(room.code).toMatch(/^[1-9]\d{5}$/);
    expect(room.joinUrl).toBe(`http://localhost:3000/live/${room.code}`);
    expect(room.qaOpen).toBe(false);
    const again = await s.enable(true);
    expect(again.code).toBe(room.code);
    expect(again.qaOpen).toBe(true);
    expect(again.revision).toBeGreaterThan(room.revision);
  });

  it('switches the hall screen between results and audience questions from any staff device', async () => {
    const { room, sessionId } = await newRoom();
    expect(room.projector).toBe('results');
    const put = (body: unknown) => staff.request('PUT', apiPath('enableLive', { id: sessionId }), body);
    const switched = await put({ qaOpen: true, projector: 'questions' });
    expect(switched.statusCode, switched.body).toBe(200);
    expect(switched.json<AdminLiveRoom>()).toMatchObject({ projector: 'questions', qaOpen: true });
    expect(switched.json<AdminLiveRoom>().revision).toBeGreaterThan(room.revision);
    // Leaving it out keeps the screen as it is; the audience never sees the setting.
    expect((await put({ qaOpen: true })).json<AdminLiveRoom>().projector).toBe('questions');
    expect((await audience.get(apiPath('liveRoom', { code: room.code }))).json()).not.toHaveProperty('projector');
    const bad = await put({ qaOpen: true, projector: 'beamer' });
    expect(bad.statusCode).toBe(400);
    expect((await put({ qaOpen: true })).json<AdminLiveRoom>().projector).toBe('questions');
  });

  it('takes no vote from another site: a form post or a foreign origin changes nothing', async () => {
    const { s, a, room } = await newRoom();
    const q = await s.open(await s.create(question('single')));
    const device = await a.device();
    const url = apiPath('liveVote', { code: room.code, questionId: q.id });
    const body = JSON.stringify({ deviceToken: device, answer: { optionId: q.options[0]!.id } });
    const form = await audience.request('POST', url, undefined, {
      raw: `deviceToken=${device}&optionId=${q.options[0]!.id}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(form.statusCode).toBe(415);
    const foreign = await audience.request('POST', url, undefined, {
      raw: body,
      headers: { 'content-type': 'application/json', origin: 'https://evil.example' },
    });
    expect(foreign.statusCode).toBe(403);
    const crossSite = await audience.request('POST', url, undefined, {
      raw: body,
      headers: { 'content-type': 'application/json', 'sec-fetch-site': 'cross-site' },
    });
    expect(crossSite.statusCode).toBe(403);
    expect((await resultsOf(s, q.id)).voters).toBe(0);
    // The same vote from the platform's own page counts.
    expect((await a.vote(q.id, device, { optionId: q.options[0]!.id })).statusCode).toBe(201);
    expect((await resultsOf(s, q.id)).voters).toBe(1);
  });

  it('runs a poll of every kind and counts each right; a closed question takes no vote', async () => {
    const { s, a } = await newRoom();
    const devices = [await a.device(), await a.device(), await a.device()];
    const voteAll = async (q: AdminLiveQuestion, answers: LiveAnswer[]) => {
      for (const [i, answer] of answers.entries()) {
        t.advance(1000);
        const res = await a.vote(q.id, devices[i]!, answer);
        expect(res.statusCode, res.body).toBe(201);
        expect(res.json()).toEqual({ accepted: true });
      }
    };

    const single = await s.create(question('single'));
    expect(single.position).toBe(1);
    expect(single.status).toBe('draft');
    const [o1, o2, o3] = single.options.map((o) => o.id) as [string, string, string];
    await s.open(single);
    await voteAll(single, [{ optionId: o1 }, { optionId: o1 }, { optionId: o2 }]);
    expect(await resultsOf(s, single.id)).toEqual({
      kind: 'single',
      voters: 3,
      options: [
        { id: o1, label: 'Erstens', count: 2 },
        { id: o2, label: 'Zweitens', count: 1 },
        { id: o3, label: 'Drittens', count: 0 },
      ],
    });

    const multiple = await s.create(question('multiple'));
    expect(multiple.position).toBe(2);
    await s.open(multiple);
    // Opening one question closes the other open one.
    expect((await s.room()).questions.find((q) => q.id === single.id)!.status).toBe('closed');
    const m = multiple.options.map((o) => o.id) as [string, string, string];
    await voteAll(multiple, [{ optionIds: [m[0], m[1]] }, { optionIds: [m[1]] }, { optionIds: [m[2], m[1]] }]);
    expect((await resultsOf(s, multiple.id)).kind === 'multiple' && (await resultsOf(s, multiple.id))).toMatchObject({
      voters: 3,
      options: [{ count: 1 }, { count: 3 }, { count: 1 }],
    });

    const scale = await s.create(question('scale'));
    await s.open(scale);
    await voteAll(scale, [{ value: 1 }, { value: 4 }, { value: 5 }]);
    expect(await resultsOf(s, scale.id)).toEqual({ kind: 'scale', voters: 3, counts: [1, 0, 0, 1, 1], mean: 10 / 3 });

    const words = await s.create(question('words'));
    await s.open(words);
    await voteAll(words, [{ words: ['Mut', 'Zukunft'] }, { words: [' mut ', 'Arbeit'] }, { words: ['MUT'] }]);
    expect(await resultsOf(s, words.id)).toEqual({
      kind: 'words',
      voters: 3,
      words: [
        { text: 'Mut', count: 3 },
        { text: 'Zukunft', count: 1 },
        { text: 'Arbeit', count: 1 },
      ],
    });

    const ranking = await s.create(question('ranking', { options: ['A', 'B', 'C'] }));
    await s.open(ranking);
    const [ra, rb, rc] = ranking.options.map((o) => o.id) as [string, string, string];
    await voteAll(ranking, [{ order: [ra, rb, rc] }, { order: [ra, rc, rb] }, { order: [rb, ra, rc] }]);
    expect(await resultsOf(s, ranking.id)).toEqual({
      kind: 'ranking',
      voters: 3,
      options: [
        { id: ra, label: 'A', meanRank: 4 / 3, points: 5 },
        { id: rb, label: 'B', meanRank: 2, points: 3 },
        { id: rc, label: 'C', meanRank: 8 / 3, points: 1 },
      ],
    });

    const open = (await s.room()).questions.find((q) => q.id === ranking.id)!;
    await s.close(open);
    const late = await a.vote(ranking.id, await a.device(), { order: [ra, rb, rc] });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('live.question_closed');
    expect((await resultsOf(s, ranking.id)).voters).toBe(3);
    // …and the earlier single-choice question, closed when the next one opened, neither.
    const old = await a.vote(single.id, await a.device(), { optionId: o1 });
    expect(old.json().error.code).toBe('live.question_closed');

    // Closed → open again is allowed; votes so far stay.
    const reopened = await s.open((await s.room()).questions.find((q) => q.id === ranking.id)!);
    expect(reopened.status).toBe('open');
    expect(reopened.results.voters).toBe(3);

    const actions = await t.database.db
      .selectFrom('audit_event')
      .select(['action', 'target_id'])
      .where('target_id', '=', ranking.id)
      .execute();
    expect(actions.map((x) => x.action)).toEqual(expect.arrayContaining(['live.question_opened', 'live.question_closed']));
  });

  it('refuses answers that do not fit the question and changes nothing', async () => {
    const { s, a } = await newRoom();
    const single = await s.open(await s.create(question('single')));
    const token = await a.device();
    const bad = await a.vote(single.id, token, { optionId: 'o99' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: 'live.answer_invalid', message: expect.stringContaining('passt nicht') });
    expect((await a.vote(single.id, token, { value: 3 })).statusCode).toBe(400);

    const multiple = await s.open(await s.create(question('multiple')));
    const [m1] = multiple.options.map((o) => o.id);
    expect((await a.vote(multiple.id, token, { optionIds: [m1, m1] })).statusCode).toBe(400);

    const ranking = await s.open(await s.create(question('ranking')));
    const r = ranking.options.map((o) => o.id);
    expect((await a.vote(ranking.id, token, { order: [r[0], r[1]] })).statusCode).toBe(400);
    expect((await a.vote(ranking.id, token, { order: [r[0], r[0], r[1]] })).statusCode).toBe(400);

    const words = await s.open(await s.create(question('words')));
    expect((await a.vote(words.id, token, { words: ['a', 'b', 'c', 'd'] })).statusCode).toBe(400);
    expect((await a.vote(words.id, token, { words: ['x'.repeat(31)] })).statusCode).toBe(400);
    expect((await a.vote(words.id, token, { words: ['   '] })).statusCode).toBe(400);
    expect((await s.room()).questions.every((q) => q.results.voters === 0)).toBe(true);

    // A question of another room is not found through this room's code.
    const other = await newRoom();
    const foreign = await other.s.open(await other.s.create(question('single')));
    const res = await a.vote(foreign.id, token, { optionId: foreign.options[0]!.id });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('live.question_not_found');
  });

  it('counts one vote per device: 1,000 votes with one token → one counted, then 429', async () => {
    const { s, a } = await newRoom();
    const q = await s.open(await s.create(question('single')));
    const token = await a.device();
    const statuses: number[] = [];
    for (let i = 0; i < 1000; i++) statuses.push((await a.vote(q.id, token, { optionId: q.options[i % 3]!.id })).statusCode);
    expect(statuses[0]).toBe(201);
    expect(statuses.slice(1, DEVICE_LIMIT.max)).toEqual(Array(DEVICE_LIMIT.max - 1).fill(409));
    expect(statuses.slice(DEVICE_LIMIT.max).every((x) => x === 429)).toBe(true);
    const limited = await a.vote(q.id, token, { optionId: q.options[0]!.id });
    expect(limited.headers['retry-after']).toBeDefined();
    expect(limited.json().error.message).toContain('Zu viele Anfragen');
    expect((await resultsOf(s, q.id)).voters).toBe(1);
    const votes = await t.database.db.selectFrom('live_vote').selectAll().where('question_id', '=', q.id).execute();
    expect(votes).toHaveLength(1);
    // Only the token's hash is stored.
    expect(votes[0]!.device_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(votes[0]!.device_hash).not.toContain(token.slice(0, 10));
  });

  it('counts parallel votes exactly: 20 at once from one device → one, 50 from 50 devices → 50', async () => {
    const { s, a } = await newRoom();
    const q = await s.open(await s.create(question('single')));
    const token = await a.device();
    const same = await Promise.all(Array.from({ length: 20 }, () => a.vote(q.id, token, { optionId: q.options[0]!.id })));
    expect(same.filter((r) => r.statusCode === 201)).toHaveLength(1);
    expect(same.filter((r) => r.statusCode === 409)).toHaveLength(19);
    const tokens = await Promise.all(Array.from({ length: 50 }, () => a.device()));
    const many = await Promise.all(tokens.map((tk, i) => a.vote(q.id, tk, { optionId: q.options[i % 3]!.id })));
    expect(many.every((r) => r.statusCode === 201)).toBe(true);
    expect(await resultsOf(s, q.id)).toMatchObject({ voters: 51, options: [{ count: 18 }, { count: 17 }, { count: 16 }] });
  });

  it('answers an unknown code with 404 and a German (or English) message', async () => {
    const res = await audience.get(apiPath('liveRoom', { code: '999999' }));
    expect(res.statusCode).toBe(404);
    expect(res.json().error).toMatchObject({
      code: 'live.not_found',
      message: 'Zu diesem Code gibt es keine Live-Abstimmung. Bitte prüfen Sie die sechs Ziffern.',
    });
    const en = await t.client({ 'accept-language': 'en' }).post(apiPath('liveDevice', { code: '999999' }));
    expect(en.statusCode).toBe(404);
    expect(en.json().error.message).toBe('There is no live session with this code. Please check the six digits.');
    expect((await audience.get(apiPath('liveRoom', { code: '012345' }))).statusCode).toBe(400);
  });

  it('rejects forged and damaged device tokens', async () => {
    const { s, a } = await newRoom();
    const q = await s.open(await s.create(question('single')));
    const real = await a.device();
    expect(real).toMatch(/^[A-Za-z0-9_-]{32}\.[A-Za-z0-9_-]{43}$/);
    const forged = `${'A'.repeat(32)}.${real.slice(33)}`;
    const tampered = `${real.slice(0, 40)}${real[40] === 'x' ? 'y' : 'x'}${real.slice(41)}`;
    for (const token of [forged, tampered, 'kein-token-sondern-text-0123456789']) {
      const res = await a.vote(q.id, token, { optionId: q.options[0]!.id });
      expect(res.statusCode).toBe(403);
      expect(res.json().error).toMatchObject({
        code: 'live.device_invalid',
        message: 'Dieses Gerät wurde nicht erkannt. Bitte laden Sie die Seite neu.',
      });
    }
    expect((await a.ask(forged, 'Eine Frage ans Podium')).statusCode).toBe(403);
    expect((await resultsOf(s, q.id)).voters).toBe(0);
  });

  it('keeps <script> byte-exact as data in prompts, options, words and audience questions', async () => {
    const { s, a, sessionId } = await newRoom();
    const single = await s.create(question('single', { prompt: XSS, options: [XSS, '"><img src=x onerror=alert(1)>'] }));
    expect(single.prompt).toBe(XSS);
    expect(single.options.map((o) => o.label)).toEqual([XSS, '"><img src=x onerror=alert(1)>']);
    await s.open(single);
    const pub = (await a.room()).json<PublicLiveRoom>();
    expect(pub.current?.prompt).toBe(XSS);
    expect(pub.current?.options[0]?.label).toBe(XSS);

    const words = await s.open(await s.create(question('words')));
    const token = await a.device();
    expect((await a.vote(words.id, token, { words: [XSS] })).statusCode).toBe(201);
    const results = await resultsOf(s, words.id);
    expect(results.kind === 'words' && results.words[0]?.text).toBe(XSS);

    expect((await a.ask(token, XSS)).statusCode).toBe(201);
    const aq = (await s.room()).audienceQuestions[0]!;
    expect(aq.text).toBe(XSS);
    const raw = (await staff.get(apiPath('adminLiveRoom', { id: sessionId }))).body;
    expect(raw).toContain(JSON.stringify(XSS));
  });

  it('shows audience questions only once approved, hides them again, and counts one upvote per device', async () => {
    const { s, a, sessionId } = await newRoom(true);
    const asker = await a.device();
    const ask = await a.ask(asker, 'Wie geht es nach dem Forum weiter?');
    expect(ask.statusCode).toBe(201);
    expect(ask.json()).toEqual({ status: 'pending' });
    expect((await a.room()).json<PublicLiveRoom>().questions).toEqual([]);
    const pending = (await s.room()).audienceQuestions[0]!;
    expect(pending).toMatchObject({ status: 'pending', upvotes: 0 });

    // Not approved yet: nobody can upvote it.
    const early = await a.upvote(pending.id, await a.device());
    expect(early.statusCode).toBe(404);

    const moderate = (status: string) => staff.request('PUT', apiPath('moderateAudienceQuestion', { id: pending.id }), { status });
    expect((await moderate('approved')).json()).toMatchObject({ id: pending.id, status: 'approved' });
    expect((await a.room()).json<PublicLiveRoom>().questions.map((q) => q.text)).toEqual(['Wie geht es nach dem Forum weiter?']);

    const fan = await a.device();
    const up = await a.upvote(pending.id, fan);
    expect(up.statusCode).toBe(200);
    expect(up.json()).toEqual({ upvotes: 1 });
    const twice = await a.upvote(pending.id, fan);
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe('live.already_upvoted');
    expect((await a.upvote(pending.id, await a.device())).json()).toEqual({ upvotes: 2 });
    expect((await a.room()).json<PublicLiveRoom>().questions[0]?.upvotes).toBe(2);

    await moderate('answered');
    expect((await a.room()).json<PublicLiveRoom>().questions[0]?.status).toBe('answered');
    await moderate('hidden');
    expect((await a.room()).json<PublicLiveRoom>().questions).toEqual([]);
    expect((await s.room()).audienceQuestions[0]?.status).toBe('hidden');

    // With the Q&A closed, nobody can ask.
    await staffCalls(staff, sessionId).enable(false);
    const closed = await a.ask(asker, 'Noch eine Frage?');
    expect(closed.statusCode).toBe(409);
    expect(closed.json().error.code).toBe('live.qa_closed');
  });

  it('edits only drafts without votes, with optimistic versions, and deletes only questions without votes', async () => {
    const { s, a, sessionId } = await newRoom();
    const draft = await s.create(question('single'));
    const edit = (q: { id: string }, body: object) => staff.request('PUT', apiPath('updateLiveQuestion', { id: q.id }), body);
    const changed = await edit(draft, { ...question('single', { options: ['Erstens', 'Neu', 'Drittens'] }), version: draft.version });
    expect(changed.statusCode, changed.body).toBe(200);
    const after = changed.json<AdminLiveQuestion>();
    expect(after.version).toBe(draft.version + 1);
    // Unchanged labels keep their ids.
    expect(after.options[0]!.id).toBe(draft.options[0]!.id);
    expect(after.options[2]!.id).toBe(draft.options[2]!.id);
    expect(after.options[1]!.id).not.toBe(draft.options[1]!.id);
    const stale = await edit(draft, { ...question('single'), version: draft.version });
    expect(stale.json().error.code).toBe('live.version_conflict');

    const oneOption = await staff.post(apiPath('createLiveQuestion', { id: sessionId }), question('single', { options: ['Nur eine'] }));
    expect(oneOption.statusCode).toBe(400);
    expect(oneOption.json().error).toMatchObject({
      code: 'live.question_invalid',
      fields: [{ path: 'options', message: 'Bitte geben Sie mindestens zwei Antworten an.' }],
    });
    const twice = await staff.post(apiPath('createLiveQuestion', { id: sessionId }), question('single', { options: ['Ja', 'ja'] }));
    expect(twice.json().error.fields).toEqual([{ path: 'options.1', message: 'Diese Antwort steht schon in der Liste.' }]);

    const opened = await s.open(after);
    expect((await edit(opened, { ...question('single'), version: opened.version })).json().error.code).toBe('live.question_locked');
    await a.vote(opened.id, await a.device(), { optionId: opened.options[0]!.id });
    const closed = await s.close(opened);
    const del = await staff.delete(apiPath('deleteLiveQuestion', { id: closed.id }));
    expect(del.statusCode).toBe(409);
    expect(del.json().error.code).toBe('live.question_has_votes');

    const other = await s.create(question('words'));
    expect((await staff.delete(apiPath('deleteLiveQuestion', { id: other.id }))).json()).toEqual({ ok: true });
    expect((await s.room()).questions.map((q) => q.id)).toEqual([closed.id]);
  });

  it('exports results as formula-safe CSV', async () => {
    const { s, a, sessionId } = await newRoom();
    const q = await s.open(await s.create(question('single', { options: ['=HYPERLINK("https://evil.example")', 'Nein'] })));
    await a.vote(q.id, await a.device(), { optionId: q.options[0]!.id });
    const res = await staff.get(apiPath('exportLiveResults', { id: sessionId }));
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    const lines = res.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('Nr;Frage;Art;Status;Abstimmende;Antwort;Anzahl;Mittlerer Rang;Punkte');
    expect(lines[1]).toBe(`1;Frage (single);single;open;1;"'=HYPERLINK(""https://evil.example"")";1;;`);
    expect(lines[2]).toBe('1;Frage (single);single;open;1;Nein;0;;');
  });

  it('answers staff routes only for staff', async () => {
    const { sessionId } = await newRoom();
    const analyst = (await t.signIn({ role: 'analyst' })).client;
    expect((await analyst.get(apiPath('adminLiveRoom', { id: sessionId }))).statusCode).toBe(403);
    expect((await t.client().get(apiPath('adminLiveRoom', { id: sessionId }))).statusCode).toBe(401);
    const notEnabled = await createLiveSession(t);
    const res = await staff.get(apiPath('adminLiveRoom', { id: notEnabled }));
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('live.not_enabled');
  });
});

// A separate app whose per-address limit is tiny (configurable: LIVE_DEVICE_LIMIT_PER_IP).
describe('live device limit per address', () => {
  const t = useTestApp({ live: { deviceLimitPerIp: 3 } });

  it('gives out the configured number of tokens per address and then 429', async () => {
    const staff = (await t.signIn({ role: 'staff' })).client;
    const sessionId = await createLiveSession(t);
    const room: AdminLiveRoom = await staffCalls(staff, sessionId).enable(true);
    const client = t.client();
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await client.post(apiPath('liveDevice', { code: room.code }))).statusCode);
    expect(statuses).toEqual([201, 201, 201, 429]);
  });
});
