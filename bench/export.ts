/**
 * npm run bench:export [-- --format csv|xlsx|sav] — the streamed export of a large wave over HTTP. Fills an embedded
 * database with generated answer sets of the shipped questionnaire (BENCH_ROWS, default
 * 1,000,000), starts the server as its own process, downloads the export as a researcher would
 * and prints the time, the size and the server's peak memory. Prints figures; asserts nothing.
 */
import { execSync } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { apiPath } from '../contracts/api.ts';
import { loadConfig } from '../server/config.ts';
import { openDatabase } from '../server/db/database.ts';
import { migrateToLatest } from '../server/db/migrations/index.ts';
import { createLogger } from '../server/logger.ts';
import { canonicalJson } from '../server/modules/study/response.service.ts';
import { sampleAnswers } from '../server/modules/study/questionnaire/sample-answers.ts';
import { createServices } from '../server/services.ts';
import { startServer } from '../server/test/server-process.ts';

const root = path.resolve(import.meta.dirname, '..');
const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const formatArg = process.argv.indexOf('--format');
const formatName = formatArg >= 0 ? process.argv[formatArg + 1] : 'csv';
if (formatName !== 'csv' && formatName !== 'xlsx' && formatName !== 'sav') throw new Error('--format csv|xlsx|sav');
const FORMAT: 'csv' | 'xlsx' | 'sav' = formatName;
const ROUTE = { csv: 'exportResponsesCsv', xlsx: 'exportResponsesXlsx', sav: 'exportResponsesSav' } as const;
const definition = JSON.parse(
  readFileSync(path.join(root, 'server/modules/study/questionnaires/resilienz-studie-suedwestsachsen.json'), 'utf8'),
) as object;

/** Peak resident memory of a process (Linux), in MB. */
function peakMb(pid: number): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

async function main() {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'itas-bench-export-'));
  const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'warn' });
  const handle = openDatabase(config.database);
  await migrateToLatest(handle.db);
  const services = createServices({ db: handle.db, dialect: handle.dialect, config, clock: () => new Date(), log: createLogger('warn') });
  const cwe = (await services.organisations.bySlug('cwe'))!;
  const today = new Date().toISOString().slice(0, 10);
  const wave = await services.studies.createStudy({
    slug: 'bench-export',
    title: 'Benchmark Export',
    description: '',
    organisationId: cwe.id,
    definition,
    wave: {
      name: 'Bench',
      opensOn: today,
      closesOn: today,
      status: 'open',
      channels: ['online'],
      consentDe: '-',
      consentEn: '-',
      districts: ['14511'],
    },
  });
  const password = 'Zwickau Chemnitz Plauen 2026';
  await services.users.create(
    null,
    { email: 'export-lasttest@itas.example', displayName: 'Bench', role: 'analyst', organisationId: cwe.id, password },
    { trusted: true },
  );

  // Generated answer sets are reused in rotation: generating a million takes longer than the export.
  const started = performance.now();
  const generate = sampleAnswers(definition);
  const pool = Array.from({ length: 5000 }, () => canonicalJson(generate()));
  const insert = handle.sqlite!.prepare(
    `INSERT INTO response (id, wave_id, version_id, channel, answers, content_hash, collected_on, received_on, paradata)
     VALUES (?, ?, ?, 'online', ?, ?, NULL, ?, '{}')`,
  );
  const fill = handle.sqlite!.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const answers = pool[i % pool.length]!;
      insert.run(randomUUID(), wave.waveId, wave.versionId, answers, createHash('sha1').update(answers).digest('hex'), today);
    }
  });
  for (let i = 0; i < ROWS; i += 50_000) fill(i, Math.min(ROWS, i + 50_000));
  await handle.close();
  console.log(`data: ${ROWS.toLocaleString('en')} responses written in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  const profile = process.env.BENCH_PROFILE ? ['--cpu-prof', '--cpu-prof-dir', path.resolve(process.env.BENCH_PROFILE)] : [];
  const server = await startServer(dataDir, { args: ['--no-demo'], nodeArgs: profile });
  try {
    const me = await fetch(`${server.base}/api/auth/me`);
    let cookie = me.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const { csrfToken } = (await me.json()) as { csrfToken: string };
    const login = await fetch(`${server.base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
      body: JSON.stringify({ email: 'export-lasttest@itas.example', password }),
    });
    cookie = [cookie, ...login.headers.getSetCookie().map((c) => c.split(';')[0])].join('; ');
    const baseline = peakMb(server.child.pid!);

    const t0 = performance.now();
    const res = await fetch(`${server.base}${apiPath(ROUTE[FORMAT], { id: wave.waveId })}`, {
      headers: { cookie, 'accept-encoding': 'identity' },
    });
    let bytes = 0;
    let lines = 0;
    for await (const chunk of res.body!) {
      bytes += (chunk as Uint8Array).byteLength;
      for (const b of chunk as Uint8Array) if (b === 10) lines++;
    }
    const seconds = (performance.now() - t0) / 1000;
    if (res.status !== 200) throw new Error(`export: HTTP ${res.status}`);
    const rows = FORMAT === 'csv' ? `${(lines - 1).toLocaleString('en')} rows` : `${ROWS.toLocaleString('en')} rows`;
    console.log(
      `export: ${rows}, ${(bytes / 1e6).toFixed(0)} MB ${FORMAT.toUpperCase()} in ${seconds.toFixed(1)} s (CSV target ≤ 15 s); ` +
        `server peak memory ${peakMb(server.child.pid!).toFixed(0)} MB (${baseline.toFixed(0)} MB before the export)`,
    );
  } finally {
    server.child.kill('SIGTERM');
    await new Promise((r) => server.child.once('exit', r));
    rmSync(dataDir, { recursive: true, force: true });
  }
  let commit = 'unknown';
  try {
    commit = execSync('git rev-parse --short HEAD', { cwd: root }).toString().trim();
  } catch {
    /* not a git checkout */
  }
  console.log(`commit ${commit}, node ${process.version}, SQLite`);
}

await main();
