/**
 * The rules of the service worker, without any browser API, so they are tested with plain inputs
 * (sw-routing.test.ts) and the worker (sw.ts) only carries them out.
 *
 * One worker file serves two offline apps, each as its own registration with its own scope and
 * cache: the interviewer app (/interview) and the door check-in (/verwaltung/veranstaltungen/…/einlass).
 * Their update cycles stay apart, and neither ever answers a page of the other.
 */

export interface OfflineApp {
  /** The registration's scope (a path). */
  scope: string;
  /** The page kept for offline starts: fetched at install, shown when the network fails. */
  page: string;
  /** Which navigations inside the scope are this app's pages (the others go to the network untouched). */
  isPage(pathname: string): boolean;
  cachePrefix: string;
}

/** The interviewer app's scope and page: every /interview… path is the same app page. */
export const APP_PAGE = '/interview';

export function isAppPage(pathname: string): boolean {
  return pathname === APP_PAGE || pathname.startsWith(`${APP_PAGE}/`);
}

export const INTERVIEWER_APP: OfflineApp = { scope: APP_PAGE, page: APP_PAGE, isPage: isAppPage, cachePrefix: 'itas-interview-' };

const DOOR_PAGE = /^\/verwaltung\/veranstaltungen\/[^/]+\/einlass\/?$/;

/** The door check-in pages of all events (the event id sits in the middle of the path, so the scope is the events' folder). */
export function isDoorPage(pathname: string): boolean {
  return DOOR_PAGE.test(pathname);
}

/**
 * The door app. Its page copy is the staff pages' app page as the server sends it for
 * /verwaltung/veranstaltungen (the same document and policy as the door page; it carries no
 * data of anyone: names and sessions come from the API, which the worker never answers).
 */
export const DOOR_APP: OfflineApp = {
  scope: '/verwaltung/veranstaltungen/',
  page: '/verwaltung/veranstaltungen',
  isPage: isDoorPage,
  cachePrefix: 'itas-door-',
};

/** The app of a registration, from its scope URL's path; null for a scope this worker does not serve. */
export function appForScope(scopePath: string): OfflineApp | null {
  return [INTERVIEWER_APP, DOOR_APP].find((app) => app.scope === scopePath) ?? null;
}

/** One cache per app and build: a new version never mixes its files with an older one's. */
export function cacheName(version: string, app: OfflineApp = INTERVIEWER_APP): string {
  return `${app.cachePrefix}${version}`;
}

/** Caches of the same app's earlier builds, deleted when a new version takes over. Other caches of the site stay. */
export function staleCaches(names: readonly string[], current: string, app: OfflineApp = INTERVIEWER_APP): string[] {
  return names.filter((name) => name.startsWith(app.cachePrefix) && name !== current);
}

/**
 * How the worker answers a request:
 * - `network`: not at all, the browser fetches as if there were no worker. Always for the API
 *   (answers of the server are never kept by the worker), other sites, and anything but GET.
 * - `page`: a page of the app; from the network, and from the stored copy when there is none.
 * - `precached`: a file of this build; from the cache, so the app starts without network.
 */
export function routeFor(
  request: { method: string; url: string; mode: string },
  origin: string,
  precached: ReadonlySet<string>,
  app: OfflineApp = INTERVIEWER_APP,
) {
  if (request.method !== 'GET') return 'network';
  const url = new URL(request.url);
  if (url.origin !== origin) return 'network';
  if (url.pathname === '/api' || url.pathname.startsWith('/api/')) return 'network';
  if (request.mode === 'navigate') return app.isPage(url.pathname) ? 'page' : 'network';
  if (url.search === '' && precached.has(url.pathname)) return 'precached';
  return 'network';
}
