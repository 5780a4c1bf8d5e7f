import { describe, expect, it } from 'vitest';
import { WEB_ROUTES } from '../../contracts/web-routes.ts';
import { loginPath, PATHS, safeNextPath, userPath } from './paths.ts';

describe('PATHS', () => {
  it('names exactly the routes of the contract', () => {
    expect(Object.values(PATHS).sort()).toEqual([...WEB_ROUTES].sort());
  });

  it('builds user and login paths', () => {
    expect(userPath('a/b')).toBe('/verwaltung/nutzer/a%2Fb');
    expect(loginPath('/konto?x=1')).toBe('/anmelden?weiter=%2Fkonto%3Fx%3D1');
    expect(loginPath()).toBe('/anmelden');
  });
});

describe('safeNextPath', () => {
  it.each([
    ['/konto', '/konto'],
    ['/verwaltung/nutzer?rolle=staff', '/verwaltung/nutzer?rolle=staff'],
    ['/verwaltung/../konto', '/konto'],
  ])('accepts the same-site path %s', (input, expected) => {
    expect(safeNextPath(input)).toBe(expected);
  });

  it.each([
    null,
    '',
    'konto',
    '//evil.example/',
    '/\\evil.example',
    'https://evil.example/',
    'javascript:alert(1)',
    '/\u0000x',
    '/\tevil',
    '/anmelden',
    '/anmelden?weiter=/konto',
  ])('rejects %j', (input) => {
    expect(safeNextPath(input)).toBeNull();
  });
});
