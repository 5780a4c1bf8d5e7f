import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// The real server process as `npm start` runs it: first start on an empty data directory,
// restart, and a clean shutdown that lets a request in flight finish.
const root = path.resolve(import.meta.dirname, '..');
const dataDir = mkdtempSync(path.join(tmpdir(), 'itas-serve-'));

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

async function start(port: number): Promise<{ child: ChildProcess; output: () => string }> {
  const child = spawn(process.execPath, [path.join(root, 'cli', 'itas.mjs'), 'serve'], {
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      DATABASE_URL: '',
      SESSION_SECRET: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const end = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited: ${out}`);
    if (Date.now() > end) throw new Error(`server not ready: ${out}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/readyz`)).ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { child, output: () => out };
}

const exited = (child: ChildProcess) =>
  new Promise<number | null>((r) => (child.exitCode !== null ? r(child.exitCode) : child.once('exit', (code) => r(code))));

describe('the server process', () => {
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('creates the database, a session secret and demo accounts on the first start only, and shuts down cleanly', async () => {
    const port = await freePort();
    const first = await start(port);
    expect(first.output()).toMatch(/admin\s+admin@demo\.itas\.example/);
    expect(readFileSync(path.join(dataDir, 'session-secret'), 'utf8').trim().length).toBeGreaterThanOrEqual(32);
    const meta = await (await fetch(`http://127.0.0.1:${port}/api/meta`)).json();
    expect(meta).toMatchObject({ demo: true, mailMode: 'outbox' });

    // A sign-in takes a few hundred milliseconds of password hashing: SIGTERM arrives while it runs.
    const base = `http://127.0.0.1:${port}`;
    const me = await fetch(`${base}/api/auth/me`);
    const cookie = me.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const { csrfToken } = (await me.json()) as { csrfToken: string };
    const inFlight = fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
      body: JSON.stringify({ email: 'admin@demo.itas.example', password: 'nicht das richtige Passwort' }),
    });
    await new Promise((r) => setTimeout(r, 50));
    first.child.kill('SIGTERM');
    const res = await inFlight;
    expect(res.status).toBe(401);
    expect(await exited(first.child)).toBe(0);

    const second = await start(port);
    expect(second.output()).not.toContain('Demo-Konten');
    second.child.kill('SIGINT');
    expect(await exited(second.child)).toBe(0);
  });
});
