import { beforeAll, describe, expect, it } from 'vitest';
import { apiPath } from '../../../contracts/api.ts';
import type { AdminLiveQuestion } from '../../../contracts/live.ts';
import { useTestApp, type TestClient } from '../../test/test-app.ts';
import { createSmallWave } from '../study/study.fixtures.ts';
import { audienceCalls, createLiveSession, question, staffCalls } from './live.fixtures.ts';

/** A questionnaire with a question for each kind of live question that can be linked. */
const LIVE_DEFINITION = {
  pages: [
    {
      name: 'seite_1',
      elements: [
        {
          type: 'radiogroup',
          name: 'verkehr',
          title: 'Womit kommen Sie?',
          choices: [
            { value: 1, text: { default: 'Bus', en: 'Bus' } },
            { value: 2, text: 'Bahn' },
            { value: 3, text: { default: 'Rad', en: 'Bike' } },
          ],
        },
        { type: 'rating', name: 'zufriedenheit', title: 'Wie zufrieden sind Sie?', rateMin: 1, rateMax: 5 },
        {
          type: 'checkbox',
          name: 'themen',
          title: 'Welche Themen?',
          choices: [1, 2, 3].map((value) => ({ value, text: ['Arbeit', 'Bildung', 'Wohnen'][value - 1] })),
        },
        { type: 'comment', name: 'notiz', title: 'Notiz' },
      ],
    },
  ],
};

