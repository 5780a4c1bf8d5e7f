/**
 * Rules of the kiosk channel that need no browser: how long a tablet waits for the next touch,
 * when it warns, how it backs off while the network is away. Kept pure so they are tested with
 * plain numbers.
 */

/** Seconds without a touch before the answers are discarded, unless `?leerlauf=` says otherwise. */
export const DEFAULT_IDLE_SECONDS = 90;
/** Short enough for a browser test; a stand would not use less than half a minute. */
export const MIN_IDLE_SECONDS = 2;
export const MAX_IDLE_SECONDS = 600;
/** A long timeout warns this many seconds before the reset; a short one at half time. */
export const WARNING_LEAD_SECONDS = 15;
/** How long the thank-you stays before the start screen returns for the next person. */
export const THANKS_SECONDS = 8;

/** The idle timeout from the `leerlauf` query parameter: whole seconds, clamped; anything unreadable is the default. */
export function parseIdleSeconds(raw: string | null | undefined): number {
  if (raw === null || raw === undefined || raw.trim() === '') return DEFAULT_IDLE_SECONDS;
  const value = Number(raw);
  if (!Number.isFinite(value)) return DEFAULT_IDLE_SECONDS;
  return Math.min(MAX_IDLE_SECONDS, Math.max(MIN_IDLE_SECONDS, Math.round(value)));
}

/** Seconds before the reset at which "Sind Sie noch da?" appears. */
export function warningLeadSeconds(timeoutSeconds: number): number {
  return timeoutSeconds >= 2 * WARNING_LEAD_SECONDS ? WARNING_LEAD_SECONDS : timeoutSeconds / 2;
}

export type IdlePhase = 'active' | 'warning' | 'expired';

/** Where a person stands after `idleMs` without any touch, key or pointer. */
export function idlePhase(idleMs: number, timeoutSeconds: number): IdlePhase {
  const timeoutMs = timeoutSeconds * 1000;
  if (idleMs >= timeoutMs) return 'expired';
  if (idleMs >= timeoutMs - warningLeadSeconds(timeoutSeconds) * 1000) return 'warning';
  return 'active';
}

/** Whole seconds left until the reset (shown in the warning), never below zero. */
export function secondsLeft(idleMs: number, timeoutSeconds: number): number {
  return Math.max(0, Math.ceil((timeoutSeconds * 1000 - idleMs) / 1000));
}

/** Waiting time before the n-th retry (n ≥ 1): 2 s, 4 s, 8 s … at most one minute. */
export function retryDelayMs(attempt: number): number {
  const n = Math.max(1, Math.floor(attempt));
  return Math.min(60_000, 2000 * 2 ** Math.min(n - 1, 10));
}

/**
 * Whether a failed request is worth repeating unchanged: no connection (status 0), a timeout,
 * rate limiting, a server error. Other refusals (wave closed, kiosk not allowed) stay refusals.
 */
export function isTransientStatus(status: number): boolean {
  return status === 0 || status === 408 || status === 429 || status >= 500;
}
