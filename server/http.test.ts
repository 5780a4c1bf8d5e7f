import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from './app.ts';
import { testConfig } from './config.ts';
import { openDatabase } from './db/database.ts';
import { migrateToLatest } from './db/migrations/index.ts';
import { emptyDist, useTestApp, type TestClient } from './test/test-app.ts';

describe('HTTP: bad input, CSRF, headers, errors', () => {
  const t = useTestApp();
  let admin: TestClient;
  let anon: TestClient;
  beforeAll(async () => {
    admin = (await t.signIn({ role: 'admin', org: 'cwe' })).client;
    anon = await t.client().init();
  });
  const orgCount = async () => (await t.client().get('/api/organisations')).json().length as number;
  const newOrg = () => ({
    slug: `org-${Math.random().toString(36).slice(2, 8)}`,
    name: 'Testorganisation',
    shortName: 'Test',
    description: '',
  });

  it('answers malformed JSON with 400 and says so', async () => {
    const res = await anon.request('POST', '/api/auth/login', undefined, {
      raw: '{"email":',
      headers: { 'content-type': 'application/json' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('request.invalid_json');
    expect(res.body).not.toMatch(/at .*\.js:\d+/); // no stack trace
  });

  it('answers trailing garbage and an empty JSON body with 400 as well', async () => {
    for (const raw of ['{"email":"a@b.example","password":"x"} und mehr', '']) {
      const res = await anon.request('POST', '/api/auth/login', undefined, { raw, headers: { 'content-type': 'application/json' } });
      expect(res.statusCode, JSON.stringify(raw)).toBe(400);
      expect(res.json().error.code).toBe('request.invalid_json');
    }
  });

  it('rejects unknown fields and names them', async () => {
    const res = await anon.post('/api/auth/login', { email: 'a@b.example', password: 'x', role: 'admin' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('validation.failed');
    expect(JSON.stringify(res.json().error.fields)).toContain('role');
  });

  it('names the field in German by default and in English on request', async () => {
    const de = await anon.post('/api/auth/login', { email: 'keine-adresse', password: 'x' });
    expect(de.json().error.fields[0].path).toBe('email');
    const en = await anon.request(
      'POST',
      '/api/auth/login',
      { email: 'keine-adresse', password: 'x' },
      { headers: { 'accept-language': 'en-GB,en;q=0.8' } },
    );
    expect(en.json().error.message).toBe('The input is incomplete or invalid.');
    expect(en.json().error.fields[0].message).not.toBe(de.json().error.fields[0].message);
  });

  it('refuses a body over 1 MiB with 413', async () => {
    const res = await anon.request('POST', '/api/auth/password-reset', undefined, {
      raw: JSON.stringify({ email: 'a@b.example', pad: 'x'.repeat(1024 * 1024 + 10) }),
      headers: { 'content-type': 'application/json' },
    });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('request.too_large');
  });

  it('refuses other content types with 415', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded']) {
      const res = await anon.request('POST', '/api/auth/login', undefined, {
        raw: 'email=a@b.example&password=x',
        headers: { 'content-type': type },
      });
      expect(res.statusCode, type).toBe(415);
      expect(res.json().error.code).toBe('request.unsupported_media_type');
    }
  });

  it('refuses prototype pollution', async () => {
    for (const raw of ['{"__proto__":{"isAdmin":true}}', '{"constructor":{"prototype":{"isAdmin":true}}}']) {
      const res = await anon.request('POST', '/api/auth/login', undefined, { raw, headers: { 'content-type': 'application/json' } });
      expect(res.statusCode).toBe(400);
    }
    // With otherwise valid fields a 400 can only come from the parser refusing the key, not from
    // a missing field: without the refusal this would be a sign-in attempt (401).
    for (const poison of ['"__proto__":{"isAdmin":true}', '"constructor":{"prototype":{"isAdmin":true}}']) {
      const res = await anon.request('POST', '/api/auth/login', undefined, {
        raw: `{"email":"niemand@test.itas.example","password":"irgendwas",${poison}}`,
        headers: { 'content-type': 'application/json' },
      });
      expect(res.statusCode, poison).toBe(400);
      expect(['request.invalid_json', 'request.forbidden_property']).toContain(res.json().error.code);
    }
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('isAdmin');
  });

  it('refuses type confusion without coercion', async () => {
    for (const email of [['a@b.example'], { $gt: '' }, null, 42]) {
      const res = await anon.post('/api/auth/login', { email, password: 'x' });
      expect(res.statusCode, JSON.stringify(email)).toBe(400);
      expect(res.json().error.code).toBe('validation.failed');
    }
  });

  it('refuses NUL bytes and broken Unicode in names, and stores nothing', async () => {
    const before = (await admin.get('/api/users')).json().length;
    for (const raw of [
      `{"email":"nul@test.itas.example","displayName":"Null\\u0000Byte","role":"staff","organisationId":"${await t.orgId('amz')}","password":"ein langes Startpasswort"}`,
      `{"email":"sur@test.itas.example","displayName":"Halb\\ud800","role":"staff","organisationId":"${await t.orgId('amz')}","password":"ein langes Startpasswort"}`,
    ]) {
      const res = await admin.request('POST', '/api/users', undefined, { raw, headers: { 'content-type': 'application/json' } });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.fields[0].path).toBe('displayName');
    }
    expect((await admin.get('/api/users')).json().length).toBe(before);
  });

  it('answers unknown API paths with JSON 404 and unknown pages with the app page and 404', async () => {
    const api = await anon.get('/api/gibt-es-nicht');
    expect(api.statusCode).toBe(404);
    expect(api.json().error.code).toBe('route.not_found');
    const page = await anon.get('/gibt-es-nicht');
    expect(page.statusCode).toBe(404);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('<div id="root"></div>'); // the app's page, which shows "not found" itself
    const known = await anon.get('/anmelden');
    expect(known.statusCode).toBe(200);
    expect(known.headers['content-type']).toContain('text/html');
    expect((await anon.get('/verwaltung/nutzer/123')).statusCode).toBe(200);
  });

  it('refuses a state change without CSRF token and changes nothing', async () => {
    const before = await orgCount();
    // Built by hand: no x-csrf-token header at all (an empty header is a different case, below).
    const cookie = [...admin.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/organisations',
      headers: { cookie, 'content-type': 'application/json' },
      payload: JSON.stringify(newOrg()),
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('csrf.invalid');
    const empty = await admin.request('POST', '/api/organisations', newOrg(), { headers: { 'x-csrf-token': '' } });
    expect(empty.statusCode).toBe(403);
    expect(empty.json().error.code).toBe('csrf.invalid');
    const forged = await admin.request('POST', '/api/organisations', newOrg(), { headers: { 'x-csrf-token': anon.csrf } });
    expect(forged.statusCode).toBe(403); // a token of another session does not fit
    expect(await orgCount()).toBe(before);
  });

  it('refuses cross-site requests even with a valid token', async () => {
    const before = await orgCount();
    for (const headers of <Record<string, string>[]>[
      { 'sec-fetch-site': 'cross-site' },
      { origin: 'https://evil.example' },
      { origin: 'null' },
      { origin: 'garbage' },
    ]) {
      const res = await admin.request('POST', '/api/organisations', newOrg(), { headers });
      expect(res.statusCode, JSON.stringify(headers)).toBe(403);
      expect(res.json().error.code).toBe('csrf.invalid');
    }
    expect(await orgCount()).toBe(before);
    expect(
      (
        await admin.request('POST', '/api/organisations', newOrg(), {
          headers: { origin: 'http://localhost:3000', 'sec-fetch-site': 'same-origin' },
        })
      ).statusCode,
    ).toBe(201);
  });

  it('checks the CSRF token on percent-encoded API paths too, which the router decodes to the same route', async () => {
    const before = await orgCount();
    const cookie = [...admin.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    for (const url of ['/%61pi/organisations', '/%61%70%69/organisations']) {
      const res = await t.app.inject({
        method: 'POST',
        url,
        headers: { cookie, 'content-type': 'application/json' },
        payload: JSON.stringify(newOrg()),
      });
      expect(res.statusCode, url).toBe(403);
      expect(res.json().error.code).toBe('csrf.invalid');
    }
    const crossSite = await admin.request('POST', '/%61pi/organisations', newOrg(), { headers: { 'sec-fetch-site': 'cross-site' } });
    expect(crossSite.statusCode).toBe(403);
    expect(await orgCount()).toBe(before);
    // …and answers of such paths are not cached either.
    const users = await admin.get('/%61pi/users');
    expect(users.statusCode).toBe(200);
    expect(users.headers['cache-control']).toBe('no-store');
  });

  it('offers no GET on routes that change state', async () => {
    expect((await admin.get('/api/auth/logout')).statusCode).toBe(404);
    expect((await admin.get('/api/account/logout-everywhere')).statusCode).toBe(404);
  });

  it('sends the security headers on pages, JSON and errors', async () => {
    for (const res of [await anon.get('/'), await anon.get('/api/organisations'), await anon.get('/api/gibt-es-nicht')]) {
      const csp = String(res.headers['content-security-policy']);
      for (const directive of ["script-src 'self'", "object-src 'none'", "frame-ancestors 'none'", "base-uri 'none'", "style-src 'self'"])
        expect(csp).toContain(directive);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['strict-transport-security']).toContain('max-age=31536000');
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
    }
    for (const url of ['/api/organisations', '/api/auth/me', '/api/gibt-es-nicht'])
      expect((await anon.get(url)).headers['cache-control'], url).toBe('no-store');
    expect((await admin.get('/api/users')).headers['cache-control']).toBe('no-store');
  });

  it('speaks German by default and English when asked', async () => {
    const de = await anon.post('/api/auth/login', { email: 'niemand@test.itas.example', password: 'falsches Passwort' });
    expect(de.json().error.message).toBe('E-Mail-Adresse oder Passwort ist falsch.');
    const en = await anon.request(
      'POST',
      '/api/auth/login',
      { email: 'niemand2@test.itas.example', password: 'falsches Passwort' },
      { headers: { 'accept-language': 'en' } },
    );
    expect(en.json().error.message).toBe('E-mail address or password is incorrect.');
  });

  it('serves the OpenAPI document and a readable API page', async () => {
    const doc = (await anon.get('/api/openapi.json')).json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.info.title).toBe('ITAS-Plattform API');
    for (const start of ['/api/docs', '/api/docs/']) {
      let url = start;
      let page = await anon.get(url);
      for (let hops = 0; page.statusCode >= 300 && page.statusCode < 400 && hops < 3; hops++) {
        const next = new URL(String(page.headers.location), `http://localhost${url}`);
        url = next.pathname + next.search;
        page = await anon.get(url);
      }
      expect(page.statusCode, start).toBe(200);
      expect(page.headers['content-type']).toContain('text/html');
      // The documentation page loosens styles only; scripts stay same-origin.
      expect(String(page.headers['content-security-policy'])).toContain("script-src 'self';");
    }
  });
});

describe('HTTP: failures inside the server', () => {
  const database = openDatabase({ kind: 'sqlite', file: ':memory:' });
  let app: Awaited<ReturnType<typeof buildApp>>;
  beforeAll(async () => {
    await migrateToLatest(database.db);
    app = await buildApp({ config: testConfig(), database, distDir: emptyDist() });
    app.get('/api/boom', async () => {
      throw new Error('secret internal detail');
    });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await database.close().catch(() => undefined); // already closed by the readiness test when it ran
  });

  it('reveals nothing of an unexpected error but a request id', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/boom' });
    expect(res.statusCode).toBe(500);
    expect(res.json().error.code).toBe('internal');
    expect(res.json().error.requestId).toBeTruthy();
    expect(res.body).not.toContain('secret internal detail');
    expect(res.body).not.toMatch(/Error:|at .*:\d+:\d+/);
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('reports health always and readiness only while the database answers', async () => {
    expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
    await database.close();
    const down = await app.inject({ method: 'GET', url: '/readyz' });
    expect(down.statusCode).toBe(503);
    expect(down.headers['retry-after']).toBe('5');
    expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
  });
});

describe('HTTP: the offline interviewer app', () => {
  const dist = emptyDist();
  mkdirSync(path.join(dist, 'assets'));
  writeFileSync(path.join(dist, 'sw.js'), 'self.addEventListener("fetch", () => undefined);');
  writeFileSync(path.join(dist, 'manifest.webmanifest'), '{"name":"ITAS Interviews","start_url":"/interview"}');
  writeFileSync(path.join(dist, 'assets', 'index-abc123.js'), 'export {};');
  const t = useTestApp({}, { distDir: dist });

  it('serves its service worker and manifest uncached (a deployment reaches the tablets), hashed files immutable', async () => {
    const anon = t.client();
    const worker = await anon.get('/sw.js');
    expect(worker.statusCode).toBe(200);
    expect(worker.headers['content-type']).toContain('javascript');
    expect(worker.headers['cache-control']).toBe('no-cache');
    const manifest = await anon.get('/manifest.webmanifest');
    expect(manifest.statusCode).toBe(200);
    expect(manifest.headers['content-type']).toContain('application/manifest+json');
    expect(manifest.headers['cache-control']).toBe('no-cache');
    expect((await anon.get('/assets/index-abc123.js')).headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('lets the interviewer pages style the questionnaire inline, and no other signed-in page', async () => {
    const anon = t.client();
    for (const url of ['/interview', '/interview/resilienz2026']) {
      const res = await anon.get(url);
      expect(res.statusCode, url).toBe(200);
      const csp = String(res.headers['content-security-policy']);
      expect(csp, url).toContain("style-src 'self' 'unsafe-inline'");
      expect(csp, url).toContain("script-src 'self';");
      expect(res.headers['cache-control'], url).toBe('no-cache');
    }
    for (const url of ['/anmelden', '/verwaltung', '/interviews']) {
      expect(String((await anon.get(url)).headers['content-security-policy']), url).not.toContain('unsafe-inline');
    }
  });
});
