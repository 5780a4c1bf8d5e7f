/**
 * Service worker of the offline apps, built into dist/sw.js by web/pwa/vite-plugin.ts and
 * registered twice: for the interviewer app (scope /interview) and for the door check-in (scope
 * /verwaltung/veranstaltungen/). Each registration runs its own copy with its own cache; which app
 * it is follows from its scope (sw-routing.ts).
 *
 * Written by hand on purpose, without a library: vite-plugin-pwa does accept Vite 8, but it
 * brings workbox-build (Babel, a second Rollup, Terser and their many dependencies) into the build
 * for what is these few lines; and its navigation fallback serves the cached index.html, whose
 * Content-Security-Policy forbids the inline styles of the questionnaire renderer. This worker
 * keeps the server's own page of each app instead (see server/plugins/web.ts).
 *
 * What it does: on install it stores its app's page and every file of this build in a cache named
 * after the build; on activation it deletes the caches of older builds. The app's pages come
 * from the network when there is one (after a few seconds without answer, from the stored copy);
 * built files come from the cache. The API is never answered by the worker: interviews and
 * questionnaires, door lists and scans are kept by the apps themselves in IndexedDB.
 */
import { appForScope, cacheName, routeFor, staleCaches } from './sw-routing.ts';

/** Filled in by the build: the version (a hash of all files) and the URLs of the built files to store. */
declare const __ITAS_PRECACHE__: { version: string; urls: string[] };

// The project's TypeScript setup targets pages (lib "DOM"); these are the few worker types used here.
interface ExtendableEvent extends Event {
  waitUntil(promise: Promise<unknown>): void;
}
interface FetchEvent extends ExtendableEvent {
  readonly request: Request;
  respondWith(response: Promise<Response>): void;
}
interface WorkerScope {
  readonly location: { origin: string };
  readonly registration: { readonly scope: string };
  readonly clients: { claim(): Promise<void> };
  skipWaiting(): Promise<void>;
  addEventListener(type: 'install' | 'activate', listener: (event: ExtendableEvent) => void): void;
  addEventListener(type: 'fetch', listener: (event: FetchEvent) => void): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
}

const worker = self as unknown as WorkerScope;
const PRECACHE = __ITAS_PRECACHE__;
/** null when registered for a scope it does not know: then it stores and answers nothing. */
const APP = appForScope(new URL(worker.registration.scope).pathname);
const CACHE = APP ? cacheName(PRECACHE.version, APP) : '';
const URLS = APP ? [APP.page, ...PRECACHE.urls] : [];
const PRECACHED = new Set(URLS);
/** How long a page request may take before the stored copy is shown (weak mobile network at a market stall). */
const NETWORK_TIMEOUT_MS = 4000;

worker.addEventListener('install', (event) => {
  if (!APP) return;
  event.waitUntil(
    caches.open(CACHE).then((cache) =>
      // "reload": straight from the server, not from the HTTP cache, so the copies belong to this build.
      cache.addAll(URLS.map((url) => new Request(url, { cache: 'reload', credentials: 'same-origin' }))),
    ),
  );
});

worker.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all((APP ? staleCaches(names, CACHE, APP) : []).map((name) => caches.delete(name))))
      .then(() => worker.clients.claim()),
  );
});

// A newer version waits until the person chooses to switch (an interview in progress is never reloaded by surprise).
worker.addEventListener('message', (event) => {
  if (event.data === 'skip-waiting') void worker.skipWaiting();
});

worker.addEventListener('fetch', (event) => {
  if (!APP) return;
  const route = routeFor(event.request, worker.location.origin, PRECACHED, APP);
  if (route === 'page') event.respondWith(appPage(event.request, APP.page));
  else if (route === 'precached') event.respondWith(precachedFile(event.request));
});

async function storedPage(page: string): Promise<Response | undefined> {
  return (await caches.open(CACHE)).match(page, { ignoreVary: true });
}

async function appPage(request: Request, page: string): Promise<Response> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timeout')), NETWORK_TIMEOUT_MS);
  });
  try {
    const response = await Promise.race([fetch(request), timeout]);
    if (response.status < 500) return response;
    return (await storedPage(page)) ?? response;
  } catch (err) {
    const stored = await storedPage(page);
    if (stored) return stored;
    throw err;
  } finally {
    clearTimeout(timer);
  }
}

async function precachedFile(request: Request): Promise<Response> {
  const cached = await (await caches.open(CACHE)).match(request, { ignoreVary: true });
  return cached ?? fetch(request);
}
