import {
  MAX_CHECKIN_BATCH,
  type CheckinBatch,
  type CheckinBatchResult,
  type CheckinItem,
  type CheckinList,
  type CheckinResult,
  type CheckinStatus,
} from '../../../contracts/checkin.ts';
import { classifyFailure, type Failure } from '../interviewer/queue.ts';

/**
 * The door device's queue, without I/O of its own: what a scan means with the list on the device,
 * what goes into which upload, and what the server's answer changes. A scan is stored on the
 * device the moment it is made and deleted only after the server answered it.
 */

export type Person = CheckinList['people'][number];

/** `unknown`: not in the list on this device (forged, another event's, or newer than the list); the server decides. */
export type LocalStatus = 'checked_in' | 'duplicate' | 'unknown';

export interface Scan {
  /** Made on the device: sending it again changes nothing on the server. */
  id: string;
  eventId: string;
  method: 'qr' | 'name';
  token?: string;
  registrationId?: string;
  /** Device time of the scan (ISO). */
  at: string;
  /** What the device showed at once. */
  localStatus: LocalStatus;
  /** The person the device matched, if any. */
  personId: string | null;
}

/** What the page shows for one scan: first the device's verdict, then the server's. */
export interface Outcome {
  scanId: string;
  status: CheckinStatus | 'unknown';
  name: string | null;
  firstCheckedInAt: string | null;
  /** false once the server has answered. */
  pending: boolean;
}

/** When each person was checked in, from the server's list and the scans not yet uploaded. */
export function checkedInTimes(list: CheckinList, pending: readonly Scan[]): Map<string, string> {
  const times = new Map<string, string>();
  for (const p of list.people) if (p.checkedInAt) times.set(p.registrationId, p.checkedInAt);
  for (const s of [...pending].sort((a, b) => a.at.localeCompare(b.at))) {
    if (s.personId && s.localStatus === 'checked_in' && !times.has(s.personId)) times.set(s.personId, s.at);
  }
  return times;
}

/** "Checked in X of Y confirmed" as this device knows it. */
export function doorCounts(list: CheckinList, pending: readonly Scan[]): { checkedIn: number; confirmed: number } {
  const ids = new Set(list.people.map((p) => p.registrationId));
  const inside = [...checkedInTimes(list, pending).keys()].filter((id) => ids.has(id));
  return { checkedIn: inside.length, confirmed: list.people.length };
}

/** Makes the scan and the verdict the device shows at once, before any network. */
export function localScan(
  list: CheckinList,
  pending: readonly Scan[],
  input: { id: string; at: string } & ({ method: 'qr'; token: string; tokenHash: string } | { method: 'name'; registrationId: string }),
): { scan: Scan; outcome: Outcome } {
  const person =
    input.method === 'qr'
      ? list.people.find((p) => p.ticketHash === input.tokenHash)
      : list.people.find((p) => p.registrationId === input.registrationId);
  const first = person ? checkedInTimes(list, pending).get(person.registrationId) : undefined;
  const localStatus: LocalStatus = !person ? 'unknown' : first ? 'duplicate' : 'checked_in';
  const scan: Scan = {
    id: input.id,
    eventId: list.event.id,
    method: input.method,
    ...(input.method === 'qr' ? { token: input.token } : { registrationId: input.registrationId }),
    at: input.at,
    localStatus,
    personId: person?.registrationId ?? null,
  };
  return {
    scan,
    outcome: {
      scanId: scan.id,
      status: localStatus,
      name: person?.name ?? null,
      firstCheckedInAt: first ?? (person ? input.at : null),
      pending: true,
    },
  };
}

export function toItem(scan: Scan): CheckinItem {
  const base = { id: scan.id, at: scan.at, method: scan.method };
  return scan.token !== undefined ? { ...base, token: scan.token } : { ...base, registrationId: scan.registrationId! };
}

/** The server's answers folded into the device's list: who is in since when, and the counts. */
export function applyResults(list: CheckinList, answer: CheckinBatchResult): CheckinList {
  const first = new Map<string, string>();
  for (const r of answer.results) {
    if ((r.status === 'checked_in' || r.status === 'duplicate') && r.registrationId && r.firstCheckedInAt) {
      first.set(r.registrationId, r.firstCheckedInAt);
    }
  }
  return {
    ...list,
    counts: answer.counts,
    people: list.people.map((p) =>
      p.checkedInAt || !first.has(p.registrationId) ? p : { ...p, checkedInAt: first.get(p.registrationId)! },
    ),
  };
}

export function outcomeOf(result: CheckinResult): Outcome {
  return { scanId: result.id, status: result.status, name: result.name, firstCheckedInAt: result.firstCheckedInAt, pending: false };
}

/** Where the scans live (IndexedDB on the device, a Map in tests). */
export interface ScanStore {
  pending(eventId: string): Promise<Scan[]>;
  remove(ids: string[]): Promise<void>;
}

export interface UploadReport {
  results: CheckinResult[];
  /** The latest counts from the server, if any batch got through. */
  counts: CheckinBatchResult['counts'] | null;
  failure: Failure | null;
}

/**
 * Uploads the event's waiting scans, oldest first, in batches. A batch's scans are deleted only
 * after its answer arrived; if the answer is lost the batch goes again and the server stores it once.
 */
export async function uploadScans(
  store: ScanStore,
  eventId: string,
  send: (body: CheckinBatch) => Promise<CheckinBatchResult>,
  size = MAX_CHECKIN_BATCH,
): Promise<UploadReport> {
  const report: UploadReport = { results: [], counts: null, failure: null };
  const scans = [...(await store.pending(eventId))].sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
  for (let i = 0; i < scans.length; i += size) {
    const batch = scans.slice(i, i + size);
    let answer: CheckinBatchResult;
    try {
      answer = await send({ items: batch.map(toItem) });
    } catch (err) {
      report.failure = classifyFailure(err);
      return report;
    }
    await store.remove(batch.map((s) => s.id));
    report.results.push(...answer.results);
    report.counts = answer.counts;
  }
  return report;
}
