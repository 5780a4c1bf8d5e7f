/**
 * npm run bench:live — a live poll in a full hall. The server runs as its own process (embedded
 * SQLite, as in production). A worker thread holds the audience's Server-Sent-Event streams;
 * this process holds one projector (staff) stream and sends votes at a fixed rate, each with a
 * device token of its own (fetched beforehand). For every vote it measures the time from sending
 * until the projector stream shows a count that includes it. Prints figures; asserts nothing.
 *
 *   --seconds N   how long votes are sent (default 60)
 *   --rate N      votes per second (default 1000)
 *   --clients N   audience streams (default 5000)
 */
import { mkdtempSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import type { AdminLiveRoom } from '../contracts/live.ts';
import { seedDatabase, signIn, startServer } from '../server/test/server-process.ts';
import { peakMb, poster, printCommit, quantile, rssMb, staffWithEvent, stopServer } from './common.ts';

const { values: args } = parseArgs({
  options: {
    seconds: { type: 'string', default: '60' },
    rate: { type: 'string', default: '1000' },
    clients: { type: 'string', default: '5000' },
  },
});
const SECONDS = Number(args.seconds);
const RATE = Number(args.rate);
const CLIENTS = Number(args.clients);
const VOTES = SECONDS * RATE;
const EMAIL = 'bench-live@itas.example';
const PASSWORD = 'Zwickau Chemnitz 2026';

const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
const post = poster(agent);

/** Runs `fn` over `items` with at most `width` in flight. */
async function pool<T, R>(items: T[], width: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]!);
      }
    }),
  );
  return out;
}

/** The audience: plain SSE readers in a worker thread, so this thread keeps its pace. */
const AUDIENCE = `
const http = require('node:http');
const { workerData, parentPort } = require('node:worker_threads');
const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
let connected = 0, messages = 0, failed = 0;
const reasons = {};
const fail = (why) => { failed++; reasons[why] = (reasons[why] || 0) + 1; };
const open = [];
let stopping = false;
function connect(i) {
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port: workerData.port, path: workerData.path, agent }, (res) => {
      if (res.statusCode !== 200) { fail('HTTP ' + res.statusCode); res.resume(); return resolve(); }
      let first = true;
      res.setEncoding('utf8');
      res.on('data', (chunk) => {
        const n = chunk.split('event: room').length - 1;
        messages += n;
        if (first && n > 0) { first = false; connected++; resolve(); }
      });
      res.on('close', () => { if (!first) { connected--; if (!stopping) fail('closed by server'); } });
      res.on('error', (e) => fail(e.code || e.message));
      open.push(req);
    });
    req.on('error', (e) => { fail(e.code || e.message); resolve(); });
  });
}
(async () => {
  for (let i = 0; i < workerData.clients; i += 200) {
    await Promise.all(Array.from({ length: Math.min(200, workerData.clients - i) }, (_, j) => connect(i + j)));
  }
  parentPort.postMessage({ type: 'ready', connected, failed });
})();
parentPort.on('message', (m) => {
  if (m === 'report') parentPort.postMessage({ type: 'report', connected, messages, failed, reasons });
  if (m === 'stop') { stopping = true; for (const r of open) r.destroy(); agent.destroy(); parentPort.postMessage({ type: 'stopped' }); }
});
`;

function ask<T>(worker: Worker, message: string, type: string): Promise<T> {
  return new Promise((resolve) => {
    const on = (m: { type: string }) => {
      if (m.type === type) {
        worker.off('message', on);
        resolve(m as T);
      }
    };
    worker.on('message', on);
    worker.postMessage(message);
  });
}

