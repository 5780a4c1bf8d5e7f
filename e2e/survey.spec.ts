import { expect, test } from '@playwright/test';
import { completeQuestionnaire } from './helpers.ts';

// The shipped questionnaire in its demo wave, answered on a phone as a citizen would.
const SURVEY = '/befragung/resilienz2026';
test.use({ viewport: { width: 390, height: 844 } });

test('eine Bürgerin beantwortet den Fragebogen auf dem Telefon, ohne dass ein Cookie gesetzt wird', async ({ page, context }) => {
  const foreign: string[] = [];
  page.on('request', (r) => {
    if (!r.url().startsWith(test.info().project.use.baseURL ?? '')) foreign.push(r.url());
  });
  await page.goto(SURVEY);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Resilienz-Studie Südwestsachsen');
  await expect(page.getByText('Die Befragung ist freiwillig und anonym.', { exact: false })).toBeVisible();
  await page.getByRole('button', { name: 'Befragung beginnen' }).click();
  await expect(page.getByText('In welchem Landkreis oder in welcher kreisfreien Stadt wohnen Sie?')).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('01-erste-seite.png'), fullPage: true });

  // The questionnaire wears the platform's font and blue, not SurveyJS's web font (never loaded
  // here, so a serif fallback) and green (too little contrast on white).
  const font = await page
    .locator('.sd-question__title')
    .first()
    .evaluate((el) => getComputedStyle(el).fontFamily);
  expect(font).toContain('system-ui');
  const next = await page.getByRole('button', { name: 'Weiter' }).evaluate((el) => getComputedStyle(el.querySelector('span') ?? el).color);
  expect(contrastOnWhite(next), next).toBeGreaterThanOrEqual(4.5);

  // A reload keeps what was answered so far.
  await page.locator('.sd-item', { hasText: 'Landkreis Zwickau' }).click();
  await page.reload();
  await expect(page.locator('.sd-item', { hasText: 'Landkreis Zwickau' }).locator('input')).toBeChecked();

  await completeQuestionnaire(page, async () => {
    await page.screenshot({ path: test.info().outputPath('02-letzte-seite.png'), fullPage: true });
  });
  await expect(page.getByRole('heading', { name: 'Vielen Dank!' })).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('03-danke.png'), fullPage: true });
  expect(await context.cookies()).toEqual([]);
  expect(foreign).toEqual([]);
});

test('the questionnaire speaks English after the switch', async ({ page }) => {
  await page.goto(SURVEY);
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('button', { name: 'Start the survey' }).click();
  await expect(page.getByText('In which district or independent city do you live?')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Next' })).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('englisch.png'), fullPage: true });
});

/** WCAG contrast ratio of a computed CSS colour (`rgb(…)` or `color(srgb …)`) against white. */
function contrastOnWhite(css: string): number {
  const srgb = /color\(srgb ([\d.]+) ([\d.]+) ([\d.]+)/.exec(css);
  const rgb = /rgba?\((\d+), (\d+), (\d+)/.exec(css);
  const channels = srgb ? srgb.slice(1, 4).map(Number) : rgb ? rgb.slice(1, 4).map((v) => Number(v) / 255) : [1, 1, 1];
  const [r, g, b] = channels.map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)) as [number, number, number];
  return 1.05 / (0.2126 * r + 0.7152 * g + 0.0722 * b + 0.05);
}
