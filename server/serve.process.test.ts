import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { exited, freePort, startServer } from './test/server-process.ts';

// The real server process as `npm start` runs it: first start on an empty data directory,
// restart, and a clean shutdown that lets a request in flight finish.
const dataDir = mkdtempSync(path.join(tmpdir(), 'itas-serve-'));

const start = async (port: number) => startServer(dataDir, { port });

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
