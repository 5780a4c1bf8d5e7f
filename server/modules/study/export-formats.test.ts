import { execFileSync, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestApp, type TestClient } from '../../test/test-app.ts';
import { sampleAnswers } from './questionnaire/sample-answers.ts';
import { shippedQuestionnaire } from './shipped.ts';
import { createSmallWave } from './study.fixtures.ts';

const require = createRequire(import.meta.url);
const { SavBufferReader } = require('sav-reader') as {
  SavBufferReader: new (b: Buffer) => {
    open(): Promise<void>;
    meta: {
      sysvars: { name: string; label: string; type: number; missing: unknown }[];
      valueLabels: { appliesToNames: string[]; entries: { val: number; label: string }[] }[];
    };
    readAllRows(includeNulls?: boolean): Promise<Record<string, unknown>[]>;
  };
};

const SCALE = [
  { value: 1, text: 'gar nicht' },
  { value: 2, text: 'eher nicht' },
  { value: 3, text: 'teils, teils' },
  { value: 4, text: 'eher ja' },
  { value: 5, text: 'voll und ganz' },
  { value: 98, text: 'weiß nicht' },
  { value: 99, text: 'keine Angabe' },
];

const DEFINITION = {
  pages: [
    {
      name: 'seite_1',
      elements: [
        {
          type: 'radiogroup',
          name: 'zufrieden',
          title: 'Wie zufrieden sind Sie mit Ihrer Straße?',
          scale: 'lebensqualitaet',
          choices: SCALE,
        },
        { type: 'radiogroup', name: 'wegzug', title: 'Ich möchte wegziehen.', scale: 'lebensqualitaet', reverse: true, choices: SCALE },
        {
          type: 'checkbox',
          name: 'verkehr',
          title: 'Verkehrsmittel',
          choices: [
            { value: 1, text: 'Bus' },
            { value: 2, text: 'Fahrrad' },
            { value: 3, text: 'zu Fuß' },
          ],
        },
        { type: 'comment', name: 'idee', title: 'Ihre Idee für Zwickau', maxLength: 2000 },
      ],
    },
  ],
};

const TITLE_MARKUP = ' <script>alert("x")</script>';

const ANSWERS = [
  { zufrieden: 4, wegzug: 2, verkehr: [1, 3], idee: '=1+1' },
  { zufrieden: 98, wegzug: 99, idee: 'Grüße aus Plauen – schön 👩‍🔧' },
  { zufrieden: 1, verkehr: [2], idee: 'ä'.repeat(200) },
];

/** A deterministic generator (tests must not flake). */
function seeded(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
}

