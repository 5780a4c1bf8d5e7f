/**
 * What an audience phone remembers per room, in localStorage: its anonymous device token, the
 * questions it has answered and the audience questions it has upvoted. Nothing here identifies
 * a person; a browser that refuses storage (private mode) simply asks the server again.
 */
export type KeyValueStore = Pick<Storage, 'getItem' | 'setItem'>;

/** Enough for any session; older entries drop out first. */
const MAX_REMEMBERED = 200;

const key = (code: string, what: 'device' | 'voted' | 'upvoted') => `itas.live.${code}.${what}`;

function read(store: KeyValueStore | null, name: string): string | null {
  try {
    return store?.getItem(name) ?? null;
  } catch {
    return null;
  }
}

function write(store: KeyValueStore | null, name: string, value: string): void {
  try {
    store?.setItem(name, value);
  } catch {
    // Full or forbidden storage: the server still refuses a second vote, the page then says so.
  }
}

function readIds(store: KeyValueStore | null, name: string): string[] {
  const raw = read(store, name);
  if (!raw) return [];
  try {
    const parsed: unknown = JSON.parse(raw);
    return Array.isArray(parsed) ? parsed.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

function addId(store: KeyValueStore | null, name: string, id: string): string[] {
  const ids = readIds(store, name).filter((x) => x !== id);
  ids.push(id);
  const kept = ids.slice(-MAX_REMEMBERED);
  write(store, name, JSON.stringify(kept));
  return kept;
}

/** The browser's localStorage, or null where it cannot be used. */
export function browserStore(): KeyValueStore | null {
  try {
    return typeof window === 'undefined' ? null : window.localStorage;
  } catch {
    return null;
  }
}

export function readDeviceToken(store: KeyValueStore | null, code: string): string | null {
  const token = read(store, key(code, 'device'));
  return token && token.length >= 20 && token.length <= 200 ? token : null;
}

export function saveDeviceToken(store: KeyValueStore | null, code: string, token: string): void {
  write(store, key(code, 'device'), token);
}

export function votedQuestions(store: KeyValueStore | null, code: string): string[] {
  return readIds(store, key(code, 'voted'));
}

export function rememberVote(store: KeyValueStore | null, code: string, questionId: string): string[] {
  return addId(store, key(code, 'voted'), questionId);
}

export function upvotedQuestions(store: KeyValueStore | null, code: string): string[] {
  return readIds(store, key(code, 'upvoted'));
}

export function rememberUpvote(store: KeyValueStore | null, code: string, questionId: string): string[] {
  return addId(store, key(code, 'upvoted'), questionId);
}
