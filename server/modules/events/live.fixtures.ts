import { randomUUID } from 'node:crypto';
import { apiPath } from '../../../contracts/api.ts';
import type { AdminLiveQuestion, AdminLiveRoom, LiveAnswer, LiveQuestionBody } from '../../../contracts/live.ts';
import type { TestApp, TestClient } from '../../test/test-app.ts';

/** Test helpers for live rooms: a session to run them in, staff and audience calls, an SSE reader. */

export async function createLiveSession(t: TestApp): Promise<string> {
  const staff = await t.actor('staff');
  const e = await t.app.services.events.createEvent(staff, {
    slug: `live-${randomUUID().slice(0, 8)}`,
    seriesId: null,
    title: 'Zukunftsforum Live',
    format: 'zukunftsforum',
    startsAt: '2027-06-10T09:00:00+02:00',
    endsAt: '2027-06-10T17:00:00+02:00',
    venue: { name: 'Neue Welt', street: 'Leipziger Straße 182', postalCode: '08058', city: 'Zwickau' },
    organisers: ['cwe'],
    fieldsOfAction: [],
    visibility: 'public',
    description: '',
  });
  const s = await t.app.services.events.createSession(staff, e.id, {
    type: 'vortrag',
    title: 'Eröffnung',
    abstract: '',
    startsAt: '2027-06-10T09:30:00+02:00',
    endsAt: '2027-06-10T10:30:00+02:00',
    room: 'Saal 1',
    track: '',
    moderators: [],
    speakers: [],
  });
  return s.session.id;
}

export const question = (kind: LiveQuestionBody['kind'], extra: Partial<LiveQuestionBody> = {}): LiveQuestionBody => ({
  kind,
  prompt: `Frage (${kind})`,
  options: ['single', 'multiple', 'ranking'].includes(kind) ? ['Erstens', 'Zweitens', 'Drittens'] : [],
  scaleLabels: kind === 'scale' ? { min: 'gar nicht', max: 'voll und ganz' } : null,
  studyLink: null,
  ...extra,
});

/** A staff member's calls on one session's live room. */
export function staffCalls(staff: TestClient, sessionId: string) {
  return {
    enable: async (qaOpen = true) => {
      const res = await staff.request('PUT', apiPath('enableLive', { id: sessionId }), { qaOpen });
      if (res.statusCode !== 200) throw new Error(res.body);
      return res.json<AdminLiveRoom>();
    },
    room: async () => (await staff.get(apiPath('adminLiveRoom', { id: sessionId }))).json<AdminLiveRoom>(),
    create: async (body: LiveQuestionBody) => {
      const res = await staff.post(apiPath('createLiveQuestion', { id: sessionId }), body);
      if (res.statusCode !== 201) throw new Error(res.body);
      return res.json<AdminLiveQuestion>();
    },
    status: (q: { id: string; version: number }, status: 'open' | 'closed') =>
      staff.request('PUT', apiPath('setLiveQuestionStatus', { id: q.id }), { status, version: q.version }),
    open: async (q: { id: string; version: number }) => {
      const res = await staff.request('PUT', apiPath('setLiveQuestionStatus', { id: q.id }), { status: 'open', version: q.version });
      if (res.statusCode !== 200) throw new Error(res.body);
      return res.json<AdminLiveQuestion>();
    },
    close: async (q: { id: string; version: number }) => {
      const res = await staff.request('PUT', apiPath('setLiveQuestionStatus', { id: q.id }), { status: 'closed', version: q.version });
      if (res.statusCode !== 200) throw new Error(res.body);
      return res.json<AdminLiveQuestion>();
    },
  };
}

/** The audience's calls (no session, no CSRF token). */
export function audienceCalls(client: TestClient, code: string) {
  return {
    device: async () => {
      const res = await client.post(apiPath('liveDevice', { code }));
      if (res.statusCode !== 201) throw new Error(res.body);
      return res.json<{ deviceToken: string }>().deviceToken;
    },
    vote: (questionId: string, deviceToken: string, answer: LiveAnswer | Record<string, unknown>) =>
      client.post(apiPath('liveVote', { code, questionId }), { deviceToken, answer }),
    ask: (deviceToken: string, text: string) => client.post(apiPath('liveAsk', { code }), { deviceToken, text }),
    upvote: (questionId: string, deviceToken: string) => client.post(apiPath('liveUpvote', { code, questionId }), { deviceToken }),
    room: () => client.get(apiPath('liveRoom', { code })),
  };
}

export interface SseMessage {
  id: string;
  event: string;
  data: string;
}

/** Reads a Server-Sent-Events stream over real HTTP and collects its messages. */
export async function openSse(url: string, headers: Record<string, string> = {}) {
  const abort = new AbortController();
  const res = await fetch(url, { headers, signal: abort.signal });
  const messages: SseMessage[] = [];
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const reading = (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += decoder.decode(value, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const m: SseMessage = { id: '', event: 'message', data: '' };
          for (const line of block.split('\n')) {
            if (line.startsWith('id: ')) m.id = line.slice(4);
            else if (line.startsWith('event: ')) m.event = line.slice(7);
            else if (line.startsWith('data: ')) m.data += line.slice(6);
          }
          if (m.data) messages.push(m);
        }
      }
    } catch {
      // aborted
    }
  })();
  return {
    res,
    messages,
    /** Waits until a message satisfies `pred` (parsed JSON), or fails after `ms`. */
    async until<T>(pred: (room: T) => boolean, ms = 5000): Promise<T> {
      const end = Date.now() + ms;
      for (;;) {
        const hit = messages.map((m) => JSON.parse(m.data) as T).find(pred);
        if (hit) return hit;
        if (Date.now() > end)
          throw new Error(`no such message in ${messages.length}: ${messages.map((m) => m.data.slice(0, 200)).join('\n')}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    async close() {
      abort.abort();
      await reading;
    },
  };
}

export const cookieHeader = (client: TestClient) => [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
