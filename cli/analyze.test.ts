import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runAnalyze, type AnalyzeOutput } from './analyze.ts';
import { main } from './main.ts';

const root = path.resolve(import.meta.dirname, '..');
const golden = path.join(root, 'server/modules/study/analysis/golden');
const DATA = path.join(golden, 'data.csv');
const MARGINS = path.join(golden, 'margins.json');
const dir = mkdtempSync(path.join(tmpdir(), 'itas-analyze-'));

/** Runs `itas analyze …` in-process and captures what it prints. */
async function analyze(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runAnalyze(args, { out: { write: (s: string) => (stdout += s) }, err: { write: (s: string) => (stderr += s) } });
  return { code, stdout, stderr, json: () => JSON.parse(stdout) as AnalyzeOutput };
}
function file(name: string, content: string) {
  const f = path.join(dir, name);
  writeFileSync(f, content);
  return f;
}
const RAKE = ['--margins', MARGINS, '--rake', 'district,sex,age_band'];

interface RRef {
  calibrated: { means: { variable: string; estimate: number; se: number }[]; byShares: { group: string; level: string; ciLow: number }[] };
}
const reference = JSON.parse(readFileSync(path.join(golden, 'reference.json'), 'utf8')) as RRef;

describe('itas analyze', () => {
  it('prints the JSON of the contract, agreeing with R', async () => {
    const r = await analyze(
      '--data',
      DATA,
      ...RAKE,
      '--weight',
      'dw',
      '--means',
      'item_*',
      '--shares',
      'affected',
      '--by',
      'district',
      '--json',
    );
    expect(r.code).toBe(0);
    const out = r.json();
    expect(Object.keys(out)).toEqual(['n', 'weights', 'estimates', 'by']);
    expect(out.n).toBe(2000);
    expect(Object.keys(out.weights)).toEqual(['sum', 'min', 'max', 'deff', 'effectiveN', 'iterations', 'converged']);
    expect(out.weights.converged).toBe(true);
    expect(out.weights.sum).toBeCloseTo(1266148, 3);
    expect(out.estimates.map((e) => e.variable)).toEqual([
      ...['01', '02', '03', '04', '05', '06'].map((i) => `item_${i}`),
      ...Array<string>(4).fill('affected'),
    ]);
    const item = out.estimates[0]!;
    expect(Object.keys(item)).toEqual(['variable', 'kind', 'estimate', 'se', 'ciLow', 'ciHigh', 'n']);
    const r1 = reference.calibrated.means[0]!;
    expect(item.estimate).toBeCloseTo(r1.estimate, 9);
    expect(Math.abs(item.se! / r1.se - 1)).toBeLessThan(1e-8);
    expect(out.estimates.filter((e) => e.kind === 'share').map((e) => e.level)).toEqual(['1', '2', '98', '99']);
    const group = out.by.district!.find((g) => g.group === '14521' && g.variable === 'affected' && g.level === '1')!;
    expect(Object.keys(group)).toEqual(['group', 'variable', 'kind', 'level', 'estimate', 'se', 'ciLow', 'ciHigh', 'n', 'suppressed']);
    expect(group.ciLow).toBeCloseTo(reference.calibrated.byShares.find((b) => b.group === '14521' && b.level === '1')!.ciLow, 9);
    expect(out.by.district!.length).toBe(5 * (6 + 4));
  });

  it('prints a readable table without --json', async () => {
    const r = await analyze('--data', DATA, ...RAKE, '--means', 'item_01', '--shares', 'affected', '--by', 'sex');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Befragte: 2000');
    expect(r.stdout).toMatch(/Designeffekt \d\.\d{3}/);
    expect(r.stdout).toMatch(/item_01\s+Mittelwert\s+\d\.\d{4}\s+0\.\d{4}\s+\[\d\.\d{4}; \d\.\d{4}]\s+1937/);
    expect(r.stdout).toContain('Nach sex:');
  });

  it('reads a file with BOM, semicolons and quoted line breaks like the plain one', async () => {
    const lines = readFileSync(DATA, 'utf8').trimEnd().split('\n');
    const header = lines[0]!.split(',');
    const semicolon = lines.map((l, i) => {
      const cells = l.split(',').map((c) => c.replace('.', ','));
      return [...cells, i === 0 ? 'kommentar' : i % 3 ? '' : `"Zeile eins;\nZeile ""zwei"""`].join(';');
    });
    const f = file('excel.csv', '\uFEFF' + semicolon.join('\r\n') + '\r\n');
    const a = await analyze('--data', DATA, ...RAKE, '--weight', 'dw', '--means', 'item_01,hours', '--json');
    const b = await analyze('--data', f, ...RAKE, '--weight', 'dw', '--means', 'item_01,hours', '--json');
    expect(b.code).toBe(0);
    expect(b.json()).toEqual(a.json());
    expect(header).toContain('hours');
  });

  it('names the line of a broken record and exits with 2', async () => {
    const f = file('broken.csv', 'district,sex,age_band,x\n14511,1,2,3\n14521,2,"3,4\n');
    const r = await analyze('--data', f, ...RAKE, '--means', 'x');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`Fehler: ${f}, Zeile 3: Ein Anführungszeichen wird bis zum Dateiende nicht geschlossen.\n`);
    const short = file('short.csv', 'district,sex,age_band,x\n14511,1,2,3\n14521,2\n');
    const s = await analyze('--data', short, ...RAKE, '--means', 'x');
    expect(s.code).toBe(2);
    expect(s.stderr).toContain('Zeile 3: 2 Felder, die Kopfzeile hat aber 4 Spalten.');
    const text = file('text.csv', 'district,sex,age_band,x\n14511,1,2,3\n14521,2,2,viel\n');
    expect((await analyze('--data', text, '--means', 'x')).stderr).toContain('Zeile 3, Spalte „x“: „viel“ ist keine Zahl.');
  });

  it('names unknown columns and patterns that match nothing', async () => {
    const unknown = await analyze('--data', DATA, ...RAKE, '--means', 'item_01,alter');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('--means: Die Spalte „alter“ gibt es in');
    const glob = await analyze('--data', DATA, '--shares', 'frage_*');
    expect(glob.code).toBe(2);
    expect(glob.stderr).toContain("--shares 'frage_*': Keine Spalte");
    const by = await analyze('--data', DATA, '--means', 'item_01', '--by', 'kreis');
    expect(by.stderr).toContain('--by: Die Spalte „kreis“ gibt es in');
    expect((await analyze('--data', DATA, '--margins', MARGINS, '--rake', 'district,region', '--means', 'item_01')).stderr).toContain(
      '„region“',
    );
  });

  it('refuses a level without population total, naming line, column and value; or excludes and reports it', async () => {
    const f = file('diverse.csv', readFileSync(DATA, 'utf8').replace('\n4,2.5,14524,1,4,', '\n4,2.5,14524,3,4,'));
    const r = await analyze('--data', f, ...RAKE, '--means', 'item_01');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`Zeile 5, Spalte „sex“ hat den Wert „3“ (1-mal), für den ${MARGINS} keine Bevölkerungszahl enthält.`);
    const ok = await analyze('--data', f, ...RAKE, '--means', 'item_01', '--json', '--exclude-unweightable');
    expect(ok.code).toBe(0);
    expect(ok.json().n).toBe(1999);
    expect(ok.json().excluded).toEqual({ rows: 1, byColumn: { sex: 1 } });
    expect(ok.stderr).toContain('1 nicht gewichtbare Befragte ausgeschlossen');
  });

  it('refuses a margin level without respondents and margins whose totals differ', async () => {
    const margins = JSON.parse(readFileSync(MARGINS, 'utf8')) as Record<string, Record<string, number>>;
    const extra = file(
      'extra.json',
      JSON.stringify({
        ...margins,
        sex: { ...margins.sex, 3: 0 },
        age_band: { ...margins.age_band, 6: 1000, 1: margins.age_band!['1']! - 1000 },
      }),
    );
    const r = await analyze('--data', DATA, '--margins', extra, '--rake', 'district,sex,age_band', '--means', 'item_01');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Randverteilung „age_band“: Für den Wert „6“ (Bevölkerung 1000) gibt es keine Befragten.');
    const uneven = file('uneven.json', JSON.stringify({ ...margins, sex: { 1: 1, 2: 2 } }));
    const u = await analyze('--data', DATA, '--margins', uneven, '--rake', 'district,sex,age_band', '--means', 'item_01');
    expect(u.code).toBe(2);
    expect(u.stderr).toContain('Die Randverteilungen ergeben unterschiedliche Gesamtzahlen: „district“ 1266148, „sex“ 3.');
    const broken = file('broken.json', '{"sex": {"1": "viele"}}');
    expect((await analyze('--data', DATA, '--margins', broken, '--rake', 'sex', '--means', 'item_01')).stderr).toContain(
      '„sex“ → „1“: Die Bevölkerungszahl muss eine Zahl ≥ 0 sein.',
    );
    expect((await analyze('--data', DATA, '--margins', file('nojson.json', '{'), '--rake', 'sex', '--means', 'item_01')).stderr).toContain(
      'kein gültiges JSON',
    );
  });

  it('refuses a weighting variable that is empty for everyone', async () => {
    const f = file('nosex.csv', 'district,sex,age_band,x\n14511,,2,3\n14521,,3,4\n');
    const r = await analyze('--data', f, ...RAKE, '--means', 'x');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Spalte „sex“ ist in allen Zeilen leer');
    const some = file('somesex.csv', 'district,sex,age_band,x\n14511,1,2,3\n14521,,3,4\n');
    expect((await analyze('--data', some, ...RAKE, '--means', 'x')).stderr).toContain('Zeile 3, Spalte „sex“ ist leer (1 Zeile ohne Wert)');
  });

  it('suppresses a group with one respondent and reports an undefined SE as null, never NaN', async () => {
    const f = file('small.csv', ['g,y,z', 'a,1,1', 'a,2,', 'a,3,', 'a,4,', 'a,5,', 'a,2,', 'b,3,'].join('\n') + '\n');
    const r = await analyze('--data', f, '--means', 'y,z', '--by', 'g', '--json');
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('NaN');
    const out = r.json();
    expect(out.estimates.find((e) => e.variable === 'z')).toEqual({
      variable: 'z',
      kind: 'mean',
      estimate: 1,
      se: null,
      ciLow: null,
      ciHigh: null,
      n: 1,
    });
    const b = out.by.g!.find((x) => x.group === 'b' && x.variable === 'y')!;
    expect(b).toEqual({
      group: 'b',
      variable: 'y',
      kind: 'mean',
      estimate: null,
      se: null,
      ciLow: null,
      ciHigh: null,
      n: 1,
      suppressed: true,
      reason: 'weniger als 5 Antworten',
    });
    expect(out.by.g!.find((x) => x.group === 'a' && x.variable === 'y')!.suppressed).toBe(false);
    expect((await analyze('--data', f, '--means', 'y', '--min-n', '2')).code).toBe(2);
  });

  it('stops when the weights do not converge', async () => {
    const f = file('stuck.csv', 'district,sex,x\nA,m,1\nA,m,2\nB,f,3\nB,f,4\n');
    const m = file('stuck.json', JSON.stringify({ district: { A: 50, B: 50 }, sex: { m: 30, f: 70 } }));
    const r = await analyze('--data', f, '--margins', m, '--rake', 'district,sex', '--means', 'x', '--max-iterations', '50');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Die Gewichtung konvergiert nicht: Nach 50 Durchläufen');
  });

  it('explains wrong usage with exit code 2, through main() and the installed command', async () => {
    expect((await analyze('--data', DATA)).stderr).toContain('Bitte --means und/oder --shares angeben.');
    expect((await analyze('--means', 'x')).code).toBe(2);
    expect((await analyze('--data', DATA, '--rake', 'sex', '--means', 'item_01')).stderr).toContain('--rake braucht --margins');
    expect((await analyze('--data', path.join(dir, 'nichtda.csv'), '--means', 'x')).stderr).toContain('lässt sich nicht öffnen');
    expect((await analyze('--data', DATA, '--means', 'item_01', '--frobnicate')).code).toBe(2);
    const err = process.stderr.write.bind(process.stderr);
    let printed = '';
    process.stderr.write = ((s: string) => ((printed += s), true)) as typeof process.stderr.write;
    try {
      expect(await main(['analyze', '--data', DATA])).toBe(2);
    } finally {
      process.stderr.write = err;
    }
    expect(printed).toContain('Bitte --means');
    const cli = spawnSync(process.execPath, [path.join(root, 'cli/itas.mjs'), 'analyze', '--data', DATA, '--means', 'nope'], {
      encoding: 'utf8',
    });
    expect(cli.status).toBe(2);
    expect(cli.stderr).toContain('--means: Die Spalte „nope“');
    const ok = spawnSync(
      process.execPath,
      [path.join(root, 'cli/itas.mjs'), 'analyze', '--data', DATA, ...RAKE, '--means', 'item_01', '--json'],
      {
        encoding: 'utf8',
      },
    );
    expect(ok.status).toBe(0);
    expect((JSON.parse(ok.stdout) as AnalyzeOutput).estimates[0]!.n).toBe(1937);
  });
});
