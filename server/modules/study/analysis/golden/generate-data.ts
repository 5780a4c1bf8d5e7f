/**
 * Writes the golden test data: data.csv (2,000 synthetic respondents) and margins.json, both
 * deterministic (seeded). reference.R then computes the reference results with R's survey
 * package. Run from the repository root:
 *
 *   npx tsx server/modules/study/analysis/golden/generate-data.ts
 *   Rscript server/modules/study/analysis/golden/reference.R server/modules/study/analysis/golden
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { resilienzMargins, type PopulationTable } from '../margins.ts';

const here = import.meta.dirname;
const ROWS = 2000;

/** mulberry32 */
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
const rnd = random(4242);
function pick<T>(values: readonly T[], probs: readonly number[]): T {
  let u = rnd();
  for (let i = 0; i < values.length; i++) {
    u -= probs[i]!;
    if (u < 0) return values[i]!;
  }
  return values[values.length - 1]!;
}
const likert = (x: number) => Math.min(5, Math.max(1, Math.round(x)));

const header = [
  'id',
  'dw',
  'district',
  'sex',
  'age_band',
  'item_01',
  'item_02',
  'item_03',
  'item_04',
  'item_05',
  'item_06',
  'hours',
  'affected',
  'employment',
];
const lines = [header.join(',')];
for (let i = 1; i <= ROWS; i++) {
  const district = pick(['14511', '14521', '14522', '14523', '14524'], [0.32, 0.14, 0.21, 0.09, 0.24]);
  const sex = pick(['1', '2'], [0.43, 0.57]);
  const age = pick(['1', '2', '3', '4', '5'], [0.13, 0.34, 0.31, 0.19, 0.03]);
  // Unequal design weights (e.g. from an address sample with different selection rates).
  const dw = pick([0.5, 1, 1.5, 2.5], [0.2, 0.5, 0.2, 0.1]) * (district === '14511' ? 0.8 : 1);
  const trait = rnd() * 2 - 1 + (district === '14511' ? 0.4 : 0) - (Number(age) - 3) * 0.25 + (sex === '2' ? 0.2 : 0);
  const item = (reverse: boolean, missing: number) =>
    rnd() < missing ? '' : String(likert(3 + (reverse ? -trait : trait) + (rnd() - 0.5) * 2.5));
  const hours = rnd() < 0.1 ? '' : (Math.round((20 + trait * 8 + rnd() * 20) * 10) / 10).toFixed(1);
  const affected = rnd() < 0.04 ? '' : pick(['1', '2', '98', '99'], trait > 0.3 ? [0.5, 0.38, 0.08, 0.04] : [0.25, 0.6, 0.1, 0.05]);
  const employment = rnd() < 0.03 ? '' : pick(['1', '2', '3', '4', '5', '6', '7'], [0.14, 0.36, 0.07, 0.08, 0.05, 0.28, 0.02]);
  lines.push(
    [
      i,
      dw,
      district,
      sex,
      age,
      item(false, 0.03),
      item(false, 0.06),
      item(true, 0.05),
      item(false, 0.02),
      item(true, 0.08),
      item(false, 0.12),
      hours,
      affected,
      employment,
    ].join(','),
  );
}
writeFileSync(path.join(here, 'data.csv'), lines.join('\n') + '\n');

const table = JSON.parse(
  readFileSync(path.join(here, '../margins/population-2017-kreis-geschlecht-alter.json'), 'utf8'),
) as PopulationTable;
writeFileSync(path.join(here, 'margins.json'), JSON.stringify(resilienzMargins(table), null, 2) + '\n');
process.stdout.write(`${ROWS} Zeilen nach ${path.join(here, 'data.csv')} geschrieben.\n`);