describe('exports as Excel, SPSS and codebook', () => {
  const t = useTestApp();
  let analyst: TestClient;
  let wave: { code: string; versionId: string; waveId: string };
  let weighted: { code: string; versionId: string; waveId: string };
  const ids: string[] = [];
  const dir = mkdtempSync(path.join(tmpdir(), 'itas-export-'));

  beforeAll(async () => {
    analyst = (await t.signIn({ role: 'analyst' })).client;
    wave = await createSmallWave(t, {}, DEFINITION);
    const responses = ANSWERS.map((answers) => ({ id: randomUUID(), versionId: wave.versionId, answers }));
    ids.push(...responses.map((r) => r.id));
    const res = await t.client().post(`/api/study/waves/${wave.code}/responses`, { channel: 'online', responses });
    expect(res.json<{ counts: { stored: number } }>().counts.stored, res.body).toBe(3);
    // The questionnaire rules refuse markup when a questionnaire is saved; texts that got in some
    // other way (an old version, an import) must still come out escaped.
    const withMarkup = structuredClone(DEFINITION);
    withMarkup.pages[0]!.elements[0]!.title += TITLE_MARKUP;
    await t.database.db
      .updateTable('questionnaire_version')
      .set({ definition: JSON.stringify(withMarkup) })
      .where('id', '=', wave.versionId)
      .execute();

    weighted = await createSmallWave(t, {}, shippedQuestionnaire());
    const next = sampleAnswers(shippedQuestionnaire(), seeded(7));
    const districts = [14511, 14521, 14522, 14524, 14523, 0];
    const people = Array.from({ length: 60 }, (_, i) => {
      const a = next();
      Object.assign(a, {
        district: districts[i % districts.length],
        sex: 1 + (Math.floor(i / 6) % 2),
        age_band: 1 + (Math.floor(i / 12) % 5),
      });
      return { id: randomUUID(), versionId: weighted.versionId, answers: a };
    });
    const sent = await t.client().post(`/api/study/waves/${weighted.code}/responses`, { channel: 'online', responses: people });
    expect(sent.json<{ counts: { stored: number } }>().counts.stored, sent.body).toBe(60);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const download = async (url: string) => {
    const res = await analyst.get(url);
    expect(res.statusCode, res.body).toBe(200);
    return res;
  };

  it('writes an Excel workbook: numbers as numbers, formula-looking text as text, bold frozen header, weight and codebook sheet', async () => {
    const res = await download(`/api/waves/${wave.waveId}/responses.xlsx`);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers['content-disposition']).toMatch(
      new RegExp(`^attachment; filename="itas-${wave.code}-\\d{4}-\\d\\d-\\d\\d\\.xlsx"$`),
    );
    const file = path.join(dir, 'a.xlsx');
    writeFileSync(file, res.rawPayload);
    // No formula anywhere in the sheet's XML.
    const xml = execFileSync('unzip', ['-p', file, 'xl/worksheets/sheet1.xml']).toString();
    expect(xml).not.toMatch(/<f[ >]/);

    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('Antworten')!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual([
      'response_id',
      'channel',
      'received_on',
      'collected_on',
      'zufrieden',
      'wegzug',
      'verkehr_1',
      'verkehr_2',
      'verkehr_3',
      'idee',
      'gewicht',
    ]);
    expect(sheet.getRow(1).font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.rowCount).toBe(4);
    const rows = new Map<string, ExcelJS.Row>();
    for (let r = 2; r <= 4; r++) rows.set(sheet.getRow(r).getCell(1).text, sheet.getRow(r));
    const first = rows.get(ids[0]!)!;
    expect(first.getCell(5).value).toBe(4);
    expect(first.getCell(5).type).toBe(ExcelJS.ValueType.Number);
    expect([7, 8, 9].map((c) => first.getCell(c).value)).toEqual([1, 0, 1]);
    expect(first.getCell(10).value).toBe('=1+1');
    expect(first.getCell(10).type).toBe(ExcelJS.ValueType.String);
    expect(first.getCell(10).formula).toBeUndefined();
    expect(first.getCell(11).value).toBeNull();
    expect(rows.get(ids[1]!)!.getCell(10).value).toBe('Grüße aus Plauen – schön 👩‍🔧');
    expect(rows.get(ids[1]!)!.getCell(7).value).toBeNull();

    const codebook = book.getWorksheet('Codebuch')!;
    const lines = codebook
      .getSheetValues()
      .filter(Array.isArray)
      .map((r) => r.slice(1).join(' | '));
    expect(lines.find((l) => l.startsWith('zufrieden |'))).toContain('98 = weiß nicht; 99 = keine Angabe');
    expect(lines.find((l) => l.startsWith('wegzug |'))).toContain('umgepolt');
    expect(lines.find((l) => l.startsWith('gewicht |'))).toBeTruthy();
  });

  it('puts the raking weight into every format, empty for respondents who cannot be weighted', async () => {
    const res = await download(`/api/waves/${weighted.waveId}/responses.xlsx`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('Antworten')!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    const wCol = header.indexOf('gewicht') + 1;
    const dCol = header.indexOf('district') + 1;
    const xlsxWeights = new Map<string, unknown>();
    for (let r = 2; r <= sheet.rowCount; r++) {
      const row = sheet.getRow(r);
      const w = row.getCell(wCol).value;
      xlsxWeights.set(row.getCell(1).text, w);
      if (row.getCell(dCol).value === 0) expect(w).toBeNull();
      else expect(typeof w === 'number' && w > 0, `${row.getCell(dCol).text} ${JSON.stringify(w)}`).toBe(true);
    }
    expect(xlsxWeights.size).toBe(60);

    const csv = (await download(`/api/waves/${weighted.waveId}/responses.csv`)).body.slice(1).split('\r\n');
    const csvHeader = csv[0]!.split(';');
    expect(csvHeader.at(-1)).toBe('gewicht');
    for (const line of csv.slice(1, -1)) {
      const cells = line.split(';');
      const w = xlsxWeights.get(cells[0]!);
      expect(cells.at(-1)).toBe(w === null ? '' : String(w as number));
    }

    const sav = new SavBufferReader((await download(`/api/waves/${weighted.waveId}/responses.sav`)).rawPayload);
    await sav.open();
    for (const row of await sav.readAllRows()) {
      const w = xlsxWeights.get(String(row.response_id));
      if (w === null) expect(row.gewicht).toBeUndefined();
      else expect(row.gewicht).toBeCloseTo(w as number, 9);
    }
  });

  it('writes an SPSS file that sav-reader reads back: labels, values, umlauts, missing codes, cut open answers', async () => {
    const res = await download(`/api/waves/${wave.waveId}/responses.sav`);
    expect(res.headers['content-type']).toBe('application/x-spss-sav');
    const sav = new SavBufferReader(res.rawPayload);
    await sav.open();
    const vars = new Map(sav.meta.sysvars.map((v) => [v.name, v]));
    expect(vars.get('zufrieden')?.label).toBe('Wie zufrieden sind Sie mit Ihrer Straße? <script>alert("x")</script>');
    expect(vars.get('zufrieden')?.missing).toEqual([98, 99]);
    expect(vars.get('verkehr_3')?.label).toBe('Verkehrsmittel – zu Fuß');
    const labels = sav.meta.valueLabels.find((l) => l.appliesToNames.includes('zufrieden'))!;
    expect(labels.entries).toContainEqual({ val: 98, label: 'weiß nicht' });
    const rows = new Map((await sav.readAllRows()).map((r) => [String(r.response_id), r]));
    expect(rows.size).toBe(3);
    expect(rows.get(ids[0]!)).toMatchObject({ zufrieden: 4, wegzug: 2, verkehr_1: 1, verkehr_2: 0, idee: '=1+1', channel: 'online' });
    // sav-reader decodes strings 8 bytes at a time and breaks characters that straddle them: PSPP checks that text.
    expect(rows.get(ids[1]!)).toMatchObject({ zufrieden: 98, wegzug: 99 });
    expect(rows.get(ids[1]!)!.verkehr_1).toBeUndefined();
    // 200 × "ä" is 400 bytes: cut to 255 bytes on a character boundary, 127 whole characters.
    expect(rows.get(ids[2]!)!.idee).toBe('ä'.repeat(127));
  });

  const pspp = spawnSync('pspp', ['--version']).status === 0;
  it.skipIf(!pspp)(
    'PSPP reads the SPSS file: variable and value labels, umlauts, values, user-missing codes (skipped: pspp not installed)',
    async () => {
      const res = await download(`/api/waves/${wave.waveId}/responses.sav`);
      const file = path.join(dir, 'a.sav');
      writeFileSync(file, res.rawPayload);
      writeFileSync(
        path.join(dir, 'a.sps'),
        `GET FILE='${file}'.\nDISPLAY DICTIONARY.\nLIST VARIABLES=zufrieden wegzug verkehr_1 idee.\nFREQUENCIES zufrieden.\n`,
      );
      const out = execFileSync('pspp', ['-O', 'format=csv', path.join(dir, 'a.sps')], { encoding: 'utf8' });
      expect(out).not.toMatch(/error|warning/i);
      expect(out).toContain('zufrieden,5,"Wie zufrieden sind Sie mit Ihrer Straße? <script>alert(""x"")</script>",Ordinal');
      expect(out).toMatch(/zufrieden,5,.*F8\.0,F8\.0,98; 99/);
      expect(out).toMatch(/verkehr_3,\d+,Verkehrsmittel – zu Fuß,Nominal/);
      expect(out).toMatch(/gewicht,\d+,Gewicht .*,Scale/);
      expect(out).toContain(',98[a],weiß nicht');
      expect(out).toContain('4,2,1,=1+1');
      expect(out).toContain('98,99,.,Grüße aus Plauen – schön 👩‍🔧');
      // 98 and 99 are counted as missing, not as valid answers.
      expect(out).toMatch(/Missing,weiß nicht,1,/);
      expect(out).toMatch(/N,Valid,2\b/);
    },
  );

  it('serves a printable codebook that escapes questionnaire texts', async () => {
    const res = await download(`/api/waves/${wave.waveId}/codebook`);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['content-security-policy']).toContain("style-src 'self' 'unsafe-inline'");
    expect(res.headers['content-security-policy']).not.toMatch(/script-src[^;]*unsafe-inline/);
    const html = res.body;
    expect(html).not.toContain('<script>');
    expect(html).toContain('Straße? &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(html).toContain('@media print');
    expect(html).toContain('<dt>Antworten (n)</dt><dd>3</dd>');
    expect(html).toContain('2026-03-01 bis 2026-04-30');
    expect(html).toMatch(/<code>wegzug<\/code> Ich möchte wegziehen\. <strong>\(umgepolt\)<\/strong>/);
    expect(html).toContain('<code>gewicht</code>');
    expect(html).toContain('in der SPSS-Datei auf 255 Bytes');
  });

  it('writes an audit entry per export with its format; only the team may export; unknown waves are 404', async () => {
    const audit = await t.database.db
      .selectFrom('audit_event')
      .selectAll()
      .where('action', '=', 'export.created')
      .where('target_id', '=', wave.waveId)
      .execute();
    const formats = audit.map((a) => (JSON.parse(String(a.details)) as { format: string }).format);
    expect(formats).toEqual(expect.arrayContaining(['xlsx', 'sav']));

    const company = (await t.signIn({ role: 'company', org: 'amz' })).client;
    for (const suffix of ['responses.xlsx', 'responses.sav', 'codebook']) {
      expect((await company.get(`/api/waves/${wave.waveId}/${suffix}`)).statusCode).toBe(403);
      expect((await t.client().get(`/api/waves/${wave.waveId}/${suffix}`)).statusCode).toBe(401);
      const missing = await analyst.get(`/api/waves/${randomUUID()}/${suffix}`);
      expect(missing.statusCode).toBe(404);
      expect(missing.json()).toMatchObject({ error: { code: 'wave.unknown' } });
    }
  });
});
