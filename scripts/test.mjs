#!/usr/bin/env node
// `npm test`: the whole suite — unit and module tests (vitest; on PostgreSQL too when
// TEST_DATABASE_URL is set), a production build of the web app, and the browser journeys
// (Playwright driving a system Chromium against a freshly started server on an empty database).
// Ends with one line "N passed, N failed" and a non-zero exit code on any failure.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const reports = path.join(root, 'reports');
const args = new Set(process.argv.slice(2));
// Spec files named on the command line narrow the browser tests (e.g. `--e2e-only e2e/kiosk.spec.ts`).
const specs = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const runUnit = !args.has('--e2e-only');
const runE2e = !args.has('--unit-only');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);

function run(cmd, argv, env = {}) {
  const r = spawnSync(cmd, argv, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status ?? 1;
}

const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/opt/google/chrome/chrome',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
];

/** Finds Chromium or Chrome; on Debian as root installs Debian's chromium; never skips silently. */
function findChromium() {
  const given = process.env.CHROMIUM_PATH;
  if (given) {
    if (existsSync(given)) return given;
    console.error(`CHROMIUM_PATH zeigt auf ${given}, dort gibt es keine Datei.`);
    process.exit(1);
  }
  const found = CANDIDATES.find((p) => existsSync(p));
  if (found) return found;
  const isDebian = existsSync('/etc/debian_version');
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isDebian && isRoot) {
    console.log('Chromium fehlt: installiere Debians Paket "chromium" …');
    const env = { DEBIAN_FRONTEND: 'noninteractive' };
    if (run('apt-get', ['update', '-qq'], env) !== 0 || run('apt-get', ['install', '-y', '-qq', 'chromium'], env) !== 0) {
      console.error('Die Installation von chromium ist fehlgeschlagen.');
      process.exit(1);
    }
    if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  }
  console.error(
    'Für die Browsertests fehlt Chromium: bitte installieren (Debian/Ubuntu: "sudo apt-get install chromium") oder CHROMIUM_PATH auf ein Chrome/Chromium setzen.',
  );
  process.exit(1);
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

async function waitReady(url, server, timeoutMs = 60_000) {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (server.exitCode !== null) throw new Error(`Der Server hat sich beendet (Code ${server.exitCode}).`);
    try {
      const r = await fetch(url);
      if (r.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('Der Server wurde nicht rechtzeitig bereit.');
}

/** Parses the demo accounts the first start prints once. */
function parseDemoAccounts(text) {
  const accounts = {};
  for (const m of text.matchAll(/^\s+(admin|staff|analyst|company)\s+(\S+@\S+)\s+(\S+)\s+\(/gm)) {
    accounts[m[1]] ??= { email: m[2], password: m[3] };
  }
  return accounts;
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

async function e2e(chromium) {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'itas-e2e-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server = spawn(process.execPath, [path.join(root, 'cli', 'itas.mjs'), 'serve'], {
    cwd: root,
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: base,
      LOG_LEVEL: 'warn',
      DATABASE_URL: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  server.stdout.on('data', (d) => (output += d));
  server.stderr.on('data', (d) => process.stderr.write(d));
  try {
    await waitReady(`${base}/readyz`, server);
    const accounts = parseDemoAccounts(output);
    if (!accounts.admin) throw new Error('Der erste Start hat keine Demo-Konten ausgegeben.');
    const credentials = path.join(dataDir, 'e2e-credentials.json');
    writeFileSync(credentials, JSON.stringify(accounts), { mode: 0o600 });
    return run(bin('playwright'), ['test', ...specs], { E2E_BASE_URL: base, E2E_CREDENTIALS: credentials, CHROMIUM_PATH: chromium });
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => (server.exitCode !== null ? r() : server.once('exit', r)));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function mainRun() {
  mkdirSync(reports, { recursive: true });
  let failedSteps = 0;
  const chromium = runE2e ? findChromium() : null;

  if (runUnit) {
    rmSync(path.join(reports, 'vitest.json'), { force: true });
    failedSteps +=
      run(bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${path.join(reports, 'vitest.json')}`]) === 0
        ? 0
        : 1;
  }
  if (runE2e) {
    rmSync(path.join(reports, 'e2e.json'), { force: true });
    if (run(bin('vite'), ['build', '--logLevel', 'warn']) !== 0) failedSteps += 1;
    else failedSteps += (await e2e(chromium)) === 0 ? 0 : 1;
  }

  const v = runUnit ? readJson(path.join(reports, 'vitest.json')) : null;
  const p = runE2e ? readJson(path.join(reports, 'e2e.json')) : null;
  const passed = (v?.numPassedTests ?? 0) + (p?.stats?.expected ?? 0) + (p?.stats?.flaky ?? 0);
  const failed = (v?.numFailedTests ?? 0) + (p?.stats?.unexpected ?? 0);
  const skipped = (v?.numPendingTests ?? 0) + (v?.numTodoTests ?? 0) + (p?.stats?.skipped ?? 0);
  if (runUnit && !v) failedSteps += 1;
  if (runE2e && !p) failedSteps += 1;
  console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
  process.exit(failedSteps > 0 || failed > 0 ? 1 : 0);
}

mainRun().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
