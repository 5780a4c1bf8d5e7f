import { afterEach, describe, expect, it } from 'vitest';
import type { ResponseItem, SubmitResult } from '../../../contracts/study.ts';
import { ApiError } from '../../lib/api.ts';
import {
  backoffDelay,
  BATCH_SIZE,
  classifyFailure,
  localDay,
  newInterview,
  settle,
  syncQueue,
  toResponseItem,
  uploadPlan,
  type PendingInterview,
  type QueueStore,
  type Submit,
} from './queue.ts';

const ME = 'b3d1c7e6-9f51-4c1e-9a7e-0c2b5d7f1a01';
const OTHER = 'a1d1c7e6-9f51-4c1e-9a7e-0c2b5d7f1a02';
const VERSION = 'c0d1c7e6-9f51-4c1e-9a7e-0c2b5d7f1a03';

let seq = 0;
function interview(overrides: Partial<PendingInterview> = {}): PendingInterview {
  seq += 1;
  return {
    ...newInterview({
      id: `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
      code: 'resilienz2026',
      versionId: VERSION,
      answers: { wohnort: '14511', n: seq },
      place: 'Bürgerforum Chemnitz, Markt',
      interviewerId: ME,
      now: new Date(Date.UTC(2026, 5, 1, 8, 0, seq)),
    }),
    ...overrides,
  };
}

function memoryStore(items: PendingInterview[]): QueueStore & { map: Map<string, PendingInterview> } {
  const map = new Map(items.map((i) => [i.id, i]));
  return {
    map,
    list: async () => [...map.values()],
    put: async (xs) => xs.forEach((x) => map.set(x.id, x)),
    remove: async (ids) => ids.forEach((id) => map.delete(id)),
  };
}

/** A server like the real one: an id is stored once; the same id again is a duplicate. */
function fakeServer() {
  const stored = new Map<string, string>();
  const requests: { code: string; items: ResponseItem[] }[] = [];
  const submit: Submit = async (code, responses) => {
    requests.push({ code, items: responses });
    const results = responses.map((r) => {
      if (stored.has(r.id)) return { id: r.id, status: stored.get(r.id) === JSON.stringify(r.answers) ? 'duplicate' : 'conflict' } as const;
      stored.set(r.id, JSON.stringify(r.answers));
      return { id: r.id, status: 'stored' } as const;
    });
    return result(results);
  };
  return { stored, requests, submit };
}

function result(results: SubmitResult['results']): SubmitResult {
  const counts = { stored: 0, duplicate: 0, conflict: 0, invalid: 0 };
  for (const r of results) counts[r.status] += 1;
  return { results, counts };
}

const networkDown = () => new ApiError({ status: 0, code: 'network', message: 'Die Plattform ist gerade nicht erreichbar.' });

describe('interview queue: what is sent', () => {
  const originalTz = process.env.TZ;
  afterEach(() => {
    process.env.TZ = originalTz;
  });

  it('dates an interview by the local day of the device, not by UTC', () => {
    process.env.TZ = 'Europe/Berlin';
    // 00:30 in Chemnitz on 1 June is still 31 May in UTC.
    const justAfterMidnight = new Date(Date.UTC(2026, 4, 31, 22, 30));
    expect(localDay(justAfterMidnight)).toBe('2026-06-01');
    expect(newInterview({ ...interview(), now: justAfterMidnight }).collectedOn).toBe('2026-06-01');
  });

  it('sends place and day as paradata, and no place when none was given', () => {
    const item = interview({ place: '  Markt Zwickau ' });
    expect(toResponseItem(item)).toEqual({
      id: item.id,
      versionId: VERSION,
      answers: item.answers,
      collectedOn: item.collectedOn,
      place: 'Markt Zwickau',
    });
    expect(toResponseItem(interview({ place: '' }))).not.toHaveProperty('place');
  });

  it("plans only this interviewer's pending interviews, oldest first, per wave, in batches", () => {
    const items = [
      ...Array.from({ length: 5 }, () => interview()),
      interview({ code: 'andere2026' }),
      interview({ interviewerId: OTHER }),
      interview({ status: 'conflict' }),
      interview({ status: 'invalid' }),
    ].reverse();
    const plan = uploadPlan(items, ME, 2);
    expect(plan.map((b) => [b.code, b.interviews.length])).toEqual([
      ['resilienz2026', 2],
      ['resilienz2026', 2],
      ['resilienz2026', 1],
      ['andere2026', 1],
    ]);
    const sent = plan.flatMap((b) => b.interviews);
    const ours = sent.filter((i) => i.code === 'resilienz2026').map((i) => i.savedAt);
    expect(ours).toEqual([...ours].sort());
    expect(sent.every((i) => i.interviewerId === ME && i.status === 'pending')).toBe(true);
    expect(BATCH_SIZE).toBeLessThanOrEqual(1000);
  });
});

describe('interview queue: what the answer means', () => {
  it('lets confirmed interviews go, keeps refused ones with the reason, and leaves unmentioned ones pending', () => {
    const [a, b, c, d, e] = Array.from({ length: 5 }, () => interview());
    const settled = settle(
      [a!, b!, c!, d!, e!],
      result([
        { id: a!.id, status: 'stored' },
        { id: b!.id, status: 'duplicate' },
        { id: c!.id, status: 'conflict' },
        { id: d!.id, status: 'invalid', errors: { alter: 'Bitte eine Zahl zwischen 16 und 110.' } },
      ]),
    );
    expect(settled.confirmed).toEqual([a!.id, b!.id]);
    expect(settled.refused).toEqual([
      { ...c, status: 'conflict', lastError: null },
      { ...d, status: 'invalid', lastError: 'alter: Bitte eine Zahl zwischen 16 und 110.' },
    ]);
  });

  it('waits on network trouble and busy servers, asks for a sign-in on 401, gives up on other refusals', () => {
    expect(classifyFailure(networkDown())).toMatchObject({ kind: 'retry', retryAfterMs: null });
    expect(classifyFailure(new ApiError({ status: 503, code: 'unavailable', message: 'x', retryAfter: 30 }))).toMatchObject({
      kind: 'retry',
      retryAfterMs: 30_000,
    });
    expect(classifyFailure(new ApiError({ status: 429, code: 'rate_limited', message: 'x' })).kind).toBe('retry');
    expect(classifyFailure(new ApiError({ status: 401, code: 'auth.required', message: 'x' })).kind).toBe('auth');
    expect(classifyFailure(new ApiError({ status: 403, code: 'wave.channel_closed', message: 'Geschlossen.' }))).toEqual({
      kind: 'rejected',
      message: 'Geschlossen.',
    });
    expect(classifyFailure(new TypeError('Failed to fetch')).kind).toBe('retry');
  });
});

describe('interview queue: upload', () => {
  it('uploads 450 interviews in batches of 200 and deletes each only after the server confirmed it', async () => {
    const store = memoryStore(Array.from({ length: 450 }, () => interview()));
    const server = fakeServer();
    const report = await syncQueue(store, server.submit, ME);
    expect(server.requests.map((r) => r.items.length)).toEqual([200, 200, 50]);
    expect(report).toEqual({ confirmed: 450, refused: 0, failure: null });
    expect(store.map.size).toBe(0);
    expect(server.stored.size).toBe(450);
  });

  it('keeps a batch whose answer got lost and stores it exactly once when sent again', async () => {
    const store = memoryStore(Array.from({ length: 3 }, () => interview()));
    const server = fakeServer();
    const lossy: Submit = async (code, responses) => {
      await server.submit(code, responses); // the server stored them …
      throw networkDown(); // … but the answer never arrived
    };
    const first = await syncQueue(store, lossy, ME);
    expect(first.failure).toMatchObject({ kind: 'retry' });
    expect(store.map.size).toBe(3);

    const second = await syncQueue(store, server.submit, ME);
    expect(second).toEqual({ confirmed: 3, refused: 0, failure: null });
    expect(server.requests.at(-1)!.items).toHaveLength(3);
    expect(server.stored.size).toBe(3);
    expect(store.map.size).toBe(0);
  });

  it('keeps everything when the session has ended, and continues after the new sign-in', async () => {
    const store = memoryStore(Array.from({ length: 250 }, () => interview()));
    const server = fakeServer();
    let signedIn = true;
    const submit: Submit = async (code, responses) => {
      if (!signedIn) throw new ApiError({ status: 401, code: 'auth.required', message: 'Bitte melden Sie sich an.' });
      signedIn = false; // the session expires after the first batch
      return server.submit(code, responses);
    };
    expect(await syncQueue(store, submit, ME)).toEqual({ confirmed: 200, refused: 0, failure: { kind: 'auth' } });
    expect(store.map.size).toBe(50);
    expect([...store.map.values()].every((i) => i.status === 'pending')).toBe(true);

    signedIn = true;
    expect(await syncQueue(store, submit, ME)).toEqual({ confirmed: 50, refused: 0, failure: null });
    expect(server.stored.size).toBe(250);
  });

  it('never drops refused interviews and does not send them again by itself', async () => {
    const [good, clash, wrong] = [interview(), interview(), interview()];
    const store = memoryStore([good!, clash!, wrong!]);
    const requests: string[][] = [];
    const submit: Submit = async (_code, responses) => {
      requests.push(responses.map((r) => r.id));
      return result(
        responses.map((r) =>
          r.id === clash!.id
            ? { id: r.id, status: 'conflict' }
            : r.id === wrong!.id
              ? { id: r.id, status: 'invalid', errors: { wohnort: 'Unbekannter Landkreis.' } }
              : { id: r.id, status: 'stored' },
        ),
      );
    };
    expect(await syncQueue(store, submit, ME)).toEqual({ confirmed: 1, refused: 2, failure: null });
    expect(store.map.get(clash!.id)).toMatchObject({ status: 'conflict' });
    expect(store.map.get(wrong!.id)).toMatchObject({ status: 'invalid', lastError: 'wohnort: Unbekannter Landkreis.' });
    expect(store.map.has(good!.id)).toBe(false);

    await syncQueue(store, submit, ME);
    expect(requests).toHaveLength(1);
    expect(store.map.size).toBe(2);
  });

  it('marks a refused batch with the reason and still sends the other waves', async () => {
    const closed = interview({ code: 'geschlossen' });
    const open = interview();
    const store = memoryStore([closed, open]);
    const server = fakeServer();
    const submit: Submit = async (code, responses) => {
      if (code === 'geschlossen')
        throw new ApiError({ status: 403, code: 'wave.channel_closed', message: 'Diese Welle nimmt keine Interviews an.' });
      return server.submit(code, responses);
    };
    expect(await syncQueue(store, submit, ME)).toEqual({ confirmed: 1, refused: 1, failure: null });
    expect(store.map.get(closed.id)).toMatchObject({ status: 'invalid', lastError: 'Diese Welle nimmt keine Interviews an.' });
  });

  it("does not upload another interviewer's interviews under this session", async () => {
    const theirs = interview({ interviewerId: OTHER });
    const store = memoryStore([theirs, interview()]);
    const server = fakeServer();
    await syncQueue(store, server.submit, ME);
    expect(server.stored.has(theirs.id)).toBe(false);
    expect([...store.map.keys()]).toEqual([theirs.id]);
  });
});

describe('retry schedule', () => {
  it('doubles from 5 s, stays under 5 min, and spreads each wait between half and all of it', () => {
    expect(backoffDelay(0, () => 0)).toBe(2_500);
    expect(backoffDelay(0, () => 1)).toBe(5_000);
    expect(backoffDelay(1, () => 1)).toBe(10_000);
    expect(backoffDelay(3, () => 1)).toBe(40_000);
    expect(backoffDelay(6, () => 1)).toBe(300_000);
    expect(backoffDelay(60, () => 1)).toBe(300_000);
    expect(backoffDelay(60, () => 0)).toBe(150_000);
    const spread = new Set(Array.from({ length: 20 }, () => backoffDelay(4)));
    expect(spread.size).toBeGreaterThan(1);
    for (const d of spread) {
      expect(d).toBeGreaterThanOrEqual(40_000);
      expect(d).toBeLessThanOrEqual(80_000);
    }
  });
});
