import { readFileSync } from 'node:fs';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { loadCredentials } from './credentials.ts';
import { signIn } from './helpers.ts';

// A staff member of a partner sets up a study end to end: questionnaire, preview, wave, publication,
// a citizen's answer, the intake figures, the poster and the invitation codes.

const QUESTIONNAIRE = {
  title: { default: 'Mini-Befragung', en: 'Mini survey' },
  pages: [
    {
      name: 'seite_1',
      title: { default: 'Ihre Arbeit', en: 'Your work' },
      elements: [
        {
          type: 'radiogroup',
          name: 'zufrieden',
          isRequired: true,
          title: { default: 'Wie zufrieden sind Sie mit Ihrer Arbeit?', en: 'How satisfied are you with your work?' },
          choices: [
            { value: 1, text: { default: 'Sehr zufrieden', en: 'Very satisfied' } },
            { value: 2, text: { default: 'Eher unzufrieden', en: 'Rather dissatisfied' } },
            { value: 98, text: { default: 'Weiß nicht', en: 'Don’t know' } },
          ],
        },
      ],
    },
    {
      name: 'seite_2',
      title: { default: 'Ihre Region', en: 'Your region' },
      elements: [
        {
          type: 'comment',
          name: 'wunsch',
          maxLength: 500,
          title: { default: 'Was wünschen Sie sich für die Region?', en: 'What do you wish for the region?' },
        },
      ],
    },
  ],
};
/** Markup in an answer must show as text on the staff page, never as HTML. */
const WISH = '<b>Mehr Busse</b> nach Aue & Schwarzenberg';

async function shot(page: Page, name: string) {
  await page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: true });
}

function heading(page: Page) {
  return page.getByRole('heading', { level: 1 });
}

