import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { strToU8, zipSync } from 'fflate';
import { loadCredentials } from './credentials.ts';
import { signIn } from './helpers.ts';

// Staff bring in answers collected elsewhere (paper questionnaires typed into a spreadsheet).
const WAVE = 'resilienz2026';

interface Question {
  name: string;
  type: string;
  choices?: { value: number; text: { default: string; en: string } }[];
}

/** The shipped questionnaire's questions, read from the same file the server seeds. */
function questions(): Question[] {
  const definition = JSON.parse(
    readFileSync(new URL('../server/modules/study/questionnaires/resilienz-studie-suedwestsachsen.json', import.meta.url), 'utf8'),
  ) as { pages: { elements: Question[] }[] };
  return definition.pages.flatMap((p) => p.elements);
}

async function shot(page: Page, name: string) {
  await page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: true });
}

async function signInAsStaff(page: Page) {
  const { staff } = loadCredentials();
  await signIn(page, staff);
}

/** The demo wave's id, as staff see it through the API. */
async function demoWaveId(page: Page): Promise<string> {
  const studies = (await (await page.request.get('/api/studies')).json()) as { items: { id: string }[] };
  for (const study of studies.items) {
    const detail = (await (await page.request.get(`/api/studies/${study.id}`)).json()) as { waves: { id: string; code: string }[] };
    const wave = detail.waves.find((w) => w.code === WAVE);
    if (wave) return wave.id;
  }
  throw new Error(`Die Demowelle ${WAVE} fehlt.`);
}

