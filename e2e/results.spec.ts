import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { expect, test, type APIRequestContext, type Download, type Locator, type Page } from '@playwright/test';
import { loadCredentials } from './credentials.ts';
import { signIn } from './helpers.ts';

// The results of the demo wave: answers arrive, staff look at the weighted Stimmungsbild, save
// a chart, weight to their own population table, publish, and a citizen reads the public page.

const WAVE = 'resilienz2026';

/**
 * How many answers each district gets. Vogtlandkreis gets two: fewer than the smallest group shown
 * (5), so its numbers must stay hidden everywhere. The other journeys answer for Chemnitz and Zwickau.
 */
const PLAN: [district: number, count: number][] = [
  [14511, 18],
  [14521, 15],
  [14522, 13],
  [14524, 12],
  [14523, 2],
];

/** Own margins: the five districts, sex and age band, each adding up to the same 1.4 million people. */
const MARGINS_CSV = [
  'variable;level;total',
  'district;14511;240000',
  'district;14521;330000',
  'district;14522;300000',
  'district;14523;220000',
  'district;14524;310000',
  'sex;1;690000',
  'sex;2;710000',
  'age_band;1;120000',
  'age_band;2;330000',
  'age_band;3;420000',
  'age_band;4;450000',
  'age_band;5;80000',
].join('\r\n');
const MARGINS_SOURCE = 'E2E-Testtabelle Südwestsachsen, Stichtag 31.12.2025';

interface Element {
  type: string;
  name: string;
  choices?: (number | { value: number })[];
}

async function shot(page: Page, name: string) {
  await page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: true });
}

