import { MAX_BATCH, type ResponseItem, type SubmitResult } from '../../../contracts/study.ts';
import { retryDelayMs } from './kiosk.ts';

/** What the person at the tablet learns about their own answers. */
export type Delivery =
  | { kind: 'confirmed' }
  /** The server refused them (e.g. the wave has closed); the message says why. */
  | { kind: 'rejected'; message: string }
  /** Not confirmed yet: kept on this device and sent again automatically. */
  | { kind: 'queued' };

export interface OutboxStatus {
  /** Finished answer sets not yet confirmed by the server. */
  waiting: number;
  /** Answer sets the server refused after their person had left (nobody could correct them). */
  lost: number;
  /** A request is under way. */
  sending: boolean;
}

export interface OutboxDeps {
  send: (items: ResponseItem[]) => Promise<SubmitResult>;
  /** A failure that may pass (network, server busy); anything else is a refusal. */
  isTransient: (err: unknown) => boolean;
  /** The message of a refusal. */
  describe: (err: unknown) => string;
  /** How long a person waits for the first answer before being told the answers are kept. */
  waitMs: number;
  delayMs?: (attempt: number) => number;
  onChange?: (status: OutboxStatus) => void;
}

/**
 * The kiosk's finished answer sets on their way to the server. They are kept in memory only:
 * nothing of a person's answers is written to the tablet's storage, where the next person or
 * the browser's history could reveal them. The price is that a reload or a closed tab before
 * the network returns loses what was not sent yet; the page asks before unloading then.
 * Retries go out as one batch with exponential backoff; every id was made on the device, so
 * a repeated upload is stored once (the server answers "duplicate").
 */
export class KioskOutbox {
  private readonly deps: OutboxDeps;
  private pending: ResponseItem[] = [];
  private readonly waiters = new Map<string, { resolve: (d: Delivery) => void; timer: ReturnType<typeof setTimeout> }>();
  private busy = false;
  private attempt = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private lost = 0;
  private closed = false;

  constructor(deps: OutboxDeps) {
    this.deps = deps;
  }

  status(): OutboxStatus {
    return { waiting: this.pending.length, lost: this.lost, sending: this.busy };
  }

  /** Sends a finished answer set; resolves with what the person may be told. */
  submit(item: ResponseItem): Promise<Delivery> {
    const delivery = new Promise<Delivery>((resolve) => {
      const timer = setTimeout(() => this.settle(item.id, { kind: 'queued' }), this.deps.waitMs);
      this.waiters.set(item.id, { resolve, timer });
    });
    this.pending.push(item);
    this.notify();
    // A new answer set is a fresh try, also for those waiting in the backlog.
    this.attempt = 0;
    void this.flush();
    return delivery;
  }

  /** Tries again now (e.g. the browser reports that it is online again). */
  retryNow(): void {
    if (this.pending.length > 0) void this.flush();
  }

  /** Stops retrying (the page is going away). */
  close(): void {
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    for (const id of [...this.waiters.keys()]) this.settle(id, { kind: 'queued' });
  }

  private notify(): void {
    this.deps.onChange?.(this.status());
  }

  /** Tells the waiting person, if any, and reports whether someone was still waiting. */
  private settle(id: string, delivery: Delivery): boolean {
    const waiter = this.waiters.get(id);
    if (!waiter) return false;
    clearTimeout(waiter.timer);
    this.waiters.delete(id);
    waiter.resolve(delivery);
    return true;
  }

  private refuse(item: ResponseItem, message: string): void {
    if (!this.settle(item.id, { kind: 'rejected', message })) this.lost += 1;
  }

  private async flush(): Promise<void> {
    if (this.busy || this.closed || this.pending.length === 0) return;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.busy = true;
    this.notify();
    const batch = this.pending.slice(0, MAX_BATCH);
    let failed = false;
    try {
      const result = await this.deps.send(batch);
      const byId = new Map(result.results.map((r) => [r.id, r]));
      const done = new Set<string>();
      for (const item of batch) {
        const r = byId.get(item.id);
        if (!r) {
          // Not answered for: it stays and goes out again after a pause.
          failed = true;
          continue;
        }
        done.add(item.id);
        if (r.status === 'stored' || r.status === 'duplicate') this.settle(item.id, { kind: 'confirmed' });
        else this.refuse(item, Object.values(r.errors ?? {})[0] ?? this.deps.describe(null));
      }
      this.pending = this.pending.filter((item) => !done.has(item.id));
      this.attempt = failed ? this.attempt + 1 : 0;
    } catch (err) {
      if (this.deps.isTransient(err)) {
        failed = true;
        this.attempt += 1;
        // Everyone waiting learns now that their answers are kept and follow later.
        for (const item of this.pending) this.settle(item.id, { kind: 'queued' });
      } else {
        const ids = new Set(batch.map((item) => item.id));
        this.pending = this.pending.filter((item) => !ids.has(item.id));
        for (const item of batch) this.refuse(item, this.deps.describe(err));
      }
    } finally {
      this.busy = false;
    }
    this.notify();
    if (this.closed || this.pending.length === 0) return;
    if (failed) {
      this.retryTimer = setTimeout(() => void this.flush(), (this.deps.delayMs ?? retryDelayMs)(this.attempt));
    } else {
      // More than one batch, or answers that arrived while this one was under way.
      void this.flush();
    }
  }
}
