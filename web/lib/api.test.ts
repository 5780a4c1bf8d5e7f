import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import i18n from '../i18n.ts';
import { api, ApiError, subscribeMe } from './api.ts';

const USER = {
  id: '5b0c8f6e-8f1a-4d37-9d3c-3c7a4f0f2b11',
  email: 'anna@example.org',
  displayName: 'Anna Beispiel',
  role: 'staff',
  organisation: { id: '8c1f2e3d-4b5a-4c6d-8e7f-9a0b1c2d3e4f', slug: 'ihk-chemnitz', shortName: 'IHK Chemnitz' },
  status: 'active',
  isDemo: false,
  createdAt: '2026-11-26T10:00:00.000Z',
  lastLoginAt: null,
  version: 1,
};

function json(status: number, body: unknown, headers: Record<string, string> = {}) {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
}

interface Call {
  url: string;
  init: RequestInit;
}

function mockFetch(...responses: Response[]) {
  const calls: Call[] = [];
  const fn = vi.fn(async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    const next = responses.shift();
    if (!next) throw new Error(`unexpected request ${url}`);
    return next;
  });
  vi.stubGlobal('fetch', fn);
  return calls;
}

const header = (call: Call | undefined, name: string) => (call?.init.headers as Record<string, string> | undefined)?.[name];

describe('api client', () => {
  beforeEach(async () => {
    await i18n.changeLanguage('de');
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('sends the UI language and keeps the CSRF token of every Me', async () => {
    const seen: unknown[] = [];
    const stop = subscribeMe((me) => seen.push(me.user?.email ?? null));
    const calls = mockFetch(
      json(200, { user: null, csrfToken: 'token-1' }),
      json(200, { user: USER, csrfToken: 'token-2' }),
      json(200, { ok: true }),
    );
    await api.me();
    await api.login({ email: 'anna@example.org', password: 'geheim' });
    await i18n.changeLanguage('en');
    await api.changePassword({ currentPassword: 'a', newPassword: 'b'.repeat(12), endOtherSessions: true });
    stop();

    expect(calls.map((c) => c.url)).toEqual(['/api/auth/me', '/api/auth/login', '/api/account/password']);
    expect(header(calls[0], 'accept-language')).toBe('de');
    expect(header(calls[0], 'x-csrf-token')).toBeUndefined();
    expect(header(calls[1], 'x-csrf-token')).toBe('token-1');
    expect(header(calls[2], 'x-csrf-token')).toBe('token-2');
    expect(header(calls[2], 'accept-language')).toBe('en');
    expect(calls[2]?.init.credentials).toBe('same-origin');
    expect(seen).toEqual([null, 'anna@example.org']);
  });

  it('refetches the token once and repeats the request after csrf.invalid', async () => {
    const calls = mockFetch(
      json(403, { error: { code: 'csrf.invalid', message: 'Sicherheitsprüfung fehlgeschlagen' } }),
      json(200, { user: USER, csrfToken: 'fresh' }),
      json(200, { ok: true }),
    );
    await expect(api.revokeSession('abc')).resolves.toEqual({ ok: true });
    expect(calls.map((c) => `${c.init.method} ${c.url}`)).toEqual([
      'DELETE /api/account/sessions/abc',
      'GET /api/auth/me',
      'DELETE /api/account/sessions/abc',
    ]);
    expect(header(calls[2], 'x-csrf-token')).toBe('fresh');
  });

  it('gives up after the second csrf.invalid', async () => {
    mockFetch(
      json(403, { error: { code: 'csrf.invalid', message: 'nein' } }),
      json(200, { user: USER, csrfToken: 'fresh' }),
      json(403, { error: { code: 'csrf.invalid', message: 'wieder nein' } }),
    );
    await expect(api.revokeSession('abc')).rejects.toMatchObject({ status: 403, code: 'csrf.invalid', message: 'wieder nein' });
  });

  it('carries code, message, fields and Retry-After of an error', async () => {
    mockFetch(
      json(
        429,
        { error: { code: 'auth.throttled', message: 'Bitte warten Sie 30 Sekunden.', fields: [{ path: 'email', message: 'x' }] } },
        { 'retry-after': '30' },
      ),
    );
    const error = await api.login({ email: 'a@b.de', password: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 429, code: 'auth.throttled', message: 'Bitte warten Sie 30 Sekunden.', retryAfter: 30 });
    expect((error as ApiError).fields).toEqual([{ path: 'email', message: 'x' }]);
  });

  it('rejects answers that do not match the contract', async () => {
    mockFetch(json(200, [{ id: 'not-a-uuid' }]));
    await expect(api.listOrganisations()).rejects.toMatchObject({ code: 'response.invalid' });
  });

  it('turns a failed connection into a readable error', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Promise.reject(new TypeError('fetch failed'))),
    );
    await expect(api.meta()).rejects.toMatchObject({ status: 0, code: 'network' });
  });

  it('asks who is signed in after auth.required, so protected pages can react', async () => {
    const seen: unknown[] = [];
    const stop = subscribeMe((me) => seen.push(me.user));
    const calls = mockFetch(
      json(401, { error: { code: 'auth.required', message: 'Bitte melden Sie sich an.' } }),
      json(200, { user: null, csrfToken: 't' }),
    );
    await expect(api.listSessions()).rejects.toMatchObject({ status: 401, code: 'auth.required' });
    await vi.waitFor(() => expect(seen).toEqual([null]));
    stop();
    expect(calls[1]?.url).toBe('/api/auth/me');
  });

  it('builds query strings without empty values', async () => {
    const calls = mockFetch(json(200, []), json(200, { items: [], total: 0 }));
    await api.listUsers({ organisationId: undefined, role: 'staff', q: 'Anna Müller' });
    await api.listAudit({ action: 'login.failed', limit: 50, offset: 100 });
    expect(calls[0]?.url).toBe('/api/users?role=staff&q=Anna+M%C3%BCller');
    expect(calls[1]?.url).toBe('/api/admin/audit?action=login.failed&limit=50&offset=100');
  });
});
