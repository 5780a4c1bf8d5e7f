import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiPath } from '../../../contracts/api.ts';
import type { AdminLiveRoom, PublicLiveRoom } from '../../../contracts/live.ts';
import { buildApp } from '../../app.ts';
import { openDatabase } from '../../db/database.ts';
import { emptyDist, TEST_DIALECT, useTestApp, type TestClient } from '../../test/test-app.ts';
import { LIVE_CHANNEL } from './live-hub.ts';
import { audienceCalls, cookieHeader, createLiveSession, openSse, question, staffCalls } from './live.fixtures.ts';

describe('live streams (Server-Sent Events over a real connection)', () => {
  const t = useTestApp();
  let base = '';
  let staff: TestClient;

  beforeAll(async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    staff = (await t.signIn({ role: 'staff' })).client;
  });

  async function newRoom() {
    const sessionId = await createLiveSession(t);
    const s = staffCalls(staff, sessionId);
    const room = await s.enable(true);
    return { sessionId, s, room, a: audienceCalls(t.client(), room.code) };
  }

  it('sends the room on connect and again when a question opens, but not per vote', async () => {
    const { sessionId, s, room, a } = await newRoom();
    const q = await s.create(question('single'));
    const pub = await openSse(`${base}${apiPath('liveStream', { code: room.code })}`, { 'accept-encoding': 'gzip, br' });
    const admin = await openSse(`${base}${apiPath('adminLiveStream', { id: sessionId })}`, { cookie: cookieHeader(staff) });
    try {
      expect(pub.res.status).toBe(200);
      expect(pub.res.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
      expect(pub.res.headers.get('cache-control')).toBe('no-store');
      expect(pub.res.headers.get('x-accel-buffering')).toBe('no');
      expect(pub.res.headers.get('content-encoding')).toBeNull();
      const first = await pub.until<PublicLiveRoom>(() => true);
      expect(first).toMatchObject({ code: room.code, current: null, questions: [] });
      expect(pub.messages[0]).toMatchObject({ event: 'room', id: String(first.revision) });
      await admin.until<AdminLiveRoom>((r) => r.questions.length === 1);

      const opened = await s.open(q);
      const withQuestion = await pub.until<PublicLiveRoom>((r) => r.current?.id === q.id);
      expect(withQuestion.current).toMatchObject({ kind: 'single', status: 'open', prompt: 'Frage (single)' });
      expect(withQuestion.revision).toBeGreaterThan(first.revision);
      const publicCount = pub.messages.length;

      for (let i = 0; i < 20; i++)
        expect((await a.vote(opened.id, await a.device(), { optionId: opened.options[i % 2]!.id })).statusCode).toBe(201);
      const counted = await admin.until<AdminLiveRoom>((r) => r.questions[0]?.results.voters === 20);
      expect(counted.questions[0]!.results).toMatchObject({ options: [{ count: 10 }, { count: 10 }, { count: 0 }] });
      // Coalesced: far fewer staff messages than votes.
      expect(admin.messages.length).toBeLessThan(12);
      await new Promise((r) => setTimeout(r, 400));
      expect(pub.messages.length, 'the audience stream stays quiet while votes come in').toBe(publicCount);
    } finally {
      await pub.close();
      await admin.close();
    }
  });

  it('sends an approved audience question to the audience, and nothing for a pending one', async () => {
    const { s, room, a } = await newRoom();
    const pub = await openSse(`${base}${apiPath('liveStream', { code: room.code })}`);
    try {
      await pub.until<PublicLiveRoom>(() => true);
      expect((await a.ask(await a.device(), 'Was kostet das?')).statusCode).toBe(201);
      await new Promise((r) => setTimeout(r, 400));
      expect(pub.messages).toHaveLength(1);
      const pending = (await s.room()).audienceQuestions[0]!;
      await staff.request('PUT', apiPath('moderateAudienceQuestion', { id: pending.id }), { status: 'approved' });
      const shown = await pub.until<PublicLiveRoom>((r) => r.questions.length === 1);
      expect(shown.questions[0]).toMatchObject({ text: 'Was kostet das?', status: 'approved', upvotes: 0 });
    } finally {
      await pub.close();
    }
  });

  it('needs a staff session for the staff stream, none for the audience stream', async () => {
    const { sessionId, room } = await newRoom();
    const anonymous = await fetch(`${base}${apiPath('adminLiveStream', { id: sessionId })}`);
    expect(anonymous.status).toBe(401);
    expect(((await anonymous.json()) as { error: { code: string } }).error.code).toBe('auth.required');
    const unknown = await fetch(`${base}${apiPath('liveStream', { code: '999999' })}`);
    expect(unknown.status).toBe(404);
    const once = await fetch(`${base}${apiPath('liveStream', { code: room.code })}?once=1`);
    expect(once.status).toBe(200);
    const text = await once.text();
    expect(text).toMatch(/^retry: 3000\nid: \d+\nevent: room\ndata: \{.*\}\n\n$/s);
  });

  it.runIf(TEST_DIALECT === 'postgres')('shows a vote made through one instance on a staff stream of another (LISTEN/NOTIFY)', async () => {
    const { sessionId, s, room, a } = await newRoom();
    const q = await s.open(await s.create(question('scale')));
    const second = openDatabase({ kind: 'postgres', url: t.database.url! });
    const appB = await buildApp({ config: t.config, database: second, clock: () => t.now, distDir: emptyDist() });
    try {
      await appB.listen({ port: 0, host: '127.0.0.1' });
      const baseB = `http://127.0.0.1:${(appB.server.address() as AddressInfo).port}`;
      const onB = await openSse(`${baseB}${apiPath('adminLiveStream', { id: sessionId })}`, { cookie: cookieHeader(staff) });
      try {
        await onB.until<AdminLiveRoom>((r) => r.questions[0]?.status === 'open');
        expect((await a.vote(q.id, await a.device(), { value: 4 })).statusCode).toBe(201);
        const seen = await onB.until<AdminLiveRoom>((r) => r.questions[0]?.results.voters === 1);
        expect(seen.questions[0]!.results).toMatchObject({ kind: 'scale', counts: [0, 0, 0, 1, 0], mean: 4 });
        // The listening connections drop (e.g. a database restart): they come back by themselves.
        const killed = await sql<{ n: number }>`
          select count(pg_terminate_backend(pid))::int as n from pg_stat_activity
          where datname = current_database() and query = ${`LISTEN ${LIVE_CHANNEL}`} and pid <> pg_backend_pid()`.execute(t.database.db);
        expect(killed.rows[0]!.n).toBe(2);
        await new Promise((r) => setTimeout(r, 1500));
        expect((await a.vote(q.id, await a.device(), { value: 2 })).statusCode).toBe(201);
        await onB.until<AdminLiveRoom>((r) => r.questions[0]?.results.voters === 2, 8000);
        // A change of the room made through A reaches B's audience view too.
        const pubB = await openSse(`${baseB}${apiPath('liveStream', { code: room.code })}`);
        try {
          await pubB.until<PublicLiveRoom>((r) => r.current?.id === q.id);
          await s.close((await s.room()).questions[0]!);
          await pubB.until<PublicLiveRoom>((r) => r.current === null);
        } finally {
          await pubB.close();
        }
      } finally {
        await onB.close();
      }
    } finally {
      await appB.close();
      await second.close();
    }
  });
});
