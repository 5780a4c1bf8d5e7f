import { MAX_BATCH, type ResponseItem, type SubmitResult } from '../../../contracts/study.ts';

/**
 * The interview queue of a tablet, without any I/O of its own: what waits, what goes into which
 * request, and what the server's answer means for each interview. The device deletes an
 * interview only after the server confirmed it ('stored' or 'duplicate'); everything else stays.
 */

/** `pending` waits for upload; `conflict` and `invalid` were refused by the server and stay visible. */
export type InterviewStatus = 'pending' | 'conflict' | 'invalid';

export interface PendingInterview {
  /** Made on the device; sending the same id again stores the interview once. */
  id: string;
  /** Wave code the interview belongs to. */
  code: string;
  versionId: string;
  answers: Record<string, unknown>;
  /** Where the interview took place, e.g. "Bürgerforum Chemnitz, Markt". */
  place: string;
  /** The device's local day of the interview (YYYY-MM-DD). */
  collectedOn: string;
  /** ISO timestamp of saving on the device (keeps the upload order). */
  savedAt: string;
  status: InterviewStatus;
  /** The server's reason for a refused interview, in its words. */
  lastError: string | null;
  /** Who conducted it: only this person's session uploads it, since the server records the signed-in interviewer. */
  interviewerId: string;
}

/** Where the queue lives (IndexedDB on the device, a Map in tests). */
export interface QueueStore {
  list(): Promise<PendingInterview[]>;
  put(items: PendingInterview[]): Promise<void>;
  remove(ids: string[]): Promise<void>;
}

/** Interviews per request: well under the server's limit, so one request stays quick on a weak network. */
export const BATCH_SIZE = Math.min(200, MAX_BATCH);

/** The device's local calendar day, as the interviewer experiences it (not UTC). */
export function localDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

export function newInterview(init: {
  id: string;
  code: string;
  versionId: string;
  answers: Record<string, unknown>;
  place: string;
  interviewerId: string;
  now: Date;
}): PendingInterview {
  return {
    id: init.id,
    code: init.code,
    versionId: init.versionId,
    answers: init.answers,
    place: init.place,
    collectedOn: localDay(init.now),
    savedAt: init.now.toISOString(),
    status: 'pending',
    lastError: null,
    interviewerId: init.interviewerId,
  };
}

/** The batch item the server expects (contracts/study.ts ResponseItemSchema). */
export function toResponseItem(interview: PendingInterview): ResponseItem {
  const place = interview.place.trim();
  return {
    id: interview.id,
    versionId: interview.versionId,
    answers: interview.answers,
    collectedOn: interview.collectedOn,
    ...(place ? { place } : {}),
  };
}

export interface UploadBatch {
  code: string;
  interviews: PendingInterview[];
}

/** The requests to send: this interviewer's pending interviews, oldest first, per wave, at most `size` each. */
export function uploadPlan(items: PendingInterview[], interviewerId: string, size = BATCH_SIZE): UploadBatch[] {
  const mine = items
    .filter((i) => i.status === 'pending' && i.interviewerId === interviewerId)
    .sort((a, b) => a.savedAt.localeCompare(b.savedAt));
  const byCode = new Map<string, PendingInterview[]>();
  for (const item of mine) byCode.set(item.code, [...(byCode.get(item.code) ?? []), item]);
  const batches: UploadBatch[] = [];
  for (const [code, interviews] of byCode) {
    for (let i = 0; i < interviews.length; i += size) batches.push({ code, interviews: interviews.slice(i, i + size) });
  }
  return batches;
}

/** The server's per-question messages of a refused interview, as one readable line. */
export function describeErrors(errors: Record<string, string> | undefined): string | null {
  if (!errors) return null;
  const parts = Object.entries(errors).map(([field, message]) => `${field}: ${message}`);
  return parts.length > 0 ? parts.join('; ') : null;
}

export interface Settled {
  /** Confirmed by the server: may leave the device. */
  confirmed: string[];
  /** Refused (conflict, invalid): kept with the reason. */
  refused: PendingInterview[];
}

