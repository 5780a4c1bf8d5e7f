import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { IndexResult, WaveResults } from '../../../contracts/results.ts';
import type { AppContext } from '../../context.ts';
import { createLogger } from '../../logger.ts';
import { useTestApp, type TestApp } from '../../test/test-app.ts';
import { sampleAnswers } from './questionnaire/sample-answers.ts';
import { shippedQuestionnaire } from './shipped.ts';
import { createSmallWave } from './study.fixtures.ts';
import { shippedMargins, waveCellWeights, waveWeighting } from './wave-data.ts';

/**
 * The Stimmungsbild API: weighted estimates that reach the population margins, indices computed
 * as defined, disclosure control of small groups (with complementary suppression), filters,
 * publication, and staff-set margins that are checked before anything is stored.
 */

type Answers = Record<string, unknown>;

/** A deterministic random source (mulberry32), so the data are the same on every run. */
function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

/** Districts of the 63 respondents: Vogtlandkreis (14523) has only 2; 3 live outside the region (0). */
const PLAN: [number, number][] = [
  [14511, 15],
  [14521, 15],
  [14522, 15],
  [14524, 13],
  [14523, 2],
  [0, 3],
];

function respondents(): Answers[] {
  const definition = shippedQuestionnaire();
  const random = seeded(42);
  const next = sampleAnswers(definition, random);
  const out: Answers[] = [];
  for (const [district, count] of PLAN) {
    for (let i = 0; i < count; i++) {
      const a = next();
      a.district = district;
      a.sex = 1 + (out.length % 2);
      a.age_band = 1 + (out.length % 5);
      out.push(a);
    }
  }
  return out;
}

const VB_ITEMS: [string, boolean][] = [
  ['vb_01', false],
  ['vb_02', false],
  ['vb_03', true],
  ['vb_04', false],
  ['vb_05', false],
  ['vb_06', true],
];

/** The index as defined: mean of the answered items 1–5 after reverse coding, if at least half are answered. */
function vbIndex(a: Answers): number | null {
  const values = VB_ITEMS.map(([name, reverse]) => {
    const v = a[name];
    return typeof v === 'number' && v >= 1 && v <= 5 ? (reverse ? 6 - v : v) : null;
  }).filter((v): v is number => v !== null);
  return values.length >= 3 ? values.reduce((x, y) => x + y, 0) / values.length : null;
}

/** The app's context for calling module functions directly (same database and clock). */
const ctxOf = (t: TestApp): AppContext => ({
  db: t.database.db,
  dialect: t.database.dialect,
  sqlite: t.database.sqlite,
  config: t.config,
  clock: () => t.now,
  log: createLogger('silent'),
});

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/** Every number in the document is finite (JSON has no NaN; a NaN would arrive as null or fail the schema). */
function numbersOf(value: unknown, out: number[] = []): number[] {
  if (typeof value === 'number') out.push(value);
  else if (Array.isArray(value)) for (const v of value) numbersOf(v, out);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) numbersOf(v, out);
  return out;
}