describe('live questions linked to a study wave', () => {
  const t = useTestApp();
  let staff: TestClient;

  beforeAll(async () => {
    staff = (await t.signIn({ role: 'staff' })).client;
  });

  async function setup(channels: ('online' | 'live')[] = ['online', 'live']) {
    const wave = await createSmallWave(t, { channels }, LIVE_DEFINITION);
    const sessionId = await createLiveSession(t);
    const s = staffCalls(staff, sessionId);
    const room = await s.enable(true);
    return { wave, s, a: audienceCalls(t.client(), room.code), sessionId };
  }

  const liveResponses = (waveId: string) =>
    t.database.db.selectFrom('response').selectAll().where('wave_id', '=', waveId).where('channel', '=', 'live').execute();

  it('refuses links that do not fit, with a German reason', async () => {
    const { wave, sessionId } = await setup();
    const create = (body: object) => staff.post(apiPath('createLiveQuestion', { id: sessionId }), body);
    const reason = async (body: object) => {
      const res = await create(body);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.code).toBe('live.study_link_invalid');
      return res.json().error.fields[0].message as string;
    };
    const link = (questionName: string, waveId = wave.waveId) => ({ studyLink: { waveId, questionName } });
    expect(await reason(question('single', { options: ['Bus', 'Bahn', 'Rad'], ...link('gibtsnicht') }))).toContain(
      'keine Frage „gibtsnicht“',
    );
    expect(await reason(question('scale', link('verkehr')))).toContain('anderen Fragetyp');
    expect(await reason(question('single', { options: ['Bus', 'Auto'], ...link('verkehr') }))).toContain('„Auto“');
    expect(await reason(question('words', link('notiz')))).toContain('Nur Einfachauswahl');
    expect(await reason(question('single', link('verkehr', '00000000-0000-4000-8000-000000000000')))).toBe('Diese Welle gibt es nicht.');
    const online = await setup(['online']);
    expect(await reason(question('scale', { studyLink: { waveId: online.wave.waveId, questionName: 'zufriedenheit' } }))).toContain(
      'Kanal „live“',
    );
    expect((await staffCalls(staff, sessionId).room()).questions).toEqual([]);
  });

  it('stores each vote as one live response when the question closes, and nothing twice when closed again', async () => {
    const { wave, s, a } = await setup();
    const q = await s.create(
      question('single', { options: ['Bus', 'Bahn', 'Rad'], studyLink: { waveId: wave.waveId, questionName: 'verkehr' } }),
    );
    expect(q.studyLink).toEqual({ waveId: wave.waveId, questionName: 'verkehr' });
    const opened = await s.open(q);
    const [bus, bahn, rad] = opened.options.map((o) => o.id) as [string, string, string];
    const tokens = [await a.device(), await a.device(), await a.device()];
    for (const [i, optionId] of [bus, bahn, rad].entries())
      expect((await a.vote(opened.id, tokens[i]!, { optionId })).statusCode).toBe(201);
    const multiple = await s.create(
      question('multiple', { options: ['Arbeit', 'Wohnen'], studyLink: { waveId: wave.waveId, questionName: 'themen' } }),
    );
    // Opening the next question closes the first one: its votes go to the wave.
    const second = await s.open(multiple);
    await a.vote(second.id, tokens[0]!, { optionIds: second.options.map((o) => o.id) });

    const first = (await s.room()).questions.find((x) => x.id === q.id)!;
    expect(first.status).toBe('closed');
    expect(first.studyTransfer).toMatchObject({ status: 'stored', responses: 3, message: null });
    const rows = await liveResponses(wave.waveId);
    expect(rows.map((r) => (JSON.parse(r.answers) as { verkehr: number }).verkehr).sort()).toEqual([1, 2, 3]);
    const hashes = (await t.database.db.selectFrom('live_vote').select(['device_hash']).where('question_id', '=', q.id).execute()).map(
      (v) => v.device_hash,
    );
    for (const r of rows) for (const h of hashes) expect(r.paradata).not.toContain(h);

    // Closing again repeats the transfer: nothing new is stored.
    const again = await staff.request('PUT', apiPath('setLiveQuestionStatus', { id: q.id }), { status: 'closed', version: first.version });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json<AdminLiveQuestion>().studyTransfer).toMatchObject({ status: 'stored', responses: 3 });
    expect(await liveResponses(wave.waveId)).toHaveLength(3);

    const closedSecond = await s.close((await s.room()).questions.find((x) => x.id === second.id)!);
    expect(closedSecond.studyTransfer).toMatchObject({ status: 'stored', responses: 1 });
    expect((await liveResponses(wave.waveId)).map((r) => JSON.parse(r.answers) as object)).toContainEqual({ themen: [1, 3] });
  });

  it('keeps the votes and says so when the wave is not open at closing; closing again once it runs stores them', async () => {
    const wave = await createSmallWave(t, { channels: ['live'], status: 'draft' }, LIVE_DEFINITION);
    const { s, a } = await setup();
    const q = await s.open(await s.create(question('scale', { studyLink: { waveId: wave.waveId, questionName: 'zufriedenheit' } })));
    await a.vote(q.id, await a.device(), { value: 2 });
    await a.vote(q.id, await a.device(), { value: 5 });

    const closed = await s.close(q);
    expect(closed.studyTransfer).toMatchObject({ status: 'failed', responses: 0 });
    expect(closed.studyTransfer?.message).toContain('nicht geöffnet');
    expect(closed.studyTransfer?.message).toContain('2 Stimmen bleiben gespeichert');
    expect(closed.results.voters).toBe(2);
    expect(await liveResponses(wave.waveId)).toHaveLength(0);
    expect(await t.database.db.selectFrom('live_vote').selectAll().where('question_id', '=', q.id).execute()).toHaveLength(2);

    const actor = await t.actor('staff');
    const w = (await t.app.services.studyAdmin.getWave(actor, wave.waveId)).wave;
    await t.app.services.studyAdmin.publishWave(actor, wave.waveId, w.version);
    const retried = await s.close(closed);
    expect(retried.studyTransfer).toMatchObject({ status: 'stored', responses: 2, message: null });
    expect(
      (await liveResponses(wave.waveId)).map((r) => (JSON.parse(r.answers) as { zufriedenheit: number }).zufriedenheit).sort(),
    ).toEqual([2, 5]);
  });
});