/** What the server's answer to one batch means for each interview in it. Interviews it did not mention stay pending. */
export function settle(batch: PendingInterview[], result: SubmitResult): Settled {
  const byId = new Map(result.results.map((r) => [r.id, r]));
  const confirmed: string[] = [];
  const refused: PendingInterview[] = [];
  for (const interview of batch) {
    const r = byId.get(interview.id);
    if (!r) continue;
    if (r.status === 'stored' || r.status === 'duplicate') confirmed.push(interview.id);
    else refused.push({ ...interview, status: r.status, lastError: describeErrors(r.errors) });
  }
  return { confirmed, refused };
}

/** The parts of a failed request the queue looks at (web/lib/api.ts ApiError has them). */
interface HttpFailure {
  status: number;
  code: string;
  message: string;
  retryAfter: number | null;
}

function isHttpFailure(err: unknown): err is HttpFailure {
  return err instanceof Error && typeof (err as Partial<HttpFailure>).status === 'number';
}

export type Failure =
  /** The session has ended: keep everything, ask for a new sign-in, then go on. */
  | { kind: 'auth' }
  /** No network, server busy or down: try again later. */
  | { kind: 'retry'; message: string; retryAfterMs: number | null }
  /** The server refused the whole batch (e.g. the wave no longer takes interviews): keep the interviews, show why. */
  | { kind: 'rejected'; message: string };

export function classifyFailure(err: unknown): Failure {
  if (!isHttpFailure(err)) return { kind: 'retry', message: err instanceof Error ? err.message : String(err), retryAfterMs: null };
  const { status } = err;
  if (status === 401) return { kind: 'auth' };
  if (status === 0 || status === 408 || status === 429 || status >= 500 || err.code === 'csrf.invalid') {
    return { kind: 'retry', message: err.message, retryAfterMs: err.retryAfter === null ? null : err.retryAfter * 1000 };
  }
  return { kind: 'rejected', message: err.message };
}

export interface SyncReport {
  /** Confirmed by the server and deleted from the device. */
  confirmed: number;
  /** Newly refused (conflict, invalid, batch rejected): kept with their reason. */
  refused: number;
  /** Why the run stopped early; null when every batch got an answer. */
  failure: Exclude<Failure, { kind: 'rejected' }> | null;
}

export type Submit = (code: string, responses: ResponseItem[]) => Promise<SubmitResult>;

/**
 * Uploads this interviewer's pending interviews batch by batch. Confirmed interviews are deleted
 * right after their batch's answer, so an interruption later loses no progress; a lost answer
 * means the batch is sent again, which the server stores once (same ids).
 */
export async function syncQueue(store: QueueStore, submit: Submit, interviewerId: string, size = BATCH_SIZE): Promise<SyncReport> {
  const report: SyncReport = { confirmed: 0, refused: 0, failure: null };
  for (const batch of uploadPlan(await store.list(), interviewerId, size)) {
    let result: SubmitResult;
    try {
      result = await submit(batch.code, batch.interviews.map(toResponseItem));
    } catch (err) {
      const failure = classifyFailure(err);
      if (failure.kind === 'rejected') {
        await store.put(batch.interviews.map((i) => ({ ...i, status: 'invalid', lastError: failure.message })));
        report.refused += batch.interviews.length;
        continue;
      }
      report.failure = failure;
      return report;
    }
    const { confirmed, refused } = settle(batch.interviews, result);
    await store.remove(confirmed);
    await store.put(refused);
    report.confirmed += confirmed.length;
    report.refused += refused.length;
  }
  return report;
}

/** Seconds-scale retries that grow to minutes: 5 s, 10 s, 20 s … capped at 5 min, each with jitter. */
export const BACKOFF = { baseMs: 5_000, capMs: 5 * 60_000 } as const;

/**
 * Wait before retry number `attempt` (0 = first retry): exponential, capped, with "equal jitter"
 * (half fixed, half random), so many tablets coming online together do not retry in step.
 */
export function backoffDelay(attempt: number, random: () => number = Math.random, { baseMs, capMs } = BACKOFF): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, Math.min(attempt, 30)));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