describe('results of a wave (Stimmungsbild)', () => {
  const t = useTestApp();
  let wave: { code: string; versionId: string; waveId: string };
  let answers: Answers[];
  let staff: Awaited<ReturnType<typeof t.signIn>>['client'];
  let analyst: Awaited<ReturnType<typeof t.signIn>>['client'];

  /** Submits answer sets; each must be stored (a rejected one would make every figure below wrong). */
  const submit = async (list: Answers[]) => {
    const res = await t.client().post(`/api/study/waves/${wave.code}/responses`, {
      channel: 'online',
      responses: list.map((a) => ({ id: randomUUID(), versionId: wave.versionId, answers: a })),
    });
    expect(res.json().results.map((r: { status: string }) => r.status)).toEqual(list.map(() => 'stored'));
    return res;
  };
  const results = async (query = '') => {
    const res = await analyst.get(`/api/waves/${wave.waveId}/results${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as WaveResults;
  };
  const index = (r: WaveResults, scale: string): IndexResult => r.indices.find((i) => i.scale === scale)!;

  beforeAll(async () => {
    wave = await createSmallWave(t, {}, shippedQuestionnaire());
    answers = respondents();
    await submit(answers);
    staff = (await t.signIn({ role: 'staff', org: 'ihk-chemnitz' })).client;
    analyst = (await t.signIn({ role: 'analyst', org: 'ihk-chemnitz' })).client;
  });

  it('raking reaches the population margins: weighted district shares equal the official table', async () => {
    const r = await results();
    expect(r.weighted).toBe(true);
    expect(r.n).toBe(60); // 63 minus the 3 outside the region
    expect(r.sample.total).toBe(63);
    expect(r.weights?.converged).toBe(true);
    expect(r.weights!.sum).toBeCloseTo(
      Object.values(shippedMargins().margins.district!).reduce((a, b) => a + b, 0),
      3,
    );
    const population = shippedMargins().margins.district!;
    const total = Object.values(population).reduce((a, b) => a + b, 0);
    const district = r.questions.find((q) => q.name === 'district')!;
    for (const code of [14511, 14521, 14522]) {
      const level = district.levels.find((l) => l.code === code)!;
      expect(level.suppressed).toBe(false);
      expect(level.estimate!).toBeCloseTo(population[String(code)]! / total, 6);
    }
    expect(r.margins.custom).toBe(false);
    expect(r.margins.source).toContain('Statistisches Landesamt');
    expect(r.marginOfError).toBeGreaterThan(10); // 60 respondents: more than ±10 points
    expect(numbersOf(r).every(Number.isFinite)).toBe(true);
  });

  it('the unweighted index is the mean of the reverse-coded items, overall and within a filter', async () => {
    const r = await results('?weighted=false');
    expect(r.weighted).toBe(false);
    expect(r.weights).toBeNull();
    const vb = index(r, 'veraenderungsbereitschaft');
    const all = answers.map(vbIndex).filter((v): v is number => v !== null);
    expect(vb.overall.estimate!).toBeCloseTo(mean(all), 10);
    expect(vb.overall.n).toBe(all.length);
    expect(vb.overall.ciLow!).toBeLessThan(vb.overall.estimate!);
    expect(vb.overall.ciHigh!).toBeGreaterThan(vb.overall.estimate!);
    expect(vb.min).toBe(1);
    expect(vb.max).toBe(5);
    expect(vb.title).toBe('Veränderungsbereitschaft');

    const chemnitz = await results('?weighted=false&district=14511');
    const inChemnitz = answers
      .filter((a) => a.district === 14511)
      .map(vbIndex)
      .filter((v): v is number => v !== null);
    expect(chemnitz.n).toBe(15);
    expect(chemnitz.filters).toEqual({ district: '14511' });
    expect(index(chemnitz, 'veraenderungsbereitschaft').overall.estimate!).toBeCloseTo(mean(inChemnitz), 10);
  });

  it('hides a district with 2 respondents, and a second one so that it cannot be recovered from the total', async () => {
    const r = await results();
    const groups = index(r, 'krisenresilienz').groups.district;
    const vogtland = groups.find((g) => g.group === '14523')!;
    expect(vogtland).toMatchObject({ suppressed: true, estimate: null, se: null, n: null });
    expect(vogtland.reason).toContain('Weniger als 5 Antworten');
    const zwickau = groups.find((g) => g.group === '14524')!; // the smallest of the others (13)
    expect(zwickau).toMatchObject({ suppressed: true, estimate: null, n: null });
    expect(zwickau.reason).toContain('nicht aus der Summe errechnen');
    const chemnitz = groups.find((g) => g.group === '14511')!;
    expect(chemnitz.suppressed).toBe(false);
    expect(chemnitz.n).toBe(15);
    expect(chemnitz.label).toBe('Stadt Chemnitz');
    // The district question's own distribution hides the same cells.
    const district = r.questions.find((q) => q.name === 'district')!;
    expect(district.levels.find((l) => l.code === 14523)).toMatchObject({ suppressed: true, n: null });
    expect(district.levels.find((l) => l.code === 14524)).toMatchObject({ suppressed: true, n: null });
  });

  it('a filter that leaves fewer than 5 answers shows no numbers, not even the count', async () => {
    const r = await results('?district=14523');
    expect(r.n).toBeNull();
    expect(r.indices).toEqual([]);
    expect(r.questions).toEqual([]);
    expect(r.marginOfError).toBeNull();
    expect(JSON.stringify(r)).not.toMatch(/"n":2\b/);
  });

  it('reports respondents who cannot be weighted, without a small exact count', async () => {
    const r = await results();
    expect(r.excluded).toHaveLength(1);
    expect(r.excluded[0]!.count).toBeNull();
    expect(r.excluded[0]!.reason).toContain('zusammengefasst');
    // Unweighted, they take part.
    expect((await results('?weighted=false')).n).toBe(63);
  });

  it('export weights, raked over cells at constant memory, equal the weights of the analysis', async () => {
    const { data, weighting } = await waveWeighting(ctxOf(t), wave.waveId, 0);
    const cells = await waveCellWeights(ctxOf(t), wave.waveId);
    const rows = await t.database.db.selectFrom('response').select(['id', 'answers']).where('wave_id', '=', wave.waveId).execute();
    expect(rows.length).toBe(data.rows);
    let compared = 0;
    for (const row of rows) {
      const i = data.ids.indexOf(row.id);
      const expected = weighting.included[i] ? weighting.weights[i]! : null;
      const got = cells.weightFor(JSON.parse(row.answers) as Record<string, unknown>);
      if (expected === null) expect(got).toBeNull();
      else {
        expect(got!).toBeCloseTo(expected, 6);
        compared++;
      }
    }
    expect(compared).toBe(60);
    expect(cells.method).toContain('Raking');
  });

  it('rejects unknown filters and query fields with a German message', async () => {
    const res = await analyst.get(`/api/waves/${wave.waveId}/results?district=99999`);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('Diesen Filter gibt es');
    expect((await analyst.get(`/api/waves/${wave.waveId}/results?bezirk=1`)).statusCode).toBe(400);
    expect((await analyst.get(`/api/waves/${randomUUID()}/results`)).statusCode).toBe(404);
  });

  it('refreshes as responses arrive: computed at once after a minute, in the background after 15 s', async () => {
    const before = await results('?weighted=false');
    await submit([respondents()[0]!]);
    t.advance(61_000);
    const after = await results('?weighted=false');
    expect(after.n).toBe(before.n! + 1);

    // Within 15 s of its computation a view is served as it is, however many answers arrive.
    await submit([respondents()[1]!]);
    t.advance(6_000);
    expect((await results('?weighted=false')).n).toBe(after.n);
    // Later it is served once more while the new figures are computed in the background.
    t.advance(10_000);
    expect((await results('?weighted=false')).n).toBe(after.n);
    await vi.waitFor(async () => expect((await results('?weighted=false')).n).toBe(after.n! + 1), { timeout: 5000, interval: 50 });
  });

  it('publishes only through staff; the public page shows weighted aggregates without filters', async () => {
    const unpublished = await t.client().get(`/api/study/waves/${wave.code}/results`);
    expect(unpublished.statusCode).toBe(404);
    expect(unpublished.headers['cache-control']).not.toContain('public');
    expect((await analyst.request('PUT', `/api/waves/${wave.waveId}/results/published`, { published: true })).statusCode).toBe(403);
    const res = await staff.request('PUT', `/api/waves/${wave.waveId}/results/published`, { published: true });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().resultsPublished).toBe(true);
    const pub = await t.client().get(`/api/study/waves/${wave.code}/results?district=14523`);
    expect(pub.statusCode, pub.body).toBe(200);
    expect(pub.headers['cache-control']).toBe('public, max-age=30');
    const body = pub.json() as WaveResults;
    expect(body.weighted).toBe(true);
    expect(body.filters).toEqual({});
    expect(index(body, 'krisenresilienz').groups.district.find((g) => g.group === '14523')?.suppressed).toBe(true);
    const audit = await t.database.db.selectFrom('audit_event').select('action').where('target_id', '=', wave.waveId).execute();
    expect(audit.map((a) => a.action)).toContain('wave.results_published');

    expect((await staff.request('PUT', `/api/waves/${wave.waveId}/results/published`, { published: false })).statusCode).toBe(200);
    expect((await t.client().get(`/api/study/waves/${wave.code}/results`)).statusCode).toBe(404);
  });

  it('a draft wave cannot publish results', async () => {
    const draft = await createSmallWave(t, { status: 'draft' }, shippedQuestionnaire());
    const res = await staff.request('PUT', `/api/waves/${draft.waveId}/results/published`, { published: true });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toContain('Entwurf');
  });

  describe('staff-set margins', () => {
    const body = (margins: Record<string, Record<string, number>>) => ({
      title: 'Zensus 2022, Bevölkerung ab 16 Jahren',
      source: 'Statistisches Landesamt Sachsen',
      licence: 'Datenlizenz Deutschland – Namensnennung – 2.0',
      margins,
    });

    it('rejects margins whose variables add up to different totals, and stores nothing', async () => {
      const res = await staff.request(
        'PUT',
        `/api/waves/${wave.waveId}/margins`,
        body({ sex: { '1': 100, '2': 100 }, age_band: { '1': 50, '2': 50, '3': 50, '4': 50, '5': 1 } }),
      );
      expect(res.statusCode).toBe(400);
      const fields = res.json().error.fields as { path: string; message: string }[];
      expect(fields.map((f) => f.message).join(' ')).toContain('weicht von der Summe');
      const now = await analyst.get(`/api/waves/${wave.waveId}/margins`);
      expect(now.json().custom).toBe(false);
    });

    it('rejects a level that is no answer code and a variable the questionnaire does not ask', async () => {
      const res = await staff.request(
        'PUT',
        `/api/waves/${wave.waveId}/margins`,
        body({ sex: { '1': 100, '7': 100 }, einkommen: { '1': 200 } }),
      );
      expect(res.statusCode).toBe(400);
      const messages = (res.json().error.fields as { message: string }[]).map((f) => f.message).join(' ');
      expect(messages).toContain('„7“ ist kein Antwortcode');
      expect(messages).toContain('„einkommen“ ist keine Gewichtungsvariable');
      expect((await staff.request('PUT', `/api/waves/${wave.waveId}/margins`, body({ sex: { '1': -5, '2': 10 } }))).statusCode).toBe(400);
    });

    it('analysts cannot change margins', async () => {
      expect((await analyst.request('PUT', `/api/waves/${wave.waveId}/margins`, body({ sex: { '1': 1, '2': 1 } }))).statusCode).toBe(403);
    });

    it('valid margins replace the official table for this wave and the weights reach their totals', async () => {
      const res = await staff.request(
        'PUT',
        `/api/waves/${wave.waveId}/margins`,
        body({ sex: { '1': 600, '2': 400 }, age_band: { '1': 200, '2': 200, '3': 200, '4': 200, '5': 200 } }),
      );
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().custom).toBe(true);
      const r = await results();
      expect(r.margins).toMatchObject({ custom: true, title: 'Zensus 2022, Bevölkerung ab 16 Jahren', variables: ['sex', 'age_band'] });
      expect(r.weights!.sum).toBeCloseTo(1000, 6);
      const sex = r.questions.find((q) => q.name === 'sex')!;
      expect(sex.levels.find((l) => l.code === 1)!.estimate!).toBeCloseTo(0.6, 6);
      // Respondents outside the five districts are no longer excluded: district is not a weighting variable now.
      expect(r.excluded).toEqual([]);
      const audit = await t.database.db.selectFrom('audit_event').select('action').where('target_id', '=', wave.waveId).execute();
      expect(audit.map((a) => a.action)).toContain('wave.margins_set');
    });
  });

  it('a questionnaire without the weighting variables gives unweighted results and says why', async () => {
    const small = await createSmallWave(t);
    const res = await t.client().post(`/api/study/waves/${small.code}/responses`, {
      channel: 'online',
      responses: Array.from({ length: 6 }, (_, i) => ({
        id: randomUUID(),
        versionId: small.versionId,
        answers: { zustimmung: 1 + (i % 5) },
      })),
    });
    expect(res.json().results.every((x: { status: string }) => x.status === 'stored')).toBe(true);
    const r = (await analyst.get(`/api/waves/${small.waveId}/results`)).json() as WaveResults;
    expect(r.weighted).toBe(false);
    expect(r.weightingProblem).toContain('„district“');
    expect(r.indices[0]!.overall.estimate).toBeCloseTo(16 / 6, 10); // 1, 2, 3, 4, 5, 1
    expect(r.indices[0]!.overall.n).toBe(6);
  });
});
