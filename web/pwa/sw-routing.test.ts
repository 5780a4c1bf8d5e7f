import { describe, expect, it } from 'vitest';
import { APP_PAGE, DOOR_APP, INTERVIEWER_APP, appForScope, cacheName, isAppPage, isDoorPage, routeFor, staleCaches } from './sw-routing.ts';

const origin = 'https://itas.example';
const precached = new Set([APP_PAGE, '/assets/index-abc123.js', '/manifest.webmanifest']);
const get = (path: string, mode = 'cors') => ({ method: 'GET', url: origin + path, mode });

describe('service worker routing', () => {
  it('never answers API requests, whatever their method or mode', () => {
    expect(routeFor(get('/api/study/waves/resilienz2026'), origin, precached)).toBe('network');
    expect(routeFor(get('/api/interviewer/waves', 'navigate'), origin, precached)).toBe('network');
    expect(routeFor({ method: 'POST', url: `${origin}/api/study/waves/x/responses`, mode: 'cors' }, origin, precached)).toBe('network');
    expect(routeFor(get('/api'), origin, precached)).toBe('network');
  });

  it('serves interviewer pages (also with a wave code) from the page copy, other pages from the network', () => {
    expect(routeFor(get('/interview', 'navigate'), origin, precached)).toBe('page');
    expect(routeFor(get('/interview/resilienz2026', 'navigate'), origin, precached)).toBe('page');
    expect(routeFor(get('/interview?x=1', 'navigate'), origin, precached)).toBe('page');
    expect(routeFor(get('/interviews-archiv', 'navigate'), origin, precached)).toBe('network');
    expect(routeFor(get('/befragung/resilienz2026', 'navigate'), origin, precached)).toBe('network');
    expect(routeFor(get('/verwaltung', 'navigate'), origin, precached)).toBe('network');
  });

  it('serves the files of its build from the cache and nothing else', () => {
    expect(routeFor(get('/assets/index-abc123.js'), origin, precached)).toBe('precached');
    expect(routeFor(get('/manifest.webmanifest'), origin, precached)).toBe('precached');
    expect(routeFor(get('/assets/index-other.js'), origin, precached)).toBe('network');
    expect(routeFor(get('/assets/index-abc123.js?v=2'), origin, precached)).toBe('network');
    expect(routeFor({ method: 'HEAD', url: `${origin}/assets/index-abc123.js`, mode: 'cors' }, origin, precached)).toBe('network');
    expect(routeFor({ method: 'GET', url: 'https://cdn.example/assets/index-abc123.js', mode: 'cors' }, origin, precached)).toBe('network');
  });

  it('keeps one cache per build and removes only older ones of its own', () => {
    const current = cacheName('v2');
    expect(staleCaches([cacheName('v1'), current, 'other-app'], current)).toEqual([cacheName('v1')]);
    expect(isAppPage('/interview')).toBe(true);
    expect(isAppPage('/interviewer')).toBe(false);
  });

  describe('the door check-in (second registration of the same worker)', () => {
    const doorFiles = new Set([DOOR_APP.page, '/assets/index-abc123.js']);

    it('knows its app from the registration scope', () => {
      expect(appForScope('/interview')).toBe(INTERVIEWER_APP);
      expect(appForScope('/verwaltung/veranstaltungen/')).toBe(DOOR_APP);
      expect(appForScope('/')).toBeNull();
      expect(appForScope('/verwaltung/')).toBeNull();
    });

    it('answers only door pages from its page copy, every other page from the network', () => {
      expect(routeFor(get('/verwaltung/veranstaltungen/3f1c/einlass', 'navigate'), origin, doorFiles, DOOR_APP)).toBe('page');
      expect(routeFor(get('/verwaltung/veranstaltungen/3f1c/einlass?x=1', 'navigate'), origin, doorFiles, DOOR_APP)).toBe('page');
      expect(routeFor(get('/verwaltung/veranstaltungen/3f1c', 'navigate'), origin, doorFiles, DOOR_APP)).toBe('network');
      expect(routeFor(get('/verwaltung/veranstaltungen/3f1c/buergerforum', 'navigate'), origin, doorFiles, DOOR_APP)).toBe('network');
      expect(routeFor(get('/verwaltung/veranstaltungen', 'navigate'), origin, doorFiles, DOOR_APP)).toBe('network');
      // The interviewer's pages belong to the other registration.
      expect(routeFor(get('/interview', 'navigate'), origin, doorFiles, DOOR_APP)).toBe('network');
      expect(routeFor(get('/verwaltung/veranstaltungen/3f1c/einlass', 'navigate'), origin, precached)).toBe('network');
      expect(isDoorPage('/verwaltung/veranstaltungen//einlass')).toBe(false);
      expect(isDoorPage('/verwaltung/veranstaltungen/a/b/einlass')).toBe(false);
    });

    it('never answers the door list or the check-in upload', () => {
      expect(routeFor(get('/api/events/3f1c/checkin'), origin, doorFiles, DOOR_APP)).toBe('network');
      expect(routeFor(get('/api/events/3f1c/checkin', 'navigate'), origin, doorFiles, DOOR_APP)).toBe('network');
      expect(routeFor({ method: 'POST', url: `${origin}/api/events/3f1c/checkins`, mode: 'cors' }, origin, doorFiles, DOOR_APP)).toBe(
        'network',
      );
      expect(routeFor(get('/api/auth/me'), origin, doorFiles, DOOR_APP)).toBe('network');
      expect(routeFor(get('/assets/index-abc123.js'), origin, doorFiles, DOOR_APP)).toBe('precached');
    });

    it('keeps its own cache, apart from the interviewer app and its update cycle', () => {
      const door = cacheName('v2', DOOR_APP);
      const interview = cacheName('v2', INTERVIEWER_APP);
      expect(door).not.toBe(interview);
      const names = [cacheName('v1', DOOR_APP), door, cacheName('v1', INTERVIEWER_APP), interview];
      expect(staleCaches(names, door, DOOR_APP)).toEqual([cacheName('v1', DOOR_APP)]);
      expect(staleCaches(names, interview, INTERVIEWER_APP)).toEqual([cacheName('v1', INTERVIEWER_APP)]);
    });
  });
});
