import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { loadConfig } from '../config.ts';
import { openDatabase } from '../db/database.ts';
import { migrateToLatest } from '../db/migrations/index.ts';
import { createLogger } from '../logger.ts';
import { createServices } from '../services.ts';

/** The real server as `npm start` runs it, for process tests and benchmarks. */
const root = path.resolve(import.meta.dirname, '..', '..');

export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

export interface ServerProcess {
  child: ChildProcess;
  port: number;
  base: string;
  output: () => string;
}

/** Starts `itas serve` on an embedded database in `dataDir` and waits until it is ready. */
export async function startServer(
  dataDir: string,
  opts: { port?: number; args?: string[]; nodeArgs?: string[]; env?: Record<string, string>; quiet?: boolean } = {},
): Promise<ServerProcess> {
  const port = opts.port ?? (await freePort());
  const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), path.join(root, 'cli', 'itas.mjs'), 'serve', ...(opts.args ?? [])], {
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      DATABASE_URL: '',
      SESSION_SECRET: '',
      ...opts.env,
    },
    stdio: ['ignore', opts.quiet === false ? 'inherit' : 'pipe', opts.quiet === false ? 'inherit' : 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const base = `http://127.0.0.1:${port}`;
  const end = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited: ${out}`);
    if (Date.now() > end) throw new Error(`server not ready: ${out}`);
    try {
      if ((await fetch(`${base}/readyz`)).ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { child, port, base, output: () => out };
}

export const exited = (child: ChildProcess) =>
  new Promise<number | null>((r) =>
    child.exitCode !== null || child.signalCode !== null ? r(child.exitCode) : child.once('exit', (code) => r(code)),
  );

/** The embedded database in `dataDir`, migrated, with the services to seed it before a server process opens it. */
export async function seedDatabase(dataDir: string, logLevel = 'warn') {
  const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'warn' });
  const handle = openDatabase(config.database);
  await migrateToLatest(handle.db);
  const services = createServices({
    db: handle.db,
    dialect: handle.dialect,
    sqlite: handle.sqlite,
    config,
    clock: () => new Date(),
    log: createLogger(logLevel),
  });
  return { config, handle, services };
}

const cookiesOf = (res: Response) => res.headers.getSetCookie().map((c) => c.split(';')[0]);

/** A browser's first visit: the anonymous session's cookie and its CSRF token. */
export async function openSession(base: string): Promise<{ cookie: string; csrfToken: string }> {
  const me = await fetch(`${base}/api/auth/me`);
  const { csrfToken } = (await me.json()) as { csrfToken: string };
  return { cookie: cookiesOf(me).join('; '), csrfToken };
}

/** Signs an account in; the cookie and CSRF token returned belong to the signed-in session. */
export async function signIn(base: string, email: string, password: string): Promise<{ cookie: string; csrfToken: string }> {
  const session = await openSession(base);
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: session.cookie, 'x-csrf-token': session.csrfToken },
    body: JSON.stringify({ email, password }),
  });
  if (login.status !== 200) throw new Error(`login: HTTP ${login.status}`);
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  return { cookie: [session.cookie, ...cookiesOf(login)].join('; '), csrfToken };
}
