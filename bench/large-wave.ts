/**
 * Shared by the benchmarks that need a large wave: an embedded database in a temporary folder
 * with the shipped questionnaire, an analyst account, generated answer sets written straight
 * into the table, the server as its own process with a signed-in session, and the figures every
 * benchmark prints (peak memory, commit).
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { openDatabase } from '../server/db/database.ts';
import { canonicalJson } from '../server/modules/study/response.service.ts';
import { sampleAnswers } from '../server/modules/study/questionnaire/sample-answers.ts';
import { seedDatabase, signIn, startServer, type ServerProcess } from '../server/test/server-process.ts';
import { printCommit, stopServer } from './common.ts';

export { peakMb } from './common.ts';

const root = path.resolve(import.meta.dirname, '..');
export const definition = JSON.parse(
  readFileSync(path.join(root, 'server/modules/study/questionnaires/resilienz-studie-suedwestsachsen.json'), 'utf8'),
) as object;

const PASSWORD = 'Zwickau Chemnitz Plauen 2026';
const EMAIL = 'lasttest@itas.example';

export interface LargeWave {
  dataDir: string;
  wave: { waveId: string; versionId: string; code: string };
  /** The generated answer sets (canonical JSON), reused in rotation. */
  pool: string[];
  /** Writes `rows` responses into a wave (the bench's own or another) and closes nothing. */
  fill(waveId: string, rows: number): void;
  /** Further set-up with the open database (e.g. an earlier wave); then `close`. */
  handle: ReturnType<typeof openDatabase>;
  close(): Promise<void>;
}

/** A database with one open wave of the shipped questionnaire and an analyst who may read it. */
export async function largeWave(name: string, waveName: string): Promise<LargeWave> {
  const dataDir = mkdtempSync(path.join(tmpdir(), `itas-bench-${name}-`));
  const { handle, services } = await seedDatabase(dataDir);
  const cwe = (await services.organisations.bySlug('cwe'))!;
  const today = new Date().toISOString().slice(0, 10);
  const wave = await services.studies.createStudy({
    slug: `bench-${name}`,
    title: `Benchmark ${name}`,
    description: '',
    organisationId: cwe.id,
    definition,
    wave: {
      name: waveName,
      opensOn: today,
      closesOn: '2099-12-31',
      status: 'open',
      channels: ['online'],
      consentDe: '-',
      consentEn: '-',
      districts: ['14511'],
    },
  });
  await services.users.create(
    null,
    { email: EMAIL, displayName: 'Bench', role: 'analyst', organisationId: cwe.id, password: PASSWORD },
    { trusted: true },
  );
  // Generated answer sets are reused in rotation: generating a million takes longer than the work measured.
  const generate = sampleAnswers(definition);
  const pool = Array.from({ length: 5000 }, () => canonicalJson(generate()));
  const insert = handle.sqlite!.prepare(
    `INSERT INTO response (id, wave_id, version_id, channel, answers, content_hash, collected_on, received_on, paradata)
     VALUES (?, ?, ?, 'online', ?, ?, NULL, ?, '{}')`,
  );
  const batch = handle.sqlite!.transaction((waveId: string, from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const answers = pool[(i * 7919) % pool.length]!;
      insert.run(randomUUID(), waveId, wave.versionId, answers, createHash('sha1').update(answers).digest('hex'), today);
    }
  });
  return {
    dataDir,
    wave,
    pool,
    handle,
    fill: (waveId, rows) => {
      for (let i = 0; i < rows; i += 50_000) batch(waveId, i, Math.min(rows, i + 50_000));
    },
    close: () => handle.close(),
  };
}

/** Starts `itas serve` on the folder (CPU profile with BENCH_PROFILE=folder) and signs the analyst in. */
export async function serveSignedIn(dataDir: string): Promise<{ server: ServerProcess; cookie: string }> {
  const profile = process.env.BENCH_PROFILE ? ['--cpu-prof', '--cpu-prof-dir', path.resolve(process.env.BENCH_PROFILE)] : [];
  const server = await startServer(dataDir, { args: ['--no-demo'], nodeArgs: profile });
  const { cookie } = await signIn(server.base, EMAIL, PASSWORD);
  return { server, cookie };
}

/** Stops the server, removes the folder, and prints commit and runtime. */
export async function finish(server: ServerProcess, dataDir: string): Promise<void> {
  await stopServer(server, dataDir);
  printCommit();
}
