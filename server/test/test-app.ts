import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import type { Role } from '../../contracts/common.ts';
import { buildApp } from '../app.ts';
import { testConfig, type Config } from '../config.ts';
import { openDatabase, type DatabaseHandle, type DatabaseTarget } from '../db/database.ts';
import { migrateToLatest } from '../db/migrations/index.ts';
import type { Actor } from '../policies.ts';
import type { Services } from '../services.ts';

/** Which database this test run uses: vitest's projects set it (sqlite, or postgres with TEST_DATABASE_URL). */
export const TEST_DIALECT = process.env.ITAS_TEST_DIALECT === 'postgres' ? 'postgres' : 'sqlite';

/** A fresh, empty database for one test file: SQLite in memory, or a new PostgreSQL database. */
export async function createTestDatabase(): Promise<{ target: DatabaseTarget; drop(): Promise<void> }> {
  if (TEST_DIALECT === 'sqlite') return { target: { kind: 'sqlite', file: ':memory:' }, drop: async () => undefined };
  const base = process.env.TEST_DATABASE_URL;
  if (!base) throw new Error('TEST_DATABASE_URL fehlt für die PostgreSQL-Tests');
  const name = `itas_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    target: { kind: 'postgres', url: url.toString() },
    drop: async () => {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

/** Keeps cookies and the CSRF token like a browser tab does. */
export class TestClient {
  cookies = new Map<string, string>();
  csrf = '';
  constructor(
    readonly app: FastifyInstance,
    readonly headers: Record<string, string> = {},
  ) {}

  private store(res: LightMyRequestResponse) {
    for (const c of res.cookies) {
      if (c.maxAge === 0 || (c.expires && c.expires.getTime() < Date.now())) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
  }

  async request(method: string, url: string, body?: unknown, extra: { headers?: Record<string, string>; raw?: string | Buffer } = {}) {
    const headers: Record<string, string> = { 'accept-language': 'de', ...this.headers, ...extra.headers };
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (method !== 'GET' && this.csrf && !('x-csrf-token' in headers)) headers['x-csrf-token'] = this.csrf;
    let payload: string | Buffer | undefined = extra.raw;
    if (body !== undefined) {
      payload = JSON.stringify(body);
      headers['content-type'] ??= 'application/json';
    }
    const res = await this.app.inject({ method: method as 'GET', url, headers, ...(payload !== undefined ? { payload } : {}) });
    this.store(res);
    if (res.headers['content-type']?.toString().startsWith('application/json')) {
      const json = res.json<{ csrfToken?: string }>();
      if (typeof json?.csrfToken === 'string') this.csrf = json.csrfToken;
    }
    return res;
  }

  get = (url: string) => this.request('GET', url);
  post = (url: string, body?: unknown) => this.request('POST', url, body ?? {});
  patch = (url: string, body?: unknown) => this.request('PATCH', url, body ?? {});
  delete = (url: string) => this.request('DELETE', url);

  /** Fetches a CSRF token first, as the web app does on load. */
  async init() {
    await this.get('/api/auth/me');
    return this;
  }

  async login(email: string, password: string) {
    await this.init();
    return this.post('/api/auth/login', { email, password });
  }
}

export interface TestApp {
  app: FastifyInstance & { services: Services };
  database: DatabaseHandle;
  config: Config;
  /** The app's clock; move it with `advance`. */
  now: Date;
  advance(ms: number): void;
  client(headers?: Record<string, string>): TestClient;
  /** Creates a user (organisation by slug) and returns a client signed in as them. */
  signIn(opts: {
    role: Role;
    org?: string;
    email?: string;
    password?: string;
  }): Promise<{ client: TestClient; userId: string; email: string; password: string; organisationId: string }>;
  orgId(slug: string): Promise<string>;
  /** An actor for calling services directly: a new user of that role (organisation by slug). */
  actor(role: Role, org?: string): Promise<Actor>;
}

let counter = 0;

/** Fresh app + migrated database per test file. */
export function useTestApp(overrides: Partial<Config> = {}, opts: { distDir?: string } = {}): TestApp {
  const t = { now: new Date('2026-03-02T09:00:00.000Z') } as TestApp;
  let drop: () => Promise<void> = async () => undefined;

  beforeAll(async () => {
    const created = await createTestDatabase();
    drop = created.drop;
    t.database = openDatabase(created.target);
    await migrateToLatest(t.database.db);
    t.config = testConfig(overrides);
    t.app = await buildApp({ config: t.config, database: t.database, clock: () => t.now, distDir: opts.distDir ?? emptyDist() });
    await t.app.ready();
  });

  afterAll(async () => {
    await t.app?.close();
    await t.database?.close();
    await drop();
  });

  t.advance = (ms) => {
    t.now = new Date(t.now.getTime() + ms);
  };
  t.client = (headers) => new TestClient(t.app, headers);
  t.orgId = async (slug) => {
    const org = await t.app.services.organisations.bySlug(slug);
    if (!org) throw new Error(`no organisation ${slug}`);
    return org.id;
  };
  t.signIn = async ({ role, org = 'ihk-chemnitz', email, password = 'ein langes Test-Passwort 2026' }) => {
    counter += 1;
    const mail = email ?? `${role}-${counter}-${randomBytes(3).toString('hex')}@test.itas.example`;
    const organisationId = await t.orgId(org);
    const user = await t.app.services.users.create(
      null,
      { email: mail, displayName: `Test ${role} ${counter}`, role, organisationId, password },
      { trusted: true },
    );
    const client = t.client();
    const res = await client.login(mail, password);
    if (res.statusCode !== 200) throw new Error(`login failed: ${res.body}`);
    return { client, userId: user.id, email: mail, password, organisationId };
  };
  t.actor = async (role, org = 'ihk-chemnitz') => {
    counter += 1;
    const organisationId = await t.orgId(org);
    const user = await t.app.services.users.create(
      null,
      {
        email: `dienst-${role}-${counter}-${randomBytes(3).toString('hex')}@test.itas.example`,
        displayName: `Dienst ${role} ${counter}`,
        role,
        organisationId,
        password: 'ein langes Test-Passwort 2026',
      },
      { trusted: true },
    );
    return { userId: user.id, role, organisationId, displayName: user.displayName, sessionId: 'test' };
  };
  return t;
}

/** A stand-in build of the web app with a recognisable page, for tests of the page fallback. */
export function emptyDist(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'itas-dist-'));
  writeFileSync(path.join(dir, 'index.html'), '<!doctype html><html lang="de"><title>ITAS</title><div id="root"></div></html>');
  return dir;
}