async function main() {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'itas-bench-live-'));
  const { handle, services } = await seedDatabase(dataDir);
  const { staff, event, day } = await staffWithEvent(services, {
    email: EMAIL,
    password: PASSWORD,
    slug: 'kongress-live',
    title: 'Kongress (Lasttest Live)',
    daysAhead: 1,
  });
  const { session } = await services.events.createSession(staff, event.id, {
    type: 'vortrag',
    title: 'Eröffnung',
    abstract: '',
    startsAt: `${day}T09:30:00+01:00`,
    endsAt: `${day}T10:30:00+01:00`,
    room: 'Großer Saal',
    track: '',
    moderators: [],
    speakers: [],
  });
  const room = await services.live.enable(staff, session.id, { qaOpen: true });
  const draft = await services.live.createQuestion(staff, session.id, {
    kind: 'single',
    prompt: 'Wie kommen Sie zur Arbeit?',
    options: ['Auto', 'Bus', 'Bahn', 'Rad'],
    scaleLabels: null,
    studyLink: null,
  });
  const question = await services.live.setStatus(staff, draft.id, { status: 'open', version: draft.version });
  await handle.close();

  // A hall shares one address: the limit of device tokens per address is lifted for the run.
  const server = await startServer(dataDir, { args: ['--no-demo'], env: { LIVE_DEVICE_LIMIT_PER_IP: String(VOTES + 1000) } });
  const pid = server.child.pid!;
  let worker: Worker | null = null;
  try {
    const { cookie } = await signIn(server.base, EMAIL, PASSWORD);

    let start = performance.now();
    const tokens = await pool(
      Array.from({ length: VOTES }, (_, i) => i),
      64,
      async () => {
        const res = await post(server.port, `/api/live/${room.code}/device`, '{}');
        if (res.status !== 201) throw new Error(`device: HTTP ${res.status} ${res.body}`);
        return (JSON.parse(res.body) as { deviceToken: string }).deviceToken;
      },
    );
    console.log(`device tokens: ${tokens.length} in ${((performance.now() - start) / 1000).toFixed(1)} s`);

    start = performance.now();
    worker = new Worker(AUDIENCE, {
      eval: true,
      workerData: { port: server.port, path: `/api/live/${room.code}/stream`, clients: CLIENTS },
    });
    const ready = await new Promise<{ connected: number; failed: number }>((resolve) => worker!.once('message', resolve));
    console.log(
      `audience streams: ${ready.connected} connected, ${ready.failed} failed, in ${((performance.now() - start) / 1000).toFixed(1)} s`,
    );

    // The projector: the staff stream, with the arrival time of every count it shows.
    const shown: { at: number; voters: number; counts: number[] }[] = [];
    let projectorMessages = 0;
    const projector = http.get({
      host: '127.0.0.1',
      port: server.port,
      path: `/api/sessions/${session.id}/live/stream`,
      headers: { cookie },
    });
    await new Promise<void>((resolve, reject) => {
      projector.on('response', (res) => {
        if (res.statusCode !== 200) return reject(new Error(`projector: HTTP ${res.statusCode}`));
        let buffer = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          buffer += chunk;
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const data = block.split('\n').find((l) => l.startsWith('data: '));
            if (!data) continue;
            projectorMessages++;
            const r = (JSON.parse(data.slice(6)) as AdminLiveRoom).questions[0]!.results;
            if (r.kind === 'single') shown.push({ at: performance.now(), voters: r.voters, counts: r.options.map((o) => o.count) });
            resolve();
          }
        });
      });
      projector.on('error', reject);
    });

    // Votes at a fixed rate, in 10 ms slices; each with its own device.
    const sentAt = new Float64Array(VOTES);
    const ackedAt: { i: number; at: number }[] = [];
    const ackedPerOption = [0, 0, 0, 0];
    const failures = new Map<string, number>();
    const pending: Promise<void>[] = [];
    start = performance.now();
    let sent = 0;
    while (sent < VOTES) {
      const due = Math.min(VOTES, Math.floor(((performance.now() - start) / 1000) * RATE));
      for (; sent < due; sent++) {
        const i = sent;
        const option = i % 4;
        sentAt[i] = performance.now();
        pending.push(
          post(
            server.port,
            `/api/live/${room.code}/questions/${question.id}/votes`,
            JSON.stringify({ deviceToken: tokens[i], answer: { optionId: question.options[option]!.id } }),
          ).then(
            (res) => {
              if (res.status === 201) {
                ackedAt.push({ i, at: performance.now() });
                ackedPerOption[option]! += 1;
              } else failures.set(String(res.status), (failures.get(String(res.status)) ?? 0) + 1);
            },
            (err: Error) => void failures.set(err.message, (failures.get(err.message) ?? 0) + 1),
          ),
        );
      }
      await new Promise((r) => setTimeout(r, 10));
    }
    await Promise.all(pending);
    const sendSeconds = (performance.now() - start) / 1000;
    // Wait until the projector shows every acknowledged vote (or 10 s).
    const waitUntil = performance.now() + 10_000;
    while ((shown.at(-1)?.voters ?? 0) < ackedAt.length && performance.now() < waitUntil) await new Promise((r) => setTimeout(r, 50));

    // Commit order ≈ acknowledgement order: the k-th acknowledged vote is in the first count ≥ k.
    ackedAt.sort((a, b) => a.at - b.at);
    const latencies: number[] = [];
    let m = 0;
    ackedAt.forEach(({ i }, k) => {
      while (m < shown.length && shown[m]!.voters < k + 1) m++;
      if (m < shown.length) latencies.push(Math.max(0, shown[m]!.at - sentAt[i]!));
    });
    // p95 per second of the run: shows whether delays are spread or come in bursts.
    const perSecond: number[][] = [];
    ackedAt.forEach(({ i }, k) => {
      const sec = Math.floor((sentAt[i]! - start) / 1000);
      const j = shown.findIndex((x) => x.voters >= k + 1);
      if (j >= 0) (perSecond[sec] ??= []).push(shown[j]!.at - sentAt[i]!);
    });
    console.log(`p95 per second: ${perSecond.map((xs) => quantile(xs, 0.95).toFixed(0)).join(' ')} ms`);
    latencies.sort((a, b) => a - b);
    const report = await ask<{ connected: number; messages: number; failed: number; reasons: Record<string, number> }>(
      worker,
      'report',
      'report',
    );
    const final = shown.at(-1);
    const admin = (await (await fetch(`${server.base}/api/sessions/${session.id}/live`, { headers: { cookie } })).json()) as AdminLiveRoom;
    const stored = admin.questions[0]!.results;

    console.log(
      `votes: sent ${VOTES} at ${RATE}/s for ${SECONDS} s; acknowledged ${ackedAt.length} in ${sendSeconds.toFixed(1)} s (${(ackedAt.length / sendSeconds).toFixed(0)}/s)`,
    );
    if (failures.size) console.log(`  not acknowledged: ${[...failures].map(([k, v]) => `${k} × ${v}`).join(', ')}`);
    console.log(
      `vote → projector shows it: p50 ${quantile(latencies, 0.5).toFixed(0)} ms, p95 ${quantile(latencies, 0.95).toFixed(0)} ms, ` +
        `p99 ${quantile(latencies, 0.99).toFixed(0)} ms, max ${(latencies.at(-1) ?? NaN).toFixed(0)} ms (${latencies.length} votes seen)`,
    );
    const same = (xs: number[] | undefined) => xs !== undefined && xs.every((x, i) => x === ackedPerOption[i]);
    console.log(
      `acknowledged per option ${ackedPerOption.join('/')}; projector's last count ${final?.counts.join('/') ?? '—'} ` +
        `(${same(final?.counts) ? 'equal' : 'NOT EQUAL'}); stored ${stored.kind === 'single' ? stored.options.map((o) => o.count).join('/') : '—'} ` +
        `(${stored.kind === 'single' && same(stored.options.map((o) => o.count)) ? 'equal' : 'NOT EQUAL'})`,
    );
    console.log(
      `projector messages: ${projectorMessages}; audience streams connected at the end: ${report.connected} of ${CLIENTS} ` +
        `(${report.failed} failed${
          report.failed
            ? `: ${Object.entries(report.reasons)
                .map(([k, v]) => `${k} × ${v}`)
                .join(', ')}`
            : ''
        }), audience messages received: ${report.messages}`,
    );
    console.log(`server RSS: ${rssMb(pid).toFixed(0)} MB at the end, peak ${peakMb(pid).toFixed(0)} MB`);
    projector.destroy();
  } finally {
    if (worker) {
      await ask(worker, 'stop', 'stopped');
      await worker.terminate();
    }
    agent.destroy();
    await stopServer(server, dataDir);
  }
  printCommit(`SQLite, ${SECONDS} s × ${RATE}/s, ${CLIENTS} audience streams`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
