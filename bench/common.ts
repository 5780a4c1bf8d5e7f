/**
 * What every benchmark needs besides its own load: a keep-alive POST that times itself, a
 * quantile, the server's memory, a staff account with a public event, and the closing line.
 */
import { execSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { exited, type seedDatabase, type ServerProcess } from '../server/test/server-process.ts';

const root = path.resolve(import.meta.dirname, '..');

export interface Posted {
  status: number;
  body: string;
  /** From sending until the whole answer was read. */
  ms: number;
  /** `performance.now()` when the answer was read. */
  done: number;
}

/** A JSON POST over the agent's keep-alive connections (node:http: fetch adds too much per request at these rates). */
export function poster(agent: http.Agent) {
  return (port: number, urlPath: string, body: string, headers: Record<string, string> = {}) => {
    const start = performance.now();
    return new Promise<Posted>((resolve, reject) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port,
          path: urlPath,
          method: 'POST',
          agent,
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers },
        },
        (res) => {
          let data = '';
          res.on('data', (d: Buffer) => (data += d.toString()));
          res.on('end', () => {
            const done = performance.now();
            resolve({ status: res.statusCode ?? 0, body: data, ms: done - start, done });
          });
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  };
}

/** The q-quantile (0…1) of `xs`, NaN when empty. */
export const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
};

const statusMb = (pid: number, field: 'VmRSS' | 'VmHWM') => {
  const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
};
/** Resident memory of a process now (Linux), in MB. */
export const rssMb = (pid: number) => statusMb(pid, 'VmRSS');
/** Peak resident memory of a process (Linux), in MB. */
export const peakMb = (pid: number) => statusMb(pid, 'VmHWM');

/** A staff account and a public one-day congress `daysAhead` days from now, for the benches around events. */
export async function staffWithEvent(
  services: Awaited<ReturnType<typeof seedDatabase>>['services'],
  opts: { email: string; password: string; slug: string; title: string; daysAhead: number },
) {
  const cwe = (await services.organisations.bySlug('cwe'))!;
  const user = await services.users.create(
    null,
    { email: opts.email, displayName: 'Bench', role: 'staff', organisationId: cwe.id, password: opts.password },
    { trusted: true },
  );
  const staff = { userId: user.id, role: 'staff' as const, organisationId: cwe.id, displayName: 'Bench', sessionId: 'bench' };
  const day = new Date(Date.now() + opts.daysAhead * 24 * 3_600_000).toISOString().slice(0, 10);
  const event = await services.events.createEvent(staff, {
    slug: opts.slug,
    seriesId: null,
    title: opts.title,
    format: 'kongress',
    startsAt: `${day}T09:00:00+01:00`,
    endsAt: `${day}T17:00:00+01:00`,
    venue: { name: 'Stadthalle', street: 'Theaterstraße 3', postalCode: '09111', city: 'Chemnitz' },
    organisers: ['cwe'],
    fieldsOfAction: [],
    visibility: 'public',
    description: '',
  });
  return { staff, event, day };
}

/** Stops the server and removes its folder. */
export async function stopServer(server: ServerProcess, dataDir: string): Promise<void> {
  server.child.kill('SIGTERM');
  await exited(server.child);
  rmSync(dataDir, { recursive: true, force: true });
}

/** The closing line: commit, runtime, database and whatever the bench adds. */
export function printCommit(details = 'SQLite'): void {
  let commit = 'unknown';
  try {
    commit = execSync('git rev-parse --short HEAD', { cwd: root }).toString().trim();
  } catch {
    /* not a git checkout */
  }
  console.log(`commit ${commit}, node ${process.version}, ${details}`);
}
