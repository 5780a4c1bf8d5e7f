/**
 * npm run bench:export [-- --format csv|xlsx|sav] — the streamed export of a large wave over
 * HTTP. Fills an embedded database with generated answer sets of the shipped questionnaire
 * (BENCH_ROWS, default 1,000,000), starts the server as its own process, downloads the export as
 * a researcher would and prints the time, the size and the server's peak memory. Prints figures;
 * asserts nothing.
 */
import { apiPath } from '../contracts/api.ts';
import { finish, largeWave, peakMb, serveSignedIn } from './large-wave.ts';

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const formatArg = process.argv.indexOf('--format');
const formatName = formatArg >= 0 ? process.argv[formatArg + 1] : 'csv';
if (formatName !== 'csv' && formatName !== 'xlsx' && formatName !== 'sav') throw new Error('--format csv|xlsx|sav');
const FORMAT: 'csv' | 'xlsx' | 'sav' = formatName;
const ROUTE = { csv: 'exportResponsesCsv', xlsx: 'exportResponsesXlsx', sav: 'exportResponsesSav' } as const;

async function main() {
  const started = performance.now();
  const data = await largeWave('export', 'Bench');
  data.fill(data.wave.waveId, ROWS);
  await data.close();
  console.log(`data: ${ROWS.toLocaleString('en')} responses written in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  const { server, cookie } = await serveSignedIn(data.dataDir);
  try {
    const baseline = peakMb(server.child.pid!);
    const t0 = performance.now();
    const res = await fetch(`${server.base}${apiPath(ROUTE[FORMAT], { id: data.wave.waveId })}`, {
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
    await finish(server, data.dataDir);
  }
}

await main();
