import { isApiError } from '../../lib/api.ts';

/** The newer of two copies of a room (the first load and the latest stream message). */
export function newer<T extends { revision: number }>(a: T, b: T | null): T {
  return b !== null && b.revision >= a.revision ? b : a;
}

/**
 * The server refused because this device already did it (voted on the question, supported the
 * audience question): for the person that is the same as success.
 */
export function isAlreadyDone(err: unknown): boolean {
  return isApiError(err) && err.status === 409 && /already|duplicate|voted|upvoted/i.test(err.code);
}
