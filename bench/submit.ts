/**
 * npm run bench:submit — throughput and latency of the submission API over HTTP, with
 * server-side validation and durable commits on the embedded SQLite database, using the
 * shipped questionnaire. The server runs as its own process (as in production); this process
 * generates the load. Prints figures; asserts nothing.
 *
 *   BENCH_SECONDS   length of the sustained and the fixed-rate phase (default 60 and 30)
 *   BENCH_RATE      requests per second in the fixed-rate phase (default 1000)
 *   BENCH_PROFILE   a folder: the server writes a V8 CPU profile there (open it in Chrome DevTools)
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openDatabase } from '../server/db/database.ts';
import { sampleAnswers } from '../server/modules/study/questionnaire/sample-answers.ts';
import { exited, seedDatabase, signIn, startServer } from '../server/test/server-process.ts';
import { poster, printCommit, quantile } from './common.ts';

const root = path.resolve(import.meta.dirname, '..');
const QUESTIONNAIRE = path.join(root, 'server/modules/study/questionnaires/resilienz-studie-suedwestsachsen.json');
const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
const RATE = Number(process.env.BENCH_RATE ?? 1000);

const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
const post = poster(agent);

async function main() {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'itas-bench-'));
  const definition = JSON.parse(readFileSync(QUESTIONNAIRE, 'utf8')) as object;
  const { config, handle, services } = await seedDatabase(dataDir);
  const cwe = await services.organisations.bySlug('cwe');
  const today = new Date().toISOString().slice(0, 10);
  const wave = await services.studies.createStudy({
    slug: 'bench',
    title: 'Benchmark',
    description: '',
    organisationId: cwe!.id,
    definition,
    wave: {
      name: 'Bench',
      opensOn: today,
      closesOn: today,
      status: 'open',
      channels: ['online', 'interviewer'],
      consentDe: '-',
      consentEn: '-',
      districts: [],
    },
  });
  await services.users.create(
    null,
    {
      email: 'lasttest@itas.example',
      displayName: 'Bench',
      role: 'staff',
      organisationId: cwe!.id,
      password: 'Zwickau Chemnitz Plauen 2026',
    },
    { trusted: true },
  );
  await handle.close();

  const profile = process.env.BENCH_PROFILE ? ['--cpu-prof', '--cpu-prof-dir', path.resolve(process.env.BENCH_PROFILE)] : [];
  const { child: server, port } = await startServer(dataDir, { args: ['--no-demo'], nodeArgs: profile, quiet: false });

  const generate = sampleAnswers(definition);
  const urlPath = `/api/study/waves/${wave.code}/responses`;
  const one = () =>
    JSON.stringify({ channel: 'online', responses: [{ id: randomUUID(), versionId: wave.versionId, answers: generate() }] });
  let acknowledged = 0;

  // 1. Sustained: as many single-response requests as 64 concurrent clients manage.
  {
    const end = performance.now() + SECONDS * 1000;
    let ok = 0;
    let failed = 0;
    const bodies = Array.from({ length: 5000 }, one);
    let n = 0;
    await Promise.all(
      Array.from({ length: 64 }, async () => {
        while (performance.now() < end) {
          const r = await post(port, urlPath, bodies[n++ % bodies.length]!.replace(/"id":"[^"]+"/, `"id":"${randomUUID()}"`));
          if (r.status === 201) ok++;
          else failed++;
        }
      }),
    );
    acknowledged += ok;
    console.log(`sustained: ${(ok / SECONDS).toFixed(0)} accepted responses/s over ${SECONDS} s (64 clients), ${failed} not accepted`);
  }

  // 2. Fixed rate: latency at RATE requests per second.
  {
    const secs = Number(process.env.BENCH_SECONDS ?? 30) > 30 ? 30 : Number(process.env.BENCH_SECONDS ?? 30);
    const total = RATE * secs;
    const bodies = Array.from({ length: 2000 }, one);
    const latencies: number[] = [];
    let failed = 0;
    const start = performance.now();
    const inflight: Promise<void>[] = [];
    for (let i = 0; i < total; i++) {
      const due = start + (i * 1000) / RATE;
      const wait = due - performance.now();
      if (wait > 1) await new Promise((r) => setTimeout(r, wait));
      inflight.push(
        post(port, urlPath, bodies[i % bodies.length]!.replace(/"id":"[^"]+"/, `"id":"${randomUUID()}"`)).then((r) => {
          if (r.status === 201) latencies.push(r.ms);
          else failed++;
        }),
      );
    }
    await Promise.all(inflight);
    acknowledged += latencies.length;
    const took = (performance.now() - start) / 1000;
    console.log(
      `fixed rate: ${RATE}/s for ${secs} s (achieved ${(total / took).toFixed(0)}/s): p50 ${quantile(latencies, 0.5).toFixed(1)} ms, p99 ${quantile(latencies, 0.99).toFixed(1)} ms, max ${Math.max(...latencies).toFixed(1)} ms, ${failed} not accepted`,
    );
  }

  // 3. A tablet's queue: 10,000 interviews uploaded in batches of 500.
  {
    const { cookie, csrfToken: csrf } = await signIn(`http://127.0.0.1:${port}`, 'lasttest@itas.example', 'Zwickau Chemnitz Plauen 2026');
    const interviews = Array.from({ length: 10_000 }, () => ({
      id: randomUUID(),
      versionId: wave.versionId,
      answers: generate(),
      collectedOn: today,
      place: 'Bürgerforum Chemnitz, Markt',
    }));
    const start = performance.now();
    let stored = 0;
    for (let i = 0; i < interviews.length; i += 500) {
      const r = await post(port, urlPath, JSON.stringify({ channel: 'interviewer', responses: interviews.slice(i, i + 500) }), {
        cookie,
        'x-csrf-token': csrf,
      });
      stored += (JSON.parse(r.body) as { counts: { stored: number } }).counts.stored;
    }
    acknowledged += stored;
    console.log(
      `batch upload: 10,000 interviews in batches of 500: ${((performance.now() - start) / 1000).toFixed(2)} s, ${stored} stored`,
    );
  }

  server.kill('SIGTERM');
  await exited(server);
  const check = openDatabase(config.database);
  const rows = await check.db
    .selectFrom('response')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  await check.close();
  console.log(
    `rows in the database: ${rows.n}, acknowledged: ${acknowledged}${Number(rows.n) === acknowledged ? ' (equal)' : ' (DIFFERENT)'}`,
  );
  printCommit('SQLite (synchronous=FULL)');
  agent.destroy();
  rmSync(dataDir, { recursive: true, force: true });
}

await main();
