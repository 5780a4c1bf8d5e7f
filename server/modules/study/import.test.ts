import { createHash, randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { MAX_IMPORT_ROWS, type ImportBody } from '../../../contracts/study-admin.ts';
import { AppError } from '../../errors.ts';
import { useTestApp, type TestClient } from '../../test/test-app.ts';
import { createImportService, derivedResponseId } from './import.service.ts';
import { canonicalJson } from './response.service.ts';
import { createSmallWave } from './study.fixtures.ts';

/** A questionnaire with every importable question type (codes are integers, as our rules demand). */
const RICH_DEFINITION = {
  pages: [
    {
      name: 'seite_1',
      elements: [
        {
          type: 'radiogroup',
          name: 'wohnort',
          isRequired: true,
          choices: [
            { value: 1, text: { default: 'Stadt Chemnitz', en: 'City of Chemnitz' } },
            { value: 2, text: { default: 'Erzgebirgskreis, Süd', en: 'Ore Mountains, south' } },
            { value: 98, text: { default: 'weiß nicht', en: "don't know" } },
          ],
        },
        {
          type: 'checkbox',
          name: 'hilfe',
          choices: [
            { value: 1, text: { default: 'Bus und Bahn', en: 'bus and train' } },
            { value: 2, text: { default: 'Radwege', en: 'cycle paths' } },
            { value: 3, text: { default: 'ja, sicher', en: 'yes, surely' } },
          ],
        },
        { type: 'rating', name: 'note', rateMin: 1, rateMax: 5 },
        { type: 'boolean', name: 'pendelt', labelTrue: { default: 'pendle', en: 'commute' } },
        {
          type: 'dropdown',
          name: 'alter',
          choices: [
            { value: 1, text: { default: '16 bis 24 Jahre', en: '16 to 24 years' } },
            { value: 2, text: { default: '25 bis 44 Jahre', en: '25 to 44 years' } },
          ],
        },
        {
          type: 'matrix',
          name: 'vertrauen',
          rows: [
            { value: 'land', text: 'Landesregierung' },
            { value: 'stadt', text: 'Stadtverwaltung' },
          ],
          columns: [
            { value: 1, text: { default: 'gering', en: 'low' } },
            { value: 2, text: { default: 'hoch', en: 'high' } },
          ],
        },
        { type: 'comment', name: 'warum', visibleIf: '{wohnort} = 98', maxLength: 2000 },
        { type: 'text', name: 'idee', maxLength: 2000 },
      ],
    },
  ],
};

describe('importing answers from a file', () => {
  const t = useTestApp();
  let staff: TestClient;
  let small: Awaited<ReturnType<typeof createSmallWave>>;
  let rich: { waveId: string; versionId: string };

  beforeAll(async () => {
    staff = (await t.signIn({ role: 'staff', org: 'amz' })).client;
    small = await createSmallWave(t, { channels: ['online', 'import'] });
    const created = await t.app.services.studies.createStudy({
      slug: `importstudie-${Math.random().toString(36).slice(2, 8)}`,
      title: 'Importstudie',
      description: 'Für Tests des Imports',
      organisationId: await t.orgId('cwe'),
      definition: RICH_DEFINITION,
      wave: {
        name: 'Papierbögen',
        opensOn: '2026-03-01',
        closesOn: '2026-04-30',
        status: 'closed',
        channels: ['import'],
        consentDe: 'Anonym.',
        consentEn: 'Anonymous.',
        districts: ['14511'],
      },
    });
    rich = { waveId: created.waveId, versionId: created.versionId };
  });

  const fileHash = () => createHash('sha256').update(randomUUID()).digest('hex');
  const importInto = (waveId: string, body: ImportBody, client = staff) => client.post(`/api/waves/${waveId}/import`, body);
  const stored = (waveId: string) => t.database.db.selectFrom('response').selectAll().where('wave_id', '=', waveId).orderBy('id').execute();
  /** Rows of a file whose only column is the small questionnaire's "zustimmung" (plus optional others). */
  const smallFile = (cells: Record<string, string | number | null>[], extra: Partial<ImportBody> = {}): ImportBody => ({
    fileHash: fileHash(),
    mapping: { Zustimmung: 'zustimmung', Idee: 'idee', Warum: 'warum' },
    rows: cells.map((c, i) => ({ row: i + 2, cells: c })),
    ...extra,
  });

  it('stores valid rows in the shape of every other channel: import channel, today, no paradata', async () => {
    const body = smallFile([{ Zustimmung: '4' }, { Zustimmung: 5, Idee: 'Mehr Busse' }, { Zustimmung: '1', Warum: 'Stellenabbau' }]);
    const res = await importInto(small.waveId, body);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ stored: 3, duplicate: 0, conflict: 0, rejected: [] });

    const row = (await stored(small.waveId)).find((r) => r.id === derivedResponseId(body.fileHash, 3))!;
    expect(row).toMatchObject({
      channel: 'import',
      received_on: '2026-03-02',
      collected_on: null,
      paradata: '{}',
      version_id: small.versionId,
    });
    expect(JSON.parse(row.answers)).toEqual({ idee: 'Mehr Busse', zustimmung: 5 });
    const expectedHash = createHash('sha256')
      .update(`${small.versionId}\n${canonicalJson({ zustimmung: 5, idee: 'Mehr Busse' })}`)
      .digest('hex');
    expect(row.content_hash).toBe(expectedHash);
  });

  it('derives row ids as UUIDs from the file hash and the row number', () => {
    const hash = 'c'.repeat(64);
    const id = derivedResponseId(hash, 7);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(derivedResponseId(hash, 7)).toBe(id);
    expect(derivedResponseId(hash, 8)).not.toBe(id);
    expect(derivedResponseId('d'.repeat(64), 7)).not.toBe(id);
  });

  it('maps German and English labels, codes, lists, yes/no words and matrix rows to the questionnaire codes', async () => {
    const body: ImportBody = {
      fileHash: fileHash(),
      mapping: {
        Ort: 'wohnort',
        Hilfe: 'hilfe',
        Note: 'note',
        Pendelt: 'pendelt',
        Alter: 'alter',
        'Vertrauen Land': 'vertrauen.land',
        'Vertrauen Stadt': 'vertrauen.stadt',
      },
      rows: [
        {
          row: 2,
          cells: {
            Ort: '  stadt chemnitz ',
            Hilfe: 'Bus und Bahn; RADWEGE',
            Note: '3',
            Pendelt: 'Ja',
            Alter: '25 to 44 years',
            'Vertrauen Land': 'hoch',
          },
        },
        { row: 3, cells: { Ort: 'Ore Mountains, south', Hilfe: '1,2', Note: 5, Pendelt: 'nein', 'Vertrauen Stadt': 'low' } },
        { row: 4, cells: { Ort: '2', Hilfe: 'ja, sicher', Pendelt: 'pendle', Alter: '16 bis 24 jahre' } },
        { row: 5, cells: { Ort: 1, Hilfe: 'ja, sicher; 1', Pendelt: 0, 'Vertrauen Land': '1', 'Vertrauen Stadt': 2 } },
        { row: 6, cells: { Ort: '98', Pendelt: 'FALSE', Note: '', Hilfe: null } },
      ],
    };
    const res = await importInto(rich.waveId, body);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ stored: 5, rejected: [] });
    const byRow = new Map((await stored(rich.waveId)).map((r) => [r.id, JSON.parse(r.answers) as Record<string, unknown>]));
    expect(byRow.get(derivedResponseId(body.fileHash, 2))).toEqual({
      wohnort: 1,
      hilfe: [1, 2],
      note: 3,
      pendelt: true,
      alter: 2,
      vertrauen: { land: 2 },
    });
    expect(byRow.get(derivedResponseId(body.fileHash, 3))).toEqual({
      wohnort: 2,
      hilfe: [1, 2],
      note: 5,
      pendelt: false,
      vertrauen: { stadt: 1 },
    });
    expect(byRow.get(derivedResponseId(body.fileHash, 4))).toEqual({ wohnort: 2, hilfe: [3], pendelt: true, alter: 1 });
    expect(byRow.get(derivedResponseId(body.fileHash, 5))).toEqual({
      wohnort: 1,
      hilfe: [3, 1],
      pendelt: false,
      vertrauen: { land: 1, stadt: 2 },
    });
    expect(byRow.get(derivedResponseId(body.fileHash, 6))).toEqual({ wohnort: 98, pendelt: false });
  });

  it('rejects rows with unknown choices, values off the scale, missing answers or answers to hidden questions, and stores none of them', async () => {
    const before = (await stored(rich.waveId)).length;
    const body: ImportBody = {
      fileHash: fileHash(),
      mapping: { Ort: 'wohnort', Hilfe: 'hilfe', Note: 'note', Pendelt: 'pendelt', Warum: 'warum', Idee: 'idee' },
      rows: [
        { row: 2, cells: { Ort: 'Leipzig' } },
        { row: 3, cells: { Ort: '1', Note: '9' } },
        { row: 4, cells: { Idee: 'Nur eine Idee' } },
        { row: 5, cells: { Ort: '1', Warum: 'Darf es nicht geben' } },
        { row: 6, cells: { Ort: '1', Hilfe: 'Radwege; Flugtaxi' } },
        { row: 7, cells: { Ort: '1', Pendelt: 'vielleicht' } },
        { row: 8, cells: { Ort: '98', Warum: 'Sichtbar, weil weiß nicht' } },
      ],
    };
    const res = await importInto(rich.waveId, body);
    expect(res.statusCode, res.body).toBe(200);
    const result = res.json();
    expect(result.stored).toBe(1);
    expect(result.rejected.map((r: { row: number }) => r.row)).toEqual([2, 3, 4, 5, 6, 7]);
    const reasons = Object.fromEntries(result.rejected.map((r: { row: number; errors: Record<string, string> }) => [r.row, r.errors]));
    expect(reasons[2]).toEqual({ wohnort: 'Wert „Leipzig“ ist keine Antwortmöglichkeit von wohnort.' });
    expect(reasons[3].note).toBe('Wert „9“ ist keine Antwortmöglichkeit von note.');
    expect(reasons[4]).toEqual({ wohnort: 'Bitte beantworten Sie diese Frage.' });
    expect(reasons[5].warum).toMatch(/ausgeblendet/);
    expect(reasons[6]).toEqual({ hilfe: 'Wert „Flugtaxi“ ist keine Antwortmöglichkeit von hilfe.' });
    expect(reasons[7]).toEqual({ pendelt: 'Wert „vielleicht“ ist bei pendelt weder ja noch nein.' });

    const after = await stored(rich.waveId);
    expect(after).toHaveLength(before + 1);
    const ids = new Set(after.map((r) => r.id));
    for (const row of [2, 3, 4, 5, 6, 7]) expect(ids.has(derivedResponseId(body.fileHash, row))).toBe(false);
    expect(ids.has(derivedResponseId(body.fileHash, 8))).toBe(true);
  });

  it('stores nothing twice when the same file is imported again, and keeps a changed row aside as a conflict', async () => {
    const body = smallFile([{ Zustimmung: '3' }, { Zustimmung: '4', Idee: 'Werkstätten öffnen' }, { Zustimmung: 'nicht lesbar' }]);
    const first = await importInto(small.waveId, body);
    expect(first.json()).toMatchObject({ stored: 2, duplicate: 0, conflict: 0 });
    const count = (await stored(small.waveId)).length;

    const again = await importInto(small.waveId, body);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ stored: 0, duplicate: 2, conflict: 0 });
    expect(again.json().rejected).toHaveLength(1);
    expect(await stored(small.waveId)).toHaveLength(count);

    const changed = { ...body, rows: body.rows.map((r) => (r.row === 2 ? { row: 2, cells: { Zustimmung: '5' } } : r)) };
    const third = await importInto(small.waveId, changed);
    expect(third.json()).toMatchObject({ stored: 0, duplicate: 1, conflict: 1 });
    const kept = await stored(small.waveId);
    expect(kept).toHaveLength(count);
    expect(JSON.parse(kept.find((r) => r.id === derivedResponseId(body.fileHash, 2))!.answers)).toEqual({ zustimmung: 3 });
    const conflicts = await t.database.db
      .selectFrom('response_conflict')
      .selectAll()
      .where('response_id', '=', derivedResponseId(body.fileHash, 2))
      .execute();
    expect(conflicts.map((c) => JSON.parse(c.answers) as unknown)).toEqual([{ zustimmung: 5 }]);
  });

  it("uses the file's own response ids when an id column is chosen, and rejects ids that are no UUID or repeat", async () => {
    const own = randomUUID().toUpperCase();
    const body = smallFile(
      [
        { Zustimmung: '4', Nr: own },
        { Zustimmung: '4', Nr: '17' },
        { Zustimmung: '4', Nr: own.toLowerCase() },
        { Zustimmung: '4', Nr: null },
      ],
      { idColumn: 'Nr' },
    );
    const res = await importInto(small.waveId, body);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      stored: 1,
      duplicate: 0,
      conflict: 0,
      rejected: [
        { row: 3, errors: { Nr: 'Die Antwort-ID „17“ ist keine UUID.' } },
        { row: 4, errors: { Nr: 'Die Antwort-ID steht schon in Zeile 2.' } },
        { row: 5, errors: { Nr: 'Die Antwort-ID fehlt.' } },
      ],
    });
    const [row] = await t.database.db.selectFrom('response').selectAll().where('id', '=', own.toLowerCase()).execute();
    expect(row).toMatchObject({ wave_id: small.waveId, channel: 'import' });
  });

  it('keeps hostile and unusual texts byte for byte: emoji, right-to-left, combining marks, formulas, markup', async () => {
    const texts = [
      '👩🏽‍🔧 Mechatronikerin 🚗⚡',
      'مرحبا بالتغيير \u202Eabc\u202C עברית',
      'Cafe\u0301 und e\u0308 (nicht normalisiert)',
      '=HYPERLINK("http://example.org","klick")',
      '<script>alert(1)</script><img src=x onerror=alert(2)>',
      '  führende und folgende Leerzeichen  \r\nzweite Zeile\t',
      '+49 371 123; @SUMME(A1:A2); -1',
    ];
    const body = smallFile(texts.map((idee) => ({ Zustimmung: '3', Idee: idee })));
    const res = await importInto(small.waveId, body);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().stored).toBe(texts.length);
    const rows = await stored(small.waveId);
    texts.forEach((text, i) => {
      const row = rows.find((r) => r.id === derivedResponseId(body.fileHash, i + 2))!;
      const idee = (JSON.parse(row.answers) as { idee: string }).idee;
      expect(Buffer.from(idee, 'utf8').equals(Buffer.from(text, 'utf8'))).toBe(true);
    });
  });

  it('refuses a mapping to a variable the questionnaire does not have, before storing anything', async () => {
    const before = (await stored(small.waveId)).length;
    const body = smallFile([{ Zustimmung: '4' }, { Zustimmung: '5' }], { mapping: { Zustimmung: 'zustimmung', Alter: 'alter' } });
    const res = await importInto(small.waveId, body);
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({
      code: 'validation.failed',
      fields: [{ path: 'mapping.Alter', message: 'Die Frage „alter“ gibt es in diesem Fragebogen nicht.' }],
    });
    expect(await stored(small.waveId)).toHaveLength(before);
  });

  it('refuses two columns for one question, a whole matrix without its row, and repeated row numbers', async () => {
    const twice = await importInto(small.waveId, smallFile([{ A: '1', B: '2' }], { mapping: { A: 'zustimmung', B: 'zustimmung' } }));
    expect(twice.statusCode).toBe(400);
    expect(twice.json().error.fields).toEqual([
      { path: 'mapping.B', message: 'Die Frage „zustimmung“ ist schon der Spalte „A“ zugeordnet.' },
    ]);

    const matrix = await importInto(rich.waveId, {
      fileHash: fileHash(),
      mapping: { V: 'vertrauen' },
      rows: [{ row: 2, cells: { V: '1' } }],
    });
    expect(matrix.statusCode).toBe(400);
    expect(matrix.json().error.fields[0].message).toMatch(/zeilenweise/);

    const rows = await importInto(small.waveId, {
      fileHash: fileHash(),
      mapping: { Z: 'zustimmung' },
      rows: [
        { row: 2, cells: { Z: '1' } },
        { row: 2, cells: { Z: '2' } },
      ],
    });
    expect(rows.statusCode).toBe(400);
    expect(rows.json().error.fields).toEqual([{ path: 'rows.1.row', message: 'Die Zeilennummer 2 kommt mehrfach vor.' }]);
  });

  it(`refuses more than ${MAX_IMPORT_ROWS} rows as a whole`, async () => {
    const before = (await stored(small.waveId)).length;
    const rows = Array.from({ length: MAX_IMPORT_ROWS + 1 }, (_, i) => ({ row: i + 2, cells: { Z: '4' } }));
    const res = await importInto(small.waveId, { fileHash: fileHash(), mapping: { Z: 'zustimmung' }, rows });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('validation.failed');
    expect(await stored(small.waveId)).toHaveLength(before);
  });

  it('accepts imports only into waves that collect through the import channel', async () => {
    const online = await createSmallWave(t, { channels: ['online'] });
    const res = await importInto(online.waveId, smallFile([{ Zustimmung: '4' }]));
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('wave.channel_closed');
    expect(await stored(online.waveId)).toHaveLength(0);
  });

  it('is for staff and admins only', async () => {
    for (const role of ['analyst', 'company'] as const) {
      const { client } = await t.signIn({ role, org: 'ihk-chemnitz' });
      const res = await importInto(small.waveId, smallFile([{ Zustimmung: '4' }]), client);
      expect(res.statusCode, role).toBe(403);
      expect(res.json().error.code).toBe('auth.forbidden');
    }
    const anonymous = await t.client().init();
    expect((await importInto(small.waveId, smallFile([{ Zustimmung: '4' }]), anonymous)).statusCode).toBe(401);
    const admin = (await t.signIn({ role: 'admin', org: 'cwe' })).client;
    expect((await importInto(small.waveId, smallFile([{ Zustimmung: '4' }]), admin)).statusCode).toBe(200);
  });

  it('records the import in the security log, with counts and without answers', async () => {
    const body = smallFile([{ Zustimmung: '2', Warum: 'persönliche Gründe' }, { Zustimmung: 'x' }]);
    await importInto(small.waveId, body);
    const events = await t.database.db
      .selectFrom('audit_event')
      .selectAll()
      .where('action', '=', 'responses.imported')
      .where('target_id', '=', small.waveId)
      .orderBy('at')
      .execute();
    const last = events.at(-1)!;
    expect(JSON.parse(last.details)).toEqual({ stored: 1, duplicate: 0, conflict: 0, rejected: 1 });
    expect(last.details).not.toContain('persönliche');
  });

  it('stores none of the valid rows when storing fails part-way', async () => {
    const before = (await stored(small.waveId)).length;
    const failing = createImportService(
      { db: t.database.db, dialect: t.database.dialect, config: t.config, clock: () => t.now, log: t.app.log as never },
      t.app.services.responses,
      { waveForImport: async () => ({ id: small.waveId, studyId: randomUUID(), versionId: small.versionId, channels: ['import'] }) },
      {
        record: async () => {
          throw new AppError('internal');
        },
      },
    );
    await expect(
      failing.importResponses(null, small.waveId, smallFile([{ Zustimmung: '1' }, { Zustimmung: '2' }, { Zustimmung: '3' }])),
    ).rejects.toThrow('internal');
    expect(await stored(small.waveId)).toHaveLength(before);
  });
});
