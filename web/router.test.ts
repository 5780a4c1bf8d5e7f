import type { RouteObject } from 'react-router';
import { describe, expect, it } from 'vitest';
import { isWebRoute, WEB_ROUTES } from '../contracts/web-routes.ts';
import { routes } from './router.tsx';

/** Every full path the route tree answers, without the catch-all. */
function fullPaths(list: RouteObject[], parent = ''): string[] {
  return list.flatMap((route) => {
    const own = route.path === undefined ? parent : route.path.startsWith('/') ? route.path : `${parent.replace(/\/$/, '')}/${route.path}`;
    const here = route.index || (route.path !== undefined && !route.children) ? [own || '/'] : [];
    return [...here, ...(route.children ? fullPaths(route.children, own) : [])];
  });
}

describe('router', () => {
  it('answers exactly the paths of contracts/web-routes.ts plus a catch-all', () => {
    const paths = fullPaths(routes);
    expect(paths.filter((p) => !p.endsWith('*')).sort()).toEqual([...WEB_ROUTES].sort());
    expect(paths.filter((p) => p.endsWith('*'))).toHaveLength(1);
  });

  it('agrees with the server about which paths are pages', () => {
    expect(isWebRoute('/verwaltung/nutzer/123')).toBe(true);
    expect(isWebRoute('/verwaltung/unbekannt')).toBe(false);
  });
});
