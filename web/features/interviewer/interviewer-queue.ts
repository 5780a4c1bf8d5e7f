import { useSyncExternalStore } from 'react';
import { api, isApiError } from '../../lib/api.ts';
import { syncQueue, type PendingInterview, type QueueStore } from './queue.ts';
import { interviewStore } from './store.ts';
import { createSyncController, type RunOutcome, type SyncState } from './sync-controller.ts';

/**
 * The tablet's queue as the pages see it: the interviews on the device and how the upload goes.
 * One instance for the whole app, so switching between /interview and /interview/:code keeps
 * the same schedule; it runs while an interviewer page is open.
 */

export interface QueueSnapshot {
  /** False until the device's queue was read once. */
  loaded: boolean;
  items: PendingInterview[];
  sync: SyncState;
  /** Message of the last failed attempt (network, server). */
  lastError: string | null;
  /** Interviews confirmed by the server in the last successful run, and when. */
  lastUpload: { count: number; at: number } | null;
  /** Reading or writing the device's storage failed. */
  storageError: string | null;
}

class InterviewerQueue {
  private snapshot: QueueSnapshot = {
    loaded: false,
    items: [],
    sync: { phase: 'idle', nextAttemptAt: null, failures: 0 },
    lastError: null,
    lastUpload: null,
    storageError: null,
  };
  private listeners = new Set<() => void>();
  private userId: string | null = null;
  private attached = 0;
  private readonly controller;

  constructor(private readonly store: QueueStore) {
    this.controller = createSyncController({
      run: () => this.run(),
      isOnline: () => navigator.onLine,
      onChange: (sync) => this.update({ sync }),
    });
  }

  readonly subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  readonly getSnapshot = () => this.snapshot;

  private update(next: Partial<QueueSnapshot>) {
    this.snapshot = { ...this.snapshot, ...next };
    for (const listener of this.listeners) listener();
  }

  private readonly onOnline = () => void this.controller.trigger();
  private readonly onOffline = () => this.update({ sync: { ...this.snapshot.sync, phase: 'offline' } });

  /** Starts the schedule while at least one interviewer page is open; returns the matching stop. */
  attach(): () => void {
    this.attached += 1;
    if (this.attached === 1) {
      window.addEventListener('online', this.onOnline);
      window.addEventListener('offline', this.onOffline);
      void this.refresh().then(() => this.controller.start());
    }
    return () => {
      this.attached -= 1;
      if (this.attached === 0) {
        window.removeEventListener('online', this.onOnline);
        window.removeEventListener('offline', this.onOffline);
        this.controller.stop();
      }
    };
  }

  /** The signed-in interviewer (null: nobody, or the session ended). A new sign-in continues the upload. */
  setUser(userId: string | null) {
    const changed = userId !== this.userId;
    this.userId = userId;
    if (changed && userId !== null) void this.controller.trigger();
  }

  async refresh(): Promise<void> {
    try {
      const items = await this.store.list();
      items.sort((a, b) => a.savedAt.localeCompare(b.savedAt));
      this.update({ items, loaded: true, storageError: null });
    } catch (err) {
      this.update({ loaded: true, storageError: err instanceof Error ? err.message : String(err) });
    }
  }

  /** Stores a finished interview on the device. Resolves only after the durable write: then it may say "gespeichert". */
  async save(interview: PendingInterview): Promise<void> {
    await this.store.put([interview]);
    await this.refresh();
    void this.controller.trigger();
  }

  /** Puts a refused interview back into the upload (e.g. after the wave was reopened for interviews). */
  async resend(id: string): Promise<void> {
    const item = this.snapshot.items.find((i) => i.id === id);
    if (!item) return;
    await this.store.put([{ ...item, status: 'pending', lastError: null }]);
    await this.refresh();
    void this.controller.trigger();
  }

  /** Deletes a refused interview from the device, on the interviewer's explicit decision. */
  async discard(id: string): Promise<void> {
    await this.store.remove([id]);
    await this.refresh();
  }

  syncNow(): Promise<void> {
    return this.controller.trigger();
  }

  private async run(): Promise<RunOutcome> {
    await this.refresh();
    if (this.snapshot.storageError) throw new Error(this.snapshot.storageError);
    if (!this.snapshot.items.some((i) => i.status === 'pending')) return { kind: 'done' };

    let userId = this.userId;
    if (userId === null) {
      // Started offline: ask the server whether the session still holds.
      try {
        const me = await api.me();
        userId = me.user && (me.user.role === 'staff' || me.user.role === 'admin') ? me.user.id : null;
      } catch (err) {
        this.update({ lastError: isApiError(err) ? err.message : null });
        return { kind: 'retry', retryAfterMs: null };
      }
      if (userId === null) return { kind: 'auth' };
      this.userId = userId;
    }

    const report = await syncQueue(
      this.store,
      (code, responses) => api.submitResponses(code, { channel: 'interviewer', responses }, false),
      userId,
    );
    await this.refresh();
    if (report.confirmed > 0) this.update({ lastUpload: { count: report.confirmed, at: Date.now() } });
    if (report.failure?.kind === 'auth') {
      this.userId = null; // the next sign-in (or a check with the server) continues the upload
      return { kind: 'auth' };
    }
    if (report.failure?.kind === 'retry') {
      this.update({ lastError: report.failure.message });
      return { kind: 'retry', retryAfterMs: report.failure.retryAfterMs };
    }
    this.update({ lastError: null });
    return { kind: 'done' };
  }
}

export const interviewerQueue = new InterviewerQueue(interviewStore);

export function useInterviewerQueue(): QueueSnapshot {
  return useSyncExternalStore(interviewerQueue.subscribe, interviewerQueue.getSnapshot);
}
