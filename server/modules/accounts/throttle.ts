import { createHmac } from 'node:crypto';
import type { AppContext } from '../../context.ts';
import type { LoginThrottleTable } from '../../db/schema.ts';
import { deleteThrottle, findThrottles } from './throttle.repository.ts';

/**
 * Login throttling per account and per client address, kept in the database so it holds across
 * several server instances. After `free` failures every further failure locks the key for a
 * growing time (30 s, 60 s, 120 s … at most 15 min); there is no permanent lockout, so an
 * attacker cannot lock a person out for good. Keys are HMACs: neither address nor e-mail is stored.
 */
export const THROTTLE_POLICY = {
  account: { free: 5 },
  address: { free: 20 },
  windowMinutes: 60,
  baseSeconds: 30,
  maxSeconds: 15 * 60,
} as const;

/** Pure: how long a key is locked after its n-th failure. */
export function lockSecondsAfter(failures: number, free: number): number {
  if (failures < free) return 0;
  return Math.min(THROTTLE_POLICY.maxSeconds, THROTTLE_POLICY.baseSeconds * 2 ** (failures - free));
}

export function throttleKeys(secret: string, email: string, address: string) {
  const h = (s: string) => createHmac('sha256', secret).update(s).digest('base64url');
  return { account: 'a:' + h('account:' + email), address: 'i:' + h('address:' + address) };
}

/** Seconds until the earliest moment another attempt is allowed; 0 when not locked. */
export async function secondsLocked(ctx: AppContext, keys: string[]): Promise<number> {
  const now = ctx.clock().getTime();
  const rows = await findThrottles(ctx.db, keys);
  let wait = 0;
  for (const r of rows) {
    if (r.locked_until) wait = Math.max(wait, Math.ceil((Date.parse(r.locked_until) - now) / 1000));
  }
  return wait;
}

/** Counts one failure for each key; race-safe through an atomic increment. */
export async function recordFailure(ctx: AppContext, keys: { account: string; address: string }): Promise<void> {
  const now = ctx.clock();
  const nowIso = now.toISOString();
  const windowStart = new Date(now.getTime() - THROTTLE_POLICY.windowMinutes * 60_000).toISOString();
  for (const [kind, key] of [
    ['account', keys.account],
    ['address', keys.address],
  ] as const) {
    await ctx.db
      .insertInto('login_throttle')
      .values({ key, failures: 1, first_failure_at: nowIso, locked_until: null })
      .onConflict((oc) => oc.column('key').doUpdateSet((eb) => ({ failures: eb('login_throttle.failures', '+', 1) })))
      .execute();
    const row = (await findThrottles(ctx.db, [key]))[0] as LoginThrottleTable;
    let failures = row.failures;
    let first = row.first_failure_at;
    const locked = row.locked_until !== null && row.locked_until > nowIso;
    if (first < windowStart && !locked) {
      failures = 1;
      first = nowIso;
    }
    const seconds = lockSecondsAfter(failures, THROTTLE_POLICY[kind].free);
    await ctx.db
      .updateTable('login_throttle')
      .set({
        failures,
        first_failure_at: first,
        locked_until: seconds > 0 ? new Date(now.getTime() + seconds * 1000).toISOString() : null,
      })
      .where('key', '=', key)
      .execute();
  }
}

export async function clearAccountFailures(ctx: AppContext, accountKey: string): Promise<void> {
  await deleteThrottle(ctx.db, accountKey);
}

/**
 * Sign-in attempts for the same account, and from the same address, run one after another in
 * this process: otherwise guesses sent in parallel would all pass the lock check while the
 * first ones are still being hashed. Across several instances each instance serialises its own
 * attempts, so at most one guess per instance slips past a fresh lock. Hand-written: a keyed
 * promise chain is a dozen lines; a mutex library would add a dependency for the same.
 */
const tails = new Map<string, Promise<void>>();

async function withKeyLock<T>(key: string, fn: () => Promise<T>): Promise<T> {
  const previous = tails.get(key) ?? Promise.resolve();
  let release!: () => void;
  const mine = new Promise<void>((resolve) => (release = resolve));
  const tail = previous.then(() => mine);
  tails.set(key, tail);
  await previous;
  try {
    return await fn();
  } finally {
    release();
    if (tails.get(key) === tail) tails.delete(key);
  }
}

/** Runs one attempt while holding the address lock, then the account lock (always this order). */
export function oneAttemptAtATime<T>(keys: { account: string; address: string }, fn: () => Promise<T>): Promise<T> {
  return withKeyLock(keys.address, () => withKeyLock(keys.account, fn));
}