function heading(page: Page) {
  return page.getByRole('heading', { level: 1 });
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

/**
 * Answer sets for the shipped questionnaire, varied by respondent and district (so groups differ),
 * without "don't know" or "no answer" codes (those cannot be weighted).
 */
function answerSet(elements: Element[], district: number, i: number): Record<string, unknown> {
  const answers: Record<string, unknown> = { district, sex: 1 + (i % 2), age_band: 1 + (i % 5) };
  elements.forEach((el, j) => {
    if (el.name in answers || el.name === 'commute_minutes') return;
    const values = (el.choices ?? []).map((c) => (typeof c === 'number' ? c : c.value)).filter((v) => v !== 0 && v < 90);
    if (values.length === 0) return;
    const pick = values[(i * 7 + j * 3 + (district % 5) * (j % 2)) % values.length]!;
    if (el.type === 'radiogroup' || el.type === 'dropdown') answers[el.name] = pick;
    else if (el.type === 'checkbox') answers[el.name] = [pick];
  });
  const mode = answers.commute_mode as number;
  if (mode !== 6 && mode !== 7) answers.commute_minutes = 1 + (i % 5);
  return answers;
}

/** Sends the planned answers through the public submission API (as phones would, without a session). */
async function seedResponses(request: APIRequestContext): Promise<number> {
  const wave = (await (await request.get(`/api/study/waves/${WAVE}`)).json()) as {
    versionId: string;
    definition: { pages: { elements: Element[] }[] };
  };
  const elements = wave.definition.pages.flatMap((p) => p.elements);
  let i = 0;
  const responses = PLAN.flatMap(([district, count]) =>
    Array.from({ length: count }, () => ({ id: randomUUID(), versionId: wave.versionId, answers: answerSet(elements, district, i++) })),
  );
  const res = await request.post(`/api/study/waves/${WAVE}/responses`, { data: { channel: 'online', responses } });
  expect(res.status(), await res.text()).toBe(200);
  const body = (await res.json()) as { counts: { stored: number; invalid: number } };
  expect(body.counts).toMatchObject({ stored: responses.length, invalid: 0 });
  return responses.length;
}

async function downloaded(page: Page, click: () => Promise<void>): Promise<{ download: Download; bytes: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  return { download, bytes: readFileSync(await download.path()) };
}

/** The chart "<index> nach Landkreis" (bars; the map beside it shows the same numbers). */
function districtBars(scope: Page | Locator): Locator {
  return scope.getByRole('figure', { name: / nach Landkreis$/ }).first();
}

/** Opens a chart's table and returns the Vogtlandkreis row. */
async function vogtlandRow(figure: Locator): Promise<Locator> {
  const details = figure.locator('details.results-table-details');
  if ((await details.count()) > 0 && !(await details.evaluate((d: HTMLDetailsElement) => d.open))) {
    await details.locator('summary').click();
  }
  const row = figure.getByRole('row', { name: /Vogtland/ });
  await expect(row).toBeVisible();
  return row;
}

test('Mitarbeitende werten eine Welle aus, gewichten neu und veröffentlichen das Stimmungsbild', async ({ page, browser, request }) => {
  test.setTimeout(180_000);
  const consoleErrors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(`${page.url()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => consoleErrors.push(`${page.url()}: ${error.message}`));

  // 1. Answers arrive through the public API: 60 people, only two of them from the Vogtlandkreis.
  const seeded = await seedResponses(request);
  expect(seeded).toBe(60);
  await signInAsStaff(page);
  const waveId = await demoWaveId(page);

  // 2. The wave page leads to the results and shows the official margins in use, with their source.
  await page.goto(`/verwaltung/wellen/${waveId}`);
  await expect(heading(page)).toContainText('Welle');
  const margins = page.locator('section[aria-labelledby="randverteilungen"]');
  await expect(margins.getByText('Amtliche Tabelle')).toBeVisible();
  await expect(margins.getByRole('row', { name: /Stadt Chemnitz \(14511\)/ })).toBeVisible();
  await expect(margins).toContainText('Statistisches Landesamt');
  await expect(page.locator('section[aria-labelledby="ergebnisse-veroeffentlichen"]')).toContainText('nicht öffentlich');
  await shot(page, '01-welle-randverteilungen');

  // 3. The dashboard: an index card shows its estimate with a 95 % confidence interval.
  await page.getByRole('link', { name: 'Stimmungsbild (Ergebnisse)' }).click();
  await expect(page).toHaveURL(new RegExp(`/verwaltung/wellen/${waveId}/ergebnisse$`));
  await expect(heading(page)).toContainText('Stimmungsbild');
  const card = page.locator('.results-index-card').first();
  await expect(card.locator('.results-index-estimate')).toHaveText(/^\d,\d\d$/);
  await expect(card.getByRole('definition').first()).toHaveText(/^\d,\d\d \[\d,\d\d–\d,\d\d\]$/);

  // The district chart's table: a dash and the reason for the Vogtlandkreis, never its n of 2.
  const firstIndex = page.locator('section.results-index').first();
  const bars = districtBars(firstIndex);
  const row = await vogtlandRow(bars);
  await expect(row.getByRole('cell').first()).toHaveText('–');
  await expect(row).toContainText('Weniger als 5 Antworten');
  await expect(row.getByRole('cell').nth(2)).not.toHaveText('2');
  await expect(bars.locator('.results-chart-notes')).toContainText('Vogtland');
  await shot(page, '02-dashboard-gewichtet');

  // 4. The chart's numbers as CSV (for Excel: BOM, semicolons) and the drawing as SVG.
  await bars.locator('details.results-download > summary').click();
  const csv = await downloaded(page, () => bars.getByRole('button', { name: 'Daten (CSV) herunterladen' }).click());
  expect(csv.download.suggestedFilename()).toMatch(/nach-landkreis\.csv$/);
  const csvText = csv.bytes.toString('utf8');
  expect(csvText.startsWith('\uFEFFLandkreis;Wert;Untergrenze 95 %;Obergrenze 95 %;n;Hinweis\r\n')).toBe(true);
  expect(csvText).toMatch(/Chemnitz[^\r\n]*;\d+,\d{4};\d+,\d{4};\d+,\d{4};\d+;/);
  const vogtlandLine = csvText.split('\r\n').find((l) => l.includes('Vogtland'));
  expect(vogtlandLine).toMatch(/;;;;;[^;]*Weniger als 5 Antworten/);
  const svg = await downloaded(page, () => bars.getByRole('button', { name: 'Als SVG herunterladen' }).click());
  expect(svg.download.suggestedFilename()).toMatch(/\.svg$/);
  expect(svg.bytes.toString('utf8')).toMatch(/^(<\?xml[^>]*>\s*)?<svg[\s>]/);

  // 5. Unweighted, then only Chemnitz: the choices go into the address and the page says what is shown.
  const filters = page.getByRole('form', { name: 'Auswahl der Ergebnisse' });
  // A click, not check(): the router changes the address first, so the radio turns on a moment later.
  await filters.getByLabel('Ungewichtet (Stichprobe)').click();
  await expect(page).toHaveURL(/weighted=false/);
  await expect(filters.getByLabel('Ungewichtet (Stichprobe)')).toBeChecked();
  await filters.getByLabel('Landkreis', { exact: true }).selectOption({ label: 'Stadt Chemnitz' });
  await expect(page).toHaveURL(/district=14511/);
  await expect(page.locator('.results-filter-note')).toContainText('Landkreis: Stadt Chemnitz');
  await expect(page.locator('.results-index-card').first().locator('.results-index-estimate')).toHaveText(/^\d,\d\d$/);
  await shot(page, '03-dashboard-ungewichtet-chemnitz');

  // 6. Own margins: a CSV file, previewed, saved with title, source and licence, then listed.
  await page.goto(`/verwaltung/wellen/${waveId}`);
  await page.getByRole('button', { name: 'Eigene Randverteilungen hochladen' }).click();
  const upload = page.getByRole('form', { name: 'Eigene Randverteilungen hochladen' });
  await upload.getByLabel('Datei (CSV oder JSON)').setInputFiles({
    name: 'randverteilungen.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(`\uFEFF${MARGINS_CSV}\r\n`, 'utf8'),
  });
  await expect(upload.getByRole('row', { name: /Vogtlandkreis.*\(14523\)/ })).toContainText('220.000');
  await upload.getByLabel('Titel').fill('Eigene Tabelle (E2E)');
  await upload.getByLabel('Quelle').fill(MARGINS_SOURCE);
  await upload.getByLabel('Lizenz').fill('CC BY 4.0');
  await shot(page, '04-randverteilungen-vorschau');
  await upload.getByRole('button', { name: 'Randverteilungen speichern' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Die eigenen Randverteilungen sind gespeichert' })).toBeVisible();
  await expect(margins.getByText('Eigene Randverteilungen', { exact: true })).toBeVisible();
  await expect(margins).toContainText(MARGINS_SOURCE);
  await expect(margins.getByRole('row', { name: /Vogtlandkreis.*\(14523\)/ })).toContainText('220.000');
  await shot(page, '05-randverteilungen-gespeichert');

  // 7. Publish the results: the confirmation says that only aggregates passing disclosure control go public.
  await page.getByRole('button', { name: 'Ergebnisse veröffentlichen' }).click();
  const dialog = page.getByRole('dialog', { name: 'Ergebnisse veröffentlichen?' });
  await expect(dialog).toContainText('Geheimhaltungsprüfung');
  await dialog.getByRole('button', { name: 'Ja, veröffentlichen' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Die Ergebnisse sind veröffentlicht.' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Veröffentlichung zurücknehmen' })).toBeVisible();
  const publicLink = page.getByRole('link', { name: 'Öffentliches Stimmungsbild ansehen' });
  await expect(publicLink).toHaveAttribute('href', `/ergebnisse/${WAVE}`);
  await shot(page, '06-ergebnisse-veroeffentlicht');

  // 8. A citizen (no session) reads the Stimmungsbild and how it came about; the small district stays hidden.
  const citizenContext = await browser.newContext({ locale: 'de-DE' });
  try {
    const citizen = await citizenContext.newPage();
    await citizen.goto(`/ergebnisse/${WAVE}`);
    await expect(heading(citizen)).toHaveText('Stimmungsbild: Resilienz-Studie Südwestsachsen');
    await expect(citizen.locator('.results-index-card').first().locator('.results-index-estimate')).toHaveText(/^\d,\d\d$/);
    const method = citizen.locator('section.results-method');
    await expect(method.getByRole('heading', { name: 'So ist das Stimmungsbild entstanden' })).toBeVisible();
    await expect(method).toContainText(MARGINS_SOURCE);
    await expect(method).toContainText('Gruppen mit weniger als 5 Antworten werden nicht ausgewiesen');
    const publicBars = districtBars(citizen.locator('section.results-index').first());
    const publicRow = await vogtlandRow(publicBars);
    await expect(publicRow.getByRole('cell').first()).toHaveText('–');
    await expect(publicRow.getByRole('cell').nth(2)).toHaveText('–');
    await expect(citizen.getByRole('form', { name: 'Auswahl der Ergebnisse' })).toHaveCount(0);
    await citizen.screenshot({ path: test.info().outputPath('07-oeffentlich.png'), fullPage: true });

    // 9. The print version: every table open, the method at the end.
    await citizen.getByRole('link', { name: 'Druckfassung (auch als PDF)' }).click();
    await expect(citizen).toHaveURL(new RegExp(`/ergebnisse/${WAVE}/bericht$`));
    await expect(heading(citizen)).toHaveText('Resilienz-Studie Südwestsachsen');
    await expect(citizen.getByRole('button', { name: 'Drucken / als PDF speichern' })).toBeEnabled();
    await expect(citizen.locator('.results-sheet .results-table').first()).toBeVisible();
    await expect(citizen.locator('section.results-method')).toBeVisible();
    await citizen.screenshot({ path: test.info().outputPath('08-bericht.png'), fullPage: true });
    // Reading needs no session (a CSRF cookie for a later sign-in may be set, a session never).
    expect((await citizenContext.cookies()).map((c) => c.name)).not.toContain('itas_session');
  } finally {
    await citizenContext.close();
  }

  // 10. The researchers' exports of the raw answers: CSV and Excel workbook.
  const exportSection = page.locator('section[aria-labelledby="export"]');
  const exportAs = async (format: string) => {
    await exportSection.getByRole('radio', { name: format }).check();
    return downloaded(page, () => exportSection.getByRole('button', { name: 'Export herunterladen' }).click());
  };
  const rawCsv = await exportAs('CSV mit Semikolon (Excel auf Deutsch)');
  expect(rawCsv.download.suggestedFilename()).toMatch(/\.csv$/);
  const rawText = rawCsv.bytes.toString('utf8');
  expect(rawText.startsWith('\uFEFFresponse_id;channel;received_on;collected_on;')).toBe(true);
  expect(rawText.split('\r\n').filter((l) => l.includes(';14523;')).length).toBeGreaterThanOrEqual(2);
  const xlsx = await exportAs('Excel-Arbeitsmappe (.xlsx, mit Codebuch-Blatt)');
  expect(xlsx.download.suggestedFilename()).toMatch(/\.xlsx$/);
  expect(xlsx.bytes.length).toBeGreaterThan(1000);
  expect(xlsx.bytes.subarray(0, 4).toString('binary')).toBe('PK\u0003\u0004');
  await shot(page, '09-exporte');

  expect(consoleErrors).toEqual([]);
});
