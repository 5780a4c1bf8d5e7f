/**
 * The rules of the interviewer app's service worker, without any browser API, so they are
 * tested with plain inputs (sw-routing.test.ts) and the worker (sw.ts) only carries them out.
 */

/** The worker's scope and the page it keeps for offline starts: every /interview… path is the same app page. */
export const APP_PAGE = '/interview';

const CACHE_PREFIX = 'itas-interview-';

/** One cache per build: a new version never mixes its files with an older one's. */
export function cacheName(version: string): string {
  return `${CACHE_PREFIX}${version}`;
}

/** Caches of earlier builds, deleted when a new version takes over. Other caches of the site stay. */
export function staleCaches(names: readonly string[], current: string): string[] {
  return names.filter((name) => name.startsWith(CACHE_PREFIX) && name !== current);
}

export function isAppPage(pathname: string): boolean {
  return pathname === APP_PAGE || pathname.startsWith(`${APP_PAGE}/`);
}

/**
 * How the worker answers a request:
 * - `network`: not at all, the browser fetches as if there were no worker. Always for the API
 *   (answers of the server are never kept by the worker), other sites, and anything but GET.
 * - `page`: an interviewer page; from the network, and from the stored copy when there is none.
 * - `precached`: a file of this build; from the cache, so the app starts without network.
 */
export function routeFor(request: { method: string; url: string; mode: string }, origin: string, precached: ReadonlySet<string>) {
  if (request.method !== 'GET') return 'network';
  const url = new URL(request.url);
  if (url.origin !== origin) return 'network';
  if (url.pathname === '/api' || url.pathname.startsWith('/api/')) return 'network';
  if (request.mode === 'navigate') return isAppPage(url.pathname) ? 'page' : 'network';
  if (url.search === '' && precached.has(url.pathname)) return 'precached';
  return 'network';
}
