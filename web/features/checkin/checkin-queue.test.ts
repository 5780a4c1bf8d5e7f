import { describe, expect, it } from 'vitest';
import type { CheckinBatch, CheckinBatchResult, CheckinList } from '../../../contracts/checkin.ts';
import { ApiError } from '../../lib/api.ts';
import { applyResults, doorCounts, localScan, uploadScans, type Scan, type ScanStore } from './checkin-queue.ts';

const EVENT = '11111111-1111-4111-8111-111111111111';
const A = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const B = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';
const hash = (c: string) => c.repeat(64);
const list: CheckinList = {
  event: { id: EVENT, slug: 'forum', title: 'Forum', startsAt: '2027-06-10T09:00:00+02:00', endsAt: '2027-06-10T17:00:00+02:00' },
  generatedAt: '2027-06-10T06:00:00.000Z',
  counts: { confirmed: 2, checkedIn: 0 },
  people: [
    { registrationId: A, name: 'Anna', organisation: '', participantType: 'buerger', ticketHash: hash('a'), checkedInAt: null },
    { registrationId: B, name: 'Bernd', organisation: '', participantType: 'buerger', ticketHash: hash('b'), checkedInAt: null },
  ],
};
let n = 0;
const id = () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;

function memoryStore(scans: Scan[]): ScanStore & { all: Map<string, Scan> } {
  const all = new Map(scans.map((s) => [s.id, s]));
  return {
    all,
    pending: async (eventId) => [...all.values()].filter((s) => s.eventId === eventId),
    remove: async (ids) => ids.forEach((i) => all.delete(i)),
  };
}

describe('door queue', () => {
  it('welcomes a known ticket, flags the second scan with the first time, and leaves strangers to the server', () => {
    const first = localScan(list, [], { id: id(), at: '2027-06-10T07:12:00.000Z', method: 'qr', token: 'T-a', tokenHash: hash('a') });
    expect(first.outcome).toMatchObject({ status: 'checked_in', name: 'Anna', pending: true });
    const again = localScan(list, [first.scan], { id: id(), at: '2027-06-10T07:30:00.000Z', method: 'name', registrationId: A });
    expect(again.outcome).toMatchObject({ status: 'duplicate', firstCheckedInAt: '2027-06-10T07:12:00.000Z' });
    const stranger = localScan(list, [], { id: id(), at: '2027-06-10T07:31:00.000Z', method: 'qr', token: 'X', tokenHash: hash('c') });
    expect(stranger.outcome).toMatchObject({ status: 'unknown', name: null });
    expect(doorCounts(list, [first.scan, again.scan, stranger.scan])).toEqual({ checkedIn: 1, confirmed: 2 });
  });

  it('deletes scans only after the server answered, and keeps them when the network fails', async () => {
    const scans = [
      localScan(list, [], { id: id(), at: '2027-06-10T07:01:00.000Z', method: 'name', registrationId: A }).scan,
      localScan(list, [], { id: id(), at: '2027-06-10T07:02:00.000Z', method: 'qr', token: 'T-b', tokenHash: hash('b') }).scan,
      localScan(list, [], { id: id(), at: '2027-06-10T07:03:00.000Z', method: 'qr', token: 'T-x', tokenHash: hash('x') }).scan,
    ];
    const store = memoryStore(scans);
    const offline = await uploadScans(store, EVENT, async () => {
      throw new TypeError('Failed to fetch');
    });
    expect(offline.failure).toMatchObject({ kind: 'retry' });
    expect(store.all.size).toBe(3);

    const sent: CheckinBatch[] = [];
    const answer = (body: CheckinBatch): CheckinBatchResult => ({
      results: body.items.map((item) => ({
        id: item.id,
        status: item.token === 'T-x' ? 'wrong_event' : 'checked_in',
        registrationId: item.registrationId ?? (item.token === 'T-b' ? B : null),
        name: null,
        firstCheckedInAt: item.token === 'T-x' ? null : item.at,
      })),
      counts: { confirmed: 2, checkedIn: 2 },
    });
    const report = await uploadScans(
      store,
      EVENT,
      async (body) => {
        sent.push(body);
        return answer(body);
      },
      2,
    );
    expect(sent.map((b) => b.items.length)).toEqual([2, 1]);
    expect(sent[0]!.items[0]).toEqual({ id: scans[0]!.id, at: '2027-06-10T07:01:00.000Z', method: 'name', registrationId: A });
    expect(report.results.map((r) => r.status)).toEqual(['checked_in', 'checked_in', 'wrong_event']);
    expect(store.all.size).toBe(0);

    const merged = applyResults(list, { results: report.results, counts: report.counts! });
    expect(merged.people.map((p) => p.checkedInAt)).toEqual(['2027-06-10T07:01:00.000Z', '2027-06-10T07:02:00.000Z']);
    expect(doorCounts(merged, [])).toEqual({ checkedIn: 2, confirmed: 2 });
  });

  it('keeps the rest of the queue when a later batch fails, and asks for sign-in on 401', async () => {
    const scans = [1, 2, 3].map(
      (i) => localScan(list, [], { id: id(), at: `2027-06-10T07:0${i}:00.000Z`, method: 'name', registrationId: A }).scan,
    );
    const store = memoryStore(scans);
    let calls = 0;
    const report = await uploadScans(
      store,
      EVENT,
      async (body) => {
        if (++calls > 1) throw new ApiError({ status: 401, code: 'auth.required', message: 'Bitte melden Sie sich an.' });
        return {
          results: body.items.map((i) => ({
            id: i.id,
            status: 'checked_in' as const,
            registrationId: A,
            name: 'Anna',
            firstCheckedInAt: i.at,
          })),
          counts: { confirmed: 2, checkedIn: 1 },
        };
      },
      2,
    );
    expect(report.failure).toEqual({ kind: 'auth' });
    expect([...store.all.keys()]).toEqual([scans[2]!.id]);
  });
});
