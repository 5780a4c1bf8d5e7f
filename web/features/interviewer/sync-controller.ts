import { backoffDelay } from './queue.ts';

/**
 * When the tablet tries to upload: at once when asked (button, new interview, back online),
 * every `periodMs` while all is well, after failures with growing, jittered pauses, and after an
 * ended session not at all until the interviewer signed in again. One run at a time.
 */

export type RunOutcome =
  /** Everything this interviewer had was answered (or nothing was waiting). */
  | { kind: 'done' }
  /** Network or server trouble: try again later (no earlier than `retryAfterMs`, if the server said so). */
  | { kind: 'retry'; retryAfterMs: number | null }
  /** The session has ended: wait for a new sign-in. */
  | { kind: 'auth' };

export type SyncPhase = 'idle' | 'running' | 'offline' | 'retrying' | 'signin';

export interface SyncState {
  phase: SyncPhase;
  /** When the next automatic attempt is due (ms since epoch); null when none is planned. */
  nextAttemptAt: number | null;
  /** Failed attempts in a row. */
  failures: number;
}

export interface Timers {
  set(run: () => void, ms: number): unknown;
  clear(handle: unknown): void;
  now(): number;
}

const browserTimers: Timers = {
  set: (run, ms) => setTimeout(run, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  now: () => Date.now(),
};

export interface SyncControllerOptions {
  run: () => Promise<RunOutcome>;
  isOnline: () => boolean;
  onChange?: (state: SyncState) => void;
  timers?: Timers;
  random?: () => number;
  /** Pause between routine attempts while nothing fails. */
  periodMs?: number;
}

export function createSyncController(options: SyncControllerOptions) {
  const timers = options.timers ?? browserTimers;
  const random = options.random ?? Math.random;
  const periodMs = options.periodMs ?? 60_000;
  let state: SyncState = { phase: 'idle', nextAttemptAt: null, failures: 0 };
  let active = false;
  let timer: unknown = null;
  let current: Promise<void> | null = null;
  let again = false;

  function set(next: Partial<SyncState>) {
    state = { ...state, ...next };
    options.onChange?.(state);
  }

  function schedule(ms: number) {
    if (timer !== null) timers.clear(timer);
    timer = null;
    if (!active) return;
    timer = timers.set(() => {
      timer = null;
      void trigger();
    }, ms);
    state = { ...state, nextAttemptAt: timers.now() + ms };
  }

  async function runOnce(): Promise<void> {
    let outcome: RunOutcome;
    try {
      outcome = await options.run();
    } catch {
      outcome = { kind: 'retry', retryAfterMs: null }; // e.g. storage trouble: keep trying, never drop anything
    }
    if (outcome.kind === 'done') {
      schedule(periodMs);
      set({ phase: 'idle', failures: 0 });
    } else if (outcome.kind === 'retry') {
      const wait = Math.max(backoffDelay(state.failures, random), outcome.retryAfterMs ?? 0);
      schedule(wait);
      set({ phase: options.isOnline() ? 'retrying' : 'offline', failures: state.failures + 1 });
    } else {
      if (timer !== null) timers.clear(timer);
      timer = null;
      set({ phase: 'signin', nextAttemptAt: null });
    }
  }

  /** Try now. A call during a run asks for one more run after it (e.g. an interview saved meanwhile). */
  function trigger(): Promise<void> {
    if (!active) return Promise.resolve();
    if (current) {
      again = true;
      return current;
    }
    if (!options.isOnline()) {
      schedule(periodMs); // the browser's online flag can be wrong: look again now and then
      set({ phase: 'offline' });
      return Promise.resolve();
    }
    if (timer !== null) timers.clear(timer);
    timer = null;
    current = (async () => {
      do {
        again = false;
        set({ phase: 'running', nextAttemptAt: null });
        await runOnce();
      } while (again && active && state.phase === 'idle');
    })().finally(() => {
      current = null;
    });
    return current;
  }

  return {
    state: () => state,
    trigger,
    start() {
      active = true;
      return trigger();
    },
    stop() {
      active = false;
      if (timer !== null) timers.clear(timer);
      timer = null;
    },
  };
}
export type SyncController = ReturnType<typeof createSyncController>;
