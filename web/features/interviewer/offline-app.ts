import { useCallback, useEffect, useState } from 'react';
import { PATHS } from '../../lib/paths.ts';

/**
 * The installable, offline-capable interviewer app: the web app manifest and the service worker
 * (built from web/pwa/sw.ts). Both belong to the interviewer pages only: the worker's scope is
 * /interview, so public survey pages and the administration never run through it, and the
 * manifest link is added here rather than in index.html, so citizens are never offered to
 * install the interviewer app. The door check-in registers the same worker for its own scope
 * (`DOOR_APP`, see web/pwa/sw-routing.ts), without a manifest.
 */

const WORKER_URL = '/sw.js';
const MANIFEST_URL = '/manifest.webmanifest';

export type OfflineAppStatus =
  /** Looking for the worker. */
  | 'checking'
  /** First visit: the worker is storing the app on the device. */
  | 'installing'
  /** The app is on the device and opens without network. */
  | 'ready'
  /** No service worker (old browser, private mode, development server). */
  | 'unavailable';

/** One registration per scope and page load. */
const registrations = new Map<string, Promise<ServiceWorkerRegistration | null>>();

function addManifestLink() {
  if (document.querySelector('link[rel="manifest"]')) return;
  const link = document.createElement('link');
  link.rel = 'manifest';
  link.href = MANIFEST_URL;
  document.head.append(link);
}

/** Registers the worker for a scope once per page load; null where there is none (development, unsupported). */
export function registerOfflineApp(scope: string = PATHS.interviewer): Promise<ServiceWorkerRegistration | null> {
  if (scope === PATHS.interviewer) addManifestLink();
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return Promise.resolve(null);
  let registration = registrations.get(scope);
  if (!registration) {
    registration = navigator.serviceWorker.register(WORKER_URL, { scope }).catch(() => null);
    registrations.set(scope, registration);
  }
  return registration;
}

/** Whether the app of a scope is ready offline, and whether a newer version waits to take over. */
export function useOfflineApp(scope: string = PATHS.interviewer) {
  const [status, setStatus] = useState<OfflineAppStatus>('checking');
  const [reg, setReg] = useState<ServiceWorkerRegistration | null>(null);
  const [updateWaiting, setUpdateWaiting] = useState(false);

  useEffect(() => {
    let stopped = false;
    const cleanups: (() => void)[] = [];
    void registerOfflineApp(scope).then((r) => {
      if (stopped) return;
      if (!r) {
        setStatus('unavailable');
        return;
      }
      setReg(r);
      const look = () => {
        if (stopped) return;
        if (r.active) setStatus('ready');
        else if (r.installing || r.waiting) setStatus('installing');
        else setStatus('unavailable'); // the install failed (e.g. storage full)
        // A waiting worker while another one controls the page is a newer version of the app.
        setUpdateWaiting(Boolean(r.waiting && navigator.serviceWorker.controller));
      };
      const watch = (worker: ServiceWorker | null) => {
        if (!worker) return;
        worker.addEventListener('statechange', look);
        cleanups.push(() => worker.removeEventListener('statechange', look));
      };
      const onUpdate = () => {
        watch(r.installing);
        look();
      };
      r.addEventListener('updatefound', onUpdate);
      cleanups.push(() => r.removeEventListener('updatefound', onUpdate));
      watch(r.installing);
      watch(r.waiting);
      look();
      // Ask for a newer version on every visit; sw.js is served uncached, so this sees a deployment at once.
      r.update().catch(() => undefined);
    });
    return () => {
      stopped = true;
      for (const cleanup of cleanups) cleanup();
    };
  }, [scope]);

  /** Lets the waiting version take over and reloads the page with it. */
  const applyUpdate = useCallback(() => {
    if (!reg?.waiting) return;
    navigator.serviceWorker.addEventListener('controllerchange', () => window.location.reload(), { once: true });
    reg.waiting.postMessage('skip-waiting');
  }, [reg]);

  return { status, updateWaiting, applyUpdate };
}

/**
 * Asks the browser to keep this site's storage even when the device runs short of space: the
 * interviews waiting for upload live there. Browsers may decline; nothing depends on the answer.
 */
export function requestPersistentStorage(): void {
  void navigator.storage?.persist?.().catch(() => false);
}