function isoDay(offsetDays: number): string {
  const d = new Date();
  d.setDate(d.getDate() + offsetDays);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** One h1, and every form control has an accessible name. */
async function checkPageStructure(page: Page) {
  await expect(page.locator('h1')).toHaveCount(1);
  const controls = page.locator('main input:not([type="hidden"]), main select, main textarea');
  const count = await controls.count();
  for (let i = 0; i < count; i++) await expect(controls.nth(i)).toHaveAccessibleName(/\S/);
}

async function expectImageLoaded(image: Locator) {
  await expect(image).toBeVisible();
  await expect.poll(() => image.evaluate((img: HTMLImageElement) => (img.complete ? img.naturalWidth : 0))).toBeGreaterThan(0);
}

test('Mitarbeitende legen eine Studie an, veröffentlichen eine Welle und sehen die erste Antwort', async ({ page, browser }) => {
  test.setTimeout(120_000);
  const { staff } = loadCredentials();
  const unique = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4).toString(36)}`;
  const title = `Mobilität im Erzgebirge ${unique}`;
  const consoleErrors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(`${page.url()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => consoleErrors.push(`${page.url()}: ${error.message}`));

  // 1. Sign in as demo staff; the main navigation offers "Studien".
  await signIn(page, staff);
  await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Studien' }).click();
  await expect(heading(page)).toHaveText('Studien');
  await expect(page.getByRole('row', { name: /Resilienz-Studie/ })).toBeVisible();

  // 2. New study: a syntax error is shown with its position, then the questionnaire passes the check.
  await page.getByRole('button', { name: 'Neue Studie' }).click();
  const form = page.getByRole('form', { name: 'Neue Studie' });
  await form.getByLabel('Titel').fill(title);
  await expect(form.getByLabel('Kürzel')).toHaveValue(`mobilitaet-im-erzgebirge-${unique}`);
  const json = form.getByLabel('Fragebogen (JSON)');
  await json.fill('{\n  "pages": [\n    { "name": "seite_1", }\n  ]\n}');
  await form.getByRole('button', { name: 'Prüfen' }).click();
  await expect(page.getByRole('alert')).toContainText('Zeile 3, Spalte 26: Nach dem letzten Eintrag darf kein Komma stehen.');
  await json.fill(JSON.stringify(QUESTIONNAIRE, null, 2));
  await form.getByRole('button', { name: 'Prüfen' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Der Fragebogen ist in Ordnung (Seiten: 2, Fragen: 2).' })).toBeVisible();
  await checkPageStructure(page);
  await shot(page, '01-neue-studie');
  await form.getByRole('button', { name: 'Studie anlegen' }).click();
  await expect(heading(page)).toHaveText(title);
  await expect(page.getByRole('status').filter({ hasText: 'Die Studie wurde angelegt.' })).toBeVisible();
  await expect(page.getByRole('row', { name: /Version 1/ })).toContainText('änderbar');

  // 3. The questionnaire page: preview in German, then in English; clicking through sends nothing.
  await page.getByRole('link', { name: 'Version 1' }).click();
  await expect(heading(page)).toHaveText('Fragebogen, Version 1');
  const preview = page.locator('.survey-preview');
  await expect(preview.getByText('Wie zufrieden sind Sie mit Ihrer Arbeit?')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Speichern' })).toBeVisible();
  await checkPageStructure(page);
  await shot(page, '02-vorschau-deutsch');
  await page.getByRole('radio', { name: 'English' }).check();
  await expect(preview.getByText('How satisfied are you with your work?')).toBeVisible();
  await preview.getByText('Very satisfied').click();
  await preview.getByRole('button', { name: 'Next' }).click();
  await expect(preview.getByText('What do you wish for the region?')).toBeVisible();
  await preview.getByRole('button', { name: 'Complete' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Vorschau beendet' })).toBeVisible();
  await shot(page, '03-vorschau-englisch-beendet');

  // 4. A wave for the online channel, created as a draft and then published.
  await page.getByRole('link', { name: /Zur Studie:/ }).click();
  await expect(heading(page)).toHaveText(title);
  await page.getByRole('button', { name: 'Neue Welle' }).click();
  const waveForm = page.getByRole('form', { name: 'Welle anlegen' });
  await waveForm.getByLabel('Name der Welle').fill('Frühjahr E2E');
  await waveForm.getByLabel('Beginn', { exact: true }).fill(isoDay(-1));
  await waveForm.getByLabel('Ende', { exact: true }).fill(isoDay(30));
  await expect(waveForm.getByRole('checkbox', { name: 'Online' })).toBeChecked();
  await expect(waveForm.getByLabel('Einwilligungstext (Deutsch)')).toHaveValue(
    /Initiative Transformation Automobilregion Südwestsachsen \(ITAS\)/,
  );
  await checkPageStructure(page);
  await waveForm.getByRole('button', { name: 'Welle anlegen' }).click();
  await expect(heading(page)).toHaveText('Frühjahr E2E');
  await expect(page.locator('.page-heading')).toContainText('Entwurf');
  await page.getByRole('button', { name: 'Veröffentlichen' }).click();
  const dialog = page.getByRole('dialog', { name: 'Welle veröffentlichen?' });
  await dialog.getByRole('button', { name: 'Ja, veröffentlichen' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Die Welle ist veröffentlicht' })).toBeVisible();
  await expect(page.locator('.page-heading')).toContainText('Läuft');
  await checkPageStructure(page);
  await shot(page, '04-welle-veroeffentlicht');

  // 5. A citizen opens the public link in a browser of their own (no cookies) and answers.
  const link = await page.getByLabel('Öffentlicher Link').inputValue();
  expect(link).toMatch(/\/b\/[a-z0-9]+$/);
  const citizenContext = await browser.newContext({ locale: 'de-DE' });
  try {
    const citizen = await citizenContext.newPage();
    await citizen.goto(link);
    await expect(citizen).toHaveURL(/\/befragung\/[a-z0-9]+$/);
    await expect(heading(citizen)).toHaveText(title);
    await expect(citizen.getByText('Ihre IP-Adresse wird nicht gespeichert', { exact: false })).toBeVisible();
    await citizen.getByRole('button', { name: 'Befragung beginnen' }).click();
    await citizen.getByText('Sehr zufrieden', { exact: true }).click();
    await citizen.getByRole('button', { name: 'Weiter' }).click();
    await expect(citizen.getByText('Was wünschen Sie sich für die Region?')).toBeVisible();
    await citizen.locator('textarea').fill(WISH);
    await citizen.getByRole('button', { name: 'Abschließen' }).click();
    await expect(citizen.getByRole('heading', { name: 'Vielen Dank!' })).toBeVisible();
    await citizen.screenshot({ path: test.info().outputPath('05-buergerin-danke.png'), fullPage: true });
    expect(await citizenContext.cookies()).toEqual([]);
  } finally {
    await citizenContext.close();
  }

  // 6. Back on the wave page: the refreshed intake shows one complete online response, the open answer as text.
  await page.getByRole('button', { name: 'Rücklauf aktualisieren' }).click();
  await expect(page.getByText('1 vollständige Antwort', { exact: false })).toBeVisible();
  const byChannel = page.getByRole('region', { name: 'Vollständige Antworten nach Kanal' });
  await expect(
    byChannel
      .getByRole('row', { name: /Online/ })
      .getByRole('cell')
      .first(),
  ).toHaveText('1');
  await page.getByRole('button', { name: 'Offene Antworten aktualisieren' }).click();
  const answers = page.locator('section[aria-labelledby="offene-antworten"]');
  await expect(answers.getByText(WISH, { exact: true })).toBeVisible();
  await expect(answers.locator('b')).toHaveCount(0);
  await shot(page, '06-ruecklauf');

  // The researchers' export: the same answer as a CSV row, with a BOM for Excel.
  const exportSection = page.locator('section[aria-labelledby="export"]');
  await exportSection.getByRole('radio', { name: 'CSV mit Semikolon (Excel auf Deutsch)' }).check();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    exportSection.getByRole('button', { name: 'Export herunterladen' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^itas-[a-z0-9]+-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = readFileSync(await download.path(), 'utf8');
  expect(csv.startsWith('\uFEFFresponse_id;channel;received_on;collected_on;')).toBe(true);
  expect(csv.trim().split('\r\n')).toHaveLength(2);

  // 7. The poster: QR code, short link, print button.
  await page.getByRole('link', { name: 'Plakat zum Ausdrucken' }).click();
  await expect(heading(page)).toHaveText(title);
  await expectImageLoaded(page.locator('img.poster-qr'));
  await expect(page.locator('.poster-link')).toHaveText(link.replace(/^https?:\/\//, ''));
  await expect(page.getByRole('button', { name: 'Drucken' })).toBeVisible();
  await checkPageStructure(page);
  await shot(page, '07-plakat');
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('button', { name: 'Drucken' })).toBeHidden();
  await expect(page.locator('.site-header')).toBeHidden();
  await shot(page, '08-plakat-druck');
  await page.emulateMedia({ media: 'screen' });

  // 8. Three invitation codes, and their printable sheet.
  await page.getByRole('link', { name: 'Zurück zur Welle' }).click();
  await expect(heading(page)).toHaveText('Frühjahr E2E');
  await page.getByLabel('Anzahl neuer Codes').fill('3');
  await page.getByRole('button', { name: 'Codes erzeugen' }).click();
  await expect(page.getByRole('status').filter({ hasText: '3 Codes wurden erzeugt.' })).toBeVisible();
  await expect(page.getByText('3 Codes erzeugt, davon 0 verwendet.')).toBeVisible();
  await page.getByRole('link', { name: 'Codes ausdrucken' }).click();
  await expect(heading(page)).toContainText('Einladungscodes');
  const codeCells = page.locator('.codes-table td.code');
  await expect(codeCells).toHaveCount(3);
  for (const code of await codeCells.allTextContents()) expect(code).toMatch(/^[a-z0-9]{10}$/);
  await page.getByRole('radio', { name: 'Karten mit QR-Code' }).check();
  const cards = page.locator('.code-card');
  await expect(cards).toHaveCount(3);
  for (let i = 0; i < 3; i++) await expectImageLoaded(cards.nth(i).locator('img'));
  await expect(cards.first()).toContainText('?einladung=');
  await checkPageStructure(page);
  await shot(page, '09-codes-karten');

  // 9. The published version is locked: a change becomes version 2, and version 1 stays as it was.
  await page.getByRole('link', { name: 'Zurück zur Welle' }).click();
  await page.getByRole('link', { name: 'Version 1' }).click();
  await expect(heading(page)).toHaveText('Fragebogen, Version 1');
  await expect(page.locator('.page-heading')).toContainText('gesperrt');
  const changed = structuredClone(QUESTIONNAIRE);
  changed.pages[1]!.title.default = 'Ihre Heimatregion';
  await page.getByLabel('Fragebogen (JSON)').fill(JSON.stringify(changed, null, 2));
  await expect(page.locator('.survey-preview')).toBeVisible();
  await page.getByRole('button', { name: 'Als neue Version speichern' }).click();
  await expect(heading(page)).toHaveText('Fragebogen, Version 2');
  await expect(page.getByRole('status').filter({ hasText: 'Ihre Änderungen wurden als Version 2 gespeichert.' })).toBeVisible();
  await expect(page.getByLabel('Fragebogen (JSON)')).toHaveValue(/Ihre Heimatregion/);
  await expect(page.getByRole('button', { name: 'Speichern', exact: true })).toBeVisible();
  await page.getByRole('navigation', { name: 'Andere Versionen' }).getByRole('link', { name: 'Version 1' }).click();
  await expect(heading(page)).toHaveText('Fragebogen, Version 1');
  await expect(page.getByLabel('Fragebogen (JSON)')).not.toHaveValue(/Ihre Heimatregion/);
  await shot(page, '10-version-1-gesperrt');

  // No script errors and no blocked styles (CSP) on any of these pages.
  expect(consoleErrors).toEqual([]);
});

test('Analyse sieht die Studien, aber kein Formular zum Anlegen', async ({ page }) => {
  const { analyst } = loadCredentials();
  await signIn(page, analyst);
  await page.goto('/verwaltung/studien');
  await expect(heading(page)).toHaveText('Studien');
  await expect(page.getByRole('row', { name: /Resilienz-Studie/ })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Neue Studie' })).toHaveCount(0);
  await checkPageStructure(page);
});
