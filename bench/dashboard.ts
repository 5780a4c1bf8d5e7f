/**
 * npm run bench:dashboard — the Stimmungsbild API (GET /api/waves/:id/results) over a wave with
 * BENCH_ROWS stored responses (default 100,000) of the shipped questionnaire, plus an earlier wave
 * of 20,000 for the change figures. Starts the server as its own process and measures what an
 * analyst's browser sees:
 *   1. the first request (reads and weights the wave),
 *   2. 400 requests over 24 different views (weighted/unweighted × filters), each view computed
 *      once and then served until a response arrives,
 *   3. the same while responses keep arriving (20 per second), so that the data are read again
 *      every few seconds.
 * Prints figures; asserts nothing.
 */
import { randomUUID } from 'node:crypto';
import { finish, largeWave, peakMb, serveSignedIn } from './large-wave.ts';

const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
const PREVIOUS_ROWS = 20_000;

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
const summary = (ms: number[]) => {
  const s = [...ms].sort((a, b) => a - b);
  return `p50 ${quantile(s, 0.5).toFixed(1)} ms, p95 ${quantile(s, 0.95).toFixed(1)} ms, max ${s[s.length - 1]!.toFixed(1)} ms (n=${s.length})`;
};

async function main() {
  const started = performance.now();
  const data = await largeWave('dashboard', 'Welle 2');
  // The earlier wave of the same study, for "change since the previous wave".
  const current = await data.handle.db.selectFrom('wave').selectAll().where('id', '=', data.wave.waveId).executeTakeFirstOrThrow();
  const previousId = randomUUID();
  await data.handle.db
    .insertInto('wave')
    .values({
      ...current,
      id: previousId,
      code: 'benchvorher',
      name: 'Welle 1',
      opens_on: '2025-01-01',
      closes_on: '2025-02-01',
      status: 'closed',
    })
    .execute();
  data.fill(data.wave.waveId, ROWS);
  data.fill(previousId, PREVIOUS_ROWS);
  await data.close();
  console.log(
    `data: ${ROWS.toLocaleString('en')} responses (+ ${PREVIOUS_ROWS.toLocaleString('en')} in the previous wave) written in ` +
      `${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  const { wave, pool } = data;

  const { server, cookie } = await serveSignedIn(data.dataDir);
  try {
    const views: string[] = [];
    for (const weighted of ['true', 'false']) {
      for (const filter of [
        '',
        'district=14511',
        'district=14521',
        'district=14522',
        'district=14523',
        'district=14524',
        'sex=1',
        'sex=2',
      ]) {
        views.push(`weighted=${weighted}${filter ? '&' + filter : ''}`);
      }
      for (const filter of ['age_band=1', 'age_band=3', 'automotive=1', 'district=14511&sex=2'])
        views.push(`weighted=${weighted}&${filter}`);
    }
    const get = async (query: string) => {
      const t0 = performance.now();
      const res = await fetch(`${server.base}/api/waves/${wave.waveId}/results?${query}`, { headers: { cookie } });
      const body = (await res.json()) as { n: number | null; indices: { overall: { estimate: number | null } }[] };
      if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${JSON.stringify(body)}`);
      return { ms: performance.now() - t0, body };
    };

    const first = await get(views[0]!);
    console.log(
      `first request (reads ${ROWS.toLocaleString('en')} responses, rakes, computes): ${first.ms.toFixed(0)} ms; ` +
        `n=${first.body.n}, ${first.body.indices.length} indices`,
    );

    const computed: number[] = [];
    for (const v of views.slice(1)) computed.push((await get(v)).ms);
    console.log(`each other view computed once (${views.length - 1} views): ${summary(computed)}`);

    const steady: number[] = [];
    for (let i = 0; i < 400; i++) steady.push((await get(views[i % views.length]!)).ms);
    console.log(`dashboard requests, no new responses: ${summary(steady)} (target p95 ≤ 200 ms)`);

    // Responses keep arriving: each stored response changes the data, read again at most every 5 s.
    let stop = false;
    let sent = 0;
    const writer = (async () => {
      while (!stop) {
        const body = {
          channel: 'online',
          responses: [{ id: randomUUID(), versionId: wave.versionId, answers: JSON.parse(pool[sent % pool.length]!) as object }],
        };
        const res = await fetch(`${server.base}/api/study/waves/${current.code}/responses`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
        await res.arrayBuffer();
        sent++;
        await new Promise((r) => setTimeout(r, 50));
      }
    })();
    const live: number[] = [];
    const until = performance.now() + 30_000;
    let i = 0;
    while (performance.now() < until) {
      live.push((await get(views[i++ % views.length]!)).ms);
      await new Promise((r) => setTimeout(r, 100));
    }
    stop = true;
    await writer;
    console.log(`dashboard requests while ${sent} responses arrived over 30 s: ${summary(live)} (target p95 ≤ 200 ms)`);
    console.log(`server peak memory ${peakMb(server.child.pid!).toFixed(0)} MB`);
  } finally {
    await finish(server, data.dataDir);
  }
}

await main();