const cell = (value: string) => (/[;"\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

test('Mitarbeitende importieren Papierbögen aus einer CSV-Datei und laden den Fehlerbericht herunter', async ({ page }) => {
  const qs = questions();
  const run = Date.now().toString(36);
  // The sex column has another name than the variable: it is mapped by hand; "Bemerkung" stays out.
  const headers = qs.map((q) => (q.name === 'sex' ? 'Geschlecht' : q.name)).concat('Bemerkung');
  const row = (values: Record<string, string>) => headers.map((h) => cell(values[h] ?? '')).join(';');
  const valid = (sex: string, extra: Record<string, string> = {}) => {
    const values: Record<string, string> = { Geschlecht: sex, Bemerkung: 'Bogen aus dem Bürgerforum' };
    for (const q of qs) {
      if (q.type === 'radiogroup' || q.type === 'checkbox') values[q.name] = String(q.choices![0]!.value);
    }
    values.commute_mode = '1';
    return { ...values, ...extra };
  };
  const csv = [
    headers.join(';'),
    row(valid('weiblich', { district: 'Stadt Chemnitz', open_idea: `Mehr Busse am Abend (${run})` })),
    row(valid('male', { responsibility: 'Landes- und Bundespolitik; 2', open_worry: `Arbeitsplätze 👩🏽‍🔧 (${run})` })),
    row(valid('3', { open_idea: `Papierbogen ${run}` })),
    row(valid('2', { district: 'Leipzig', open_idea: '=HYPERLINK("http://example.org";"klick")' })),
    row(valid('', { open_idea: `ohne Geschlecht ${run}` })),
  ].join('\r\n');

  await signInAsStaff(page);
  const waveId = await demoWaveId(page);
  await page.goto(`/verwaltung/wellen/${waveId}/import`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Antworten importieren');

  // 1. The file: read in the browser.
  await page.getByLabel('Datei (CSV oder Excel-XLSX)').setInputFiles({
    name: 'papierboegen.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(`\uFEFF${csv}`, 'utf8'),
  });
  await expect(page.getByText(`„papierboegen.csv“ gelesen: 5 Zeilen mit ${headers.length} Spalten.`)).toBeVisible();

  // 2. Mapping: named columns are mapped already; "Geschlecht" by hand.
  await expect(page.getByText(`${qs.length - 1} von ${headers.length} Spalten zugeordnet.`)).toBeVisible();
  await page.getByLabel('Frage für die Spalte „Geschlecht“').selectOption('sex');
  await expect(page.getByText(`${qs.length} von ${headers.length} Spalten zugeordnet.`)).toBeVisible();
  await shot(page, '01-zuordnung');

  // 3. Preview: labels become codes; the unknown district is flagged before anything is sent.
  const preview = page.getByRole('region', { name: 'Vorschau der ersten 5 Zeilen' });
  await expect(
    preview
      .getByRole('row', { name: /^district/ })
      .getByRole('cell')
      .first(),
  ).toHaveText('14511 (Stadt Chemnitz)');
  const sex = preview.getByRole('row', { name: /^sex Geschlecht/ }).getByRole('cell');
  await expect(sex).toHaveText(['2 (weiblich)', '1 (männlich)', '3 (divers)', '2 (weiblich)', /leer/]);
  await expect(preview.getByText('„Leipzig“ passt zu keiner Antwortmöglichkeit')).toBeVisible();
  await expect(page.getByText('In 1 Zeile passt ein Wert zu keiner Antwortmöglichkeit.', { exact: false })).toBeVisible();
  await shot(page, '02-vorschau');

  // 4. Import, 5. result: three stored, two rejected with reasons.
  await page.getByRole('button', { name: '5 Zeilen importieren' }).click();
  await expect(page.getByRole('heading', { name: '5. Ergebnis' })).toBeFocused();
  await expect(page.getByText('3 Antworten gespeichert')).toBeVisible();
  await expect(page.getByText('2 Zeilen abgelehnt')).toBeVisible();
  const rejected = page.getByRole('region', { name: 'Abgelehnte Zeilen' });
  await expect(rejected.getByRole('row', { name: /^5 / })).toContainText(
    'district: Wert „Leipzig“ ist keine Antwortmöglichkeit von district.',
  );
  await expect(rejected.getByRole('row', { name: /^6 / })).toContainText('sex: Bitte beantworten Sie diese Frage.');
  await shot(page, '03-ergebnis');

  // The report: the rejected rows as in the file plus reasons, ready for Excel.
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Fehlerbericht herunterladen (CSV)' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('fehlerbericht-papierboegen.csv');
  const report = readFileSync(await download.path(), 'utf8');
  expect(report.startsWith('\uFEFFZeile;district;Geschlecht;')).toBe(true);
  const lines = report.slice(1).trim().split('\r\n');
  expect(lines).toHaveLength(3);
  expect(lines[1]).toMatch(/^5;Leipzig;2;/);
  expect(lines[1]).toContain(`"'=HYPERLINK(""http://example.org"";""klick"")"`);
  expect(lines[1]).toContain('district: Wert „Leipzig“ ist keine Antwortmöglichkeit von district.');
  expect(lines[2]).toMatch(/^6;14511;;/);

  // The same file again stores nothing twice.
  await page.getByRole('button', { name: 'Weitere Datei importieren' }).click();
  await page.getByLabel('Datei (CSV oder Excel-XLSX)').setInputFiles({
    name: 'papierboegen.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(`\uFEFF${csv}`, 'utf8'),
  });
  await page.getByLabel('Frage für die Spalte „Geschlecht“').selectOption('sex');
  await page.getByRole('button', { name: '5 Zeilen importieren' }).click();
  await expect(page.getByText('0 Antworten gespeichert')).toBeVisible();
  await expect(page.getByText('3 Antworten waren schon gespeichert (Duplikate)')).toBeVisible();
});

test('eine große Excel-Datei wird im Browser gelesen, eine falsche Datei klar abgelehnt', async ({ page }) => {
  await signInAsStaff(page);
  await page.goto(`/verwaltung/wellen/${await demoWaveId(page)}/import`);
  const input = page.getByLabel('Datei (CSV oder Excel-XLSX)');

  await input.setInputFiles({ name: 'notizen.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7 …') });
  await expect(page.getByRole('alert').filter({ hasText: 'Diese Datei ist weder CSV noch XLSX.' })).toBeVisible();

  // Large enough that its sheet unpacks to about a megabyte (readers that unzip in Blob workers stall here).
  const rows = 6000;
  const columns = ['district', 'vb_01', 'vb_02', 'vb_03', 'vb_04'];
  const letter = (i: number) => String.fromCharCode(65 + i);
  let sheet = '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">';
  sheet += columns.map((c, i) => `<c r="${letter(i)}1" t="inlineStr"><is><t>${c}</t></is></c>`).join('') + '</row>';
  for (let r = 2; r <= rows + 1; r++) {
    sheet += `<row r="${r}">${columns.map((_, i) => `<c r="${letter(i)}${r}"><v>${i === 0 ? 14511 : ((r + i) % 5) + 1}</v></c>`).join('')}</row>`;
  }
  sheet += '</sheetData></worksheet>';
  expect(sheet.length).toBeGreaterThan(600_000);
  const xlsx = zipSync({
    'xl/workbook.xml': strToU8(
      '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Daten" sheetId="1" r:id="rId1"/></sheets></workbook>',
    ),
    'xl/_rels/workbook.xml.rels': strToU8(
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>',
    ),
    'xl/worksheets/sheet1.xml': strToU8(sheet),
  });
  await input.setInputFiles({
    name: 'export.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: Buffer.from(xlsx),
  });
  await expect(page.getByText('„export.xlsx“ gelesen: 6.000 Zeilen mit 5 Spalten.')).toBeVisible();
  await expect(page.getByText('5 von 5 Spalten zugeordnet.')).toBeVisible();
  await expect(page.getByRole('button', { name: '6.000 Zeilen importieren' })).toBeEnabled();
  await shot(page, '04-excel-gelesen');
});
