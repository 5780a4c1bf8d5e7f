/**
 * npm run bench:analyze — `itas analyze` on synthetic responses shaped like the shipped
 * questionnaire (its column names and answer codes): rake on district, sex and age band to the
 * shipped population margins, 24 means, the shares of a 4-level question, all by district.
 * Runs the CLI as its own process, as a researcher would, and prints wall time and peak memory
 * (maximum resident set size) of that process. Prints figures; asserts nothing.
 *
 *   BENCH_ROWS   number of responses (default 1,000,000)
 *   BENCH_KEEP   keep the generated files (prints their folder)
 */
import { execSync, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { resilienzMargins, type PopulationTable } from '../server/modules/study/analysis/margins.ts';

const root = path.resolve(import.meta.dirname, '..');
const QUESTIONNAIRE = path.join(root, 'server/modules/study/questionnaires/resilienz-studie-suedwestsachsen.json');
const POPULATION = path.join(root, 'server/modules/study/analysis/margins/population-2017-kreis-geschlecht-alter.json');
const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);

interface Element {
  type: string;
  name: string;
  scale?: string;
  choices?: ({ value: number } | number)[];
}

/** mulberry32: a small seeded generator, so every run writes the same file. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(rnd: () => number, values: readonly T[], probs: readonly number[]): T {
  let u = rnd();
  for (let i = 0; i < values.length; i++) {
    u -= probs[i]!;
    if (u < 0) return values[i]!;
  }
  return values[values.length - 1]!;
}

const WORRIES = ['Arbeitsplätze', 'Dass die Zulieferer schließen; und dann?', 'Die Mieten, "die Preise"', 'Pendeln\nohne Auto', 'keine'];

/** Writes `rows` responses as CSV and returns the 24 item names used for --means. */
function generate(file: string, rows: number): { items: string[] } {
  const definition = JSON.parse(readFileSync(QUESTIONNAIRE, 'utf8')) as { pages: { elements: Element[] }[] };
  const elements = definition.pages.flatMap((p) => p.elements);
  const single = elements.filter((e) => e.type === 'radiogroup');
  const scaleItems = single.filter((e) => e.scale);
  const codes = (e: Element) => (e.choices ?? []).map((c) => (typeof c === 'number' ? c : c.value));
  const columns = [...single.map((e) => e.name), 'open_worry'];
  const rnd = random(20260101);
  const fd = openSync(file, 'w');
  writeSync(fd, columns.join(',') + '\n');
  const districts = codes(single.find((e) => e.name === 'district')!).filter((c) => c > 10000);
  const scales = [...new Set(scaleItems.map((e) => e.scale!))];
  let batch: string[] = [];
  for (let r = 0; r < rows; r++) {
    // Response patterns that differ from the population: the city and the young answer more often.
    const district = pick(rnd, districts, [0.3, 0.15, 0.2, 0.1, 0.25]);
    const sex = pick(rnd, [1, 2], [0.45, 0.55]);
    const age = pick(rnd, [1, 2, 3, 4, 5], [0.12, 0.33, 0.33, 0.19, 0.03]);
    const latent = new Map(scales.map((s) => [s, (rnd() - 0.5) * 2 + (district === 14511 ? 0.3 : 0) - (age - 3) * 0.15]));
    const cells: (string | number)[] = [];
    for (const e of single) {
      if (e.name === 'district') cells.push(district);
      else if (e.name === 'sex') cells.push(sex);
      else if (e.name === 'age_band') cells.push(age);
      else if (e.name === 'auto_link') cells.push(pick(rnd, [1, 2, 98, 99], [0.34, 0.56, 0.07, 0.03]));
      else if (e.scale) {
        // "weiß nicht" (98) is exported as an empty cell: it is no point on the scale.
        const v = Math.round(3 + latent.get(e.scale)! + (rnd() - 0.5) * 2.4);
        cells.push(rnd() < 0.03 ? '' : Math.min(5, Math.max(1, v)));
      } else if (e.name === 'commute_minutes') {
        const mode = Number(cells[single.findIndex((x) => x.name === 'commute_mode')]);
        cells.push(mode === 6 || mode === 7 ? '' : pick(rnd, [1, 2, 3, 4, 5, 99], [0.3, 0.3, 0.2, 0.1, 0.05, 0.05]));
      } else {
        const c = codes(e);
        cells.push(c[Math.floor(rnd() * c.length)]!);
      }
    }
    const worry = rnd() < 0.05 ? WORRIES[Math.floor(rnd() * WORRIES.length)]! : '';
    cells.push(/[",;\n]/.test(worry) ? `"${worry.replaceAll('"', '""')}"` : worry);
    batch.push(cells.join(','));
    if (batch.length === 20_000) {
      writeSync(fd, batch.join('\n') + '\n');
      batch = [];
    }
  }
  if (batch.length) writeSync(fd, batch.join('\n') + '\n');
  closeSync(fd);
  const items = scales.filter((s) => s !== 'betroffenheit').flatMap((s) => scaleItems.filter((e) => e.scale === s).map((e) => e.name));
  return { items };
}

function commit(): string {
  try {
    const sha = execSync('git rev-parse --short HEAD', { cwd: root, encoding: 'utf8' }).trim();
    const dirty = execSync('git status --porcelain', { cwd: root, encoding: 'utf8' }).trim() ? ' (mit lokalen Änderungen)' : '';
    return sha + dirty;
  } catch {
    return 'unbekannt';
  }
}

const dir = mkdtempSync(path.join(tmpdir(), 'itas-bench-analyze-'));
try {
  const data = path.join(dir, 'responses.csv');
  const marginsFile = path.join(dir, 'margins.json');
  const t0 = performance.now();
  const { items } = generate(data, ROWS);
  writeFileSync(marginsFile, JSON.stringify(resilienzMargins(JSON.parse(readFileSync(POPULATION, 'utf8')) as PopulationTable)));
  const genSeconds = (performance.now() - t0) / 1000;
  const size = statSync(data).size;
  console.log(
    `Daten: ${ROWS.toLocaleString('de-DE')} Antworten, ${(size / 1e6).toFixed(1)} MB CSV (erzeugt in ${genSeconds.toFixed(1)} s)`,
  );
  if (items.length !== 24) throw new Error(`Erwartet 24 Items, gefunden ${items.length}`);

  const args = [
    path.join(root, 'cli/itas.mjs'),
    'analyze',
    '--data',
    data,
    '--margins',
    marginsFile,
    '--rake',
    'district,sex,age_band',
    '--means',
    'vb_*,kr_*,it_*,vt_*',
    '--shares',
    'auto_link',
    '--by',
    'district',
    '--json',
  ];
  const timeBin = '/usr/bin/time';
  const useTime = existsSync(timeBin);
  const runs: { seconds: number; maxRssMb: number | null }[] = [];
  let output = '';
  for (let run = 0; run < 3; run++) {
    const start = performance.now();
    const child = useTime
      ? spawnSync(timeBin, ['-f', '__MAXRSS_KB=%M', process.execPath, ...args], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 26 })
      : spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8', maxBuffer: 1 << 26 });
    const seconds = (performance.now() - start) / 1000;
    if (child.status !== 0) {
      console.error(child.stderr);
      throw new Error(`itas analyze endete mit Code ${child.status}`);
    }
    const rss = /__MAXRSS_KB=(\d+)/.exec(child.stderr ?? '');
    runs.push({ seconds, maxRssMb: rss ? Number(rss[1]) / 1024 : null });
    output = child.stdout;
  }
  const result = JSON.parse(output) as {
    n: number;
    weights: { deff: number; iterations: number; converged: boolean };
    estimates: unknown[];
  };
  const by = (JSON.parse(output) as { by: Record<string, unknown[]> }).by.district ?? [];
  console.log(`itas analyze ${args.slice(2).join(' ')}`.replace(dir, '<tmp>').replace(dir, '<tmp>'));
  console.log(
    `Ergebnis: n = ${result.n}, ${result.estimates.length} Schätzer, ${by.length} Schätzer nach Kreis, ` +
      `Designeffekt ${result.weights.deff.toFixed(3)}, ${result.weights.iterations} Iterationen, konvergiert: ${result.weights.converged}`,
  );
  for (const [i, r] of runs.entries()) {
    console.log(
      `Lauf ${i + 1}: ${r.seconds.toFixed(2)} s Gesamtzeit, Spitzenspeicher ${r.maxRssMb === null ? 'nicht gemessen' : `${r.maxRssMb.toFixed(0)} MB`}`,
    );
  }
  const best = Math.min(...runs.map((r) => r.seconds));
  const peak = Math.max(...runs.map((r) => r.maxRssMb ?? 0));
  console.log(`Bester Lauf: ${best.toFixed(2)} s (Ziel ≤ 2 s), Spitzenspeicher höchstens ${peak.toFixed(0)} MB (Ziel ≤ 800 MB)`);
  console.log(`Commit: ${commit()}, Node ${process.version}`);
} finally {
  if (process.env.BENCH_KEEP) console.log(`Dateien behalten in ${dir}`);
  else rmSync(dir, { recursive: true, force: true });
}
