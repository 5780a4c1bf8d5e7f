import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp, type TestClient } from '../../test/test-app.ts';
import { createSmallWave } from './study.fixtures.ts';

const CHOICE_DEFINITION = {
  pages: [
    {
      name: 'seite_1',
      elements: [
        { type: 'radiogroup', name: 'zustimmung', isRequired: true, choices: [1, 2, 3, 4, 5, 98] },
        { type: 'checkbox', name: 'verkehr', choices: [1, 2, 3] },
        { type: 'comment', name: 'idee', maxLength: 2000 },
      ],
    },
  ],
};

/** Parses what the export wrote (RFC 4180, the separator given) back into rows of cells. */
function parseCsv(text: string, sep: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === sep) {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += ch;
  }
  return rows;
}

describe('exporting responses as CSV', () => {
  const t = useTestApp();
  let analyst: TestClient;
  let wave: { code: string; versionId: string; waveId: string };
  const send = (answers: object) =>
    t.client().post(`/api/study/waves/${wave.code}/responses`, {
      channel: 'online',
      responses: [{ id: randomUUID(), versionId: wave.versionId, answers }],
    });

  beforeAll(async () => {
    analyst = (await t.signIn({ role: 'analyst' })).client;
    wave = await createSmallWave(t);
  });

  it('writes one row per response with BOM, semicolons, quoting, and defused formulas', async () => {
    const texts = [
      '=HYPERLINK("http://böse.example","klick")',
      'Satz; mit "Anführung"\nund Zeilenumbruch',
      'مرحبا 👩‍🔧 e\u0301',
      '+49 170',
      '@SUMME(A1)',
    ];
    for (const idee of texts) expect((await send({ zustimmung: 4, idee })).statusCode).toBe(201);
    const res = await analyst.get(`/api/waves/${wave.waveId}/responses.csv`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(new RegExp(`^attachment; filename="itas-${wave.code}-2026-03-02\\.csv"$`));
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body.startsWith('\uFEFF')).toBe(true);
    const [header, ...rows] = parseCsv(res.body.slice(1), ';');
    expect(header).toEqual(['response_id', 'channel', 'received_on', 'collected_on', 'zustimmung', 'warum', 'idee', 'gewicht']);
    expect(rows).toHaveLength(5);
    const ideas = rows.map((r) => r[6]).sort();
    expect(ideas).toEqual(
      [
        "'+49 170",
        '\'=HYPERLINK("http://böse.example","klick")',
        "'@SUMME(A1)",
        'Satz; mit "Anführung"\nund Zeilenumbruch',
        'مرحبا 👩‍🔧 e\u0301',
      ].sort(),
    );
    expect(rows.every((r) => r[1] === 'online' && r[2] === '2026-03-02' && r[4] === '4')).toBe(true);
    const audit = await t.database.db.selectFrom('audit_event').selectAll().where('action', '=', 'export.created').execute();
    expect(audit.map((a) => a.target_id)).toContain(wave.waveId);
  });

  it('splits checkbox questions into 0/1 columns and pages through large waves without losing or repeating a row', async () => {
    const study = await t.app.services.studies.createStudy({
      slug: `export-${randomUUID().slice(0, 8)}`,
      title: 'Exporttest',
      description: '',
      organisationId: await t.orgId('cwe'),
      definition: CHOICE_DEFINITION,
      wave: {
        name: 'Welle',
        opensOn: '2026-03-01',
        closesOn: '2026-04-30',
        status: 'open',
        channels: ['online'],
        consentDe: 'x',
        consentEn: 'x',
        districts: ['14511'],
      },
    });
    const responses = Array.from({ length: 2500 }, (_, i) => ({
      id: randomUUID(),
      versionId: study.versionId,
      answers: i % 2 ? { zustimmung: 2, verkehr: [1, 3] } : { zustimmung: 5 },
    }));
    for (let i = 0; i < responses.length; i += 1000)
      await t.client().post(`/api/study/waves/${study.code}/responses`, { channel: 'online', responses: responses.slice(i, i + 1000) });
    const res = await analyst.get(`/api/waves/${study.waveId}/responses.csv?separator=comma`);
    const [header, ...rows] = parseCsv(res.body.slice(1), ',');
    expect(header!.slice(4)).toEqual(['zustimmung', 'verkehr_1', 'verkehr_2', 'verkehr_3', 'idee', 'gewicht']);
    expect(rows).toHaveLength(2500);
    expect(rows.map((r) => r[0]).sort()).toEqual(responses.map((r) => r.id).sort());
    const byId = new Map(rows.map((r) => [r[0], r]));
    const withTraffic = responses.find((r) => 'verkehr' in r.answers)!;
    expect(byId.get(withTraffic.id)!.slice(4, 8)).toEqual(['2', '1', '0', '1']);
    const without = responses.find((r) => !('verkehr' in r.answers))!;
    expect(byId.get(without.id)!.slice(4, 8)).toEqual(['5', '', '', '']);
  });

  it('is for the team only: companies are refused, anonymous callers must sign in, unknown waves are 404', async () => {
    const company = (await t.signIn({ role: 'company', org: 'amz' })).client;
    expect((await company.get(`/api/waves/${wave.waveId}/responses.csv`)).statusCode).toBe(403);
    expect((await t.client().get(`/api/waves/${wave.waveId}/responses.csv`)).statusCode).toBe(401);
    expect((await analyst.get(`/api/waves/${randomUUID()}/responses.csv`)).statusCode).toBe(404);
  });
});
