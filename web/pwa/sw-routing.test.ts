import { describe, expect, it } from 'vitest';
import { APP_PAGE, cacheName, isAppPage, routeFor, staleCaches } from './sw-routing.ts';

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
});
