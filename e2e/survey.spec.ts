import { expect, test, type Page } from '@playwright/test';

// The shipped questionnaire in its demo wave, answered on a phone as a citizen would.
const SURVEY = '/befragung/resilienz2026';
test.use({ viewport: { width: 390, height: 844 } });

/** Answers every visible unanswered choice question of the current page with its first option. */
async function answerPage(page: Page) {
  for (let round = 0; round < 20; round++) {
    const open = page
      .locator('.sd-question:visible')
      .filter({ has: page.locator('input[type=radio], input[type=checkbox]') })
      .filter({ hasNot: page.locator('input:checked') });
    const n = await open.count();
    if (n === 0) return;
    // Conditions may reveal further questions: answer, then look again.
    await open.first().locator('.sd-item__control-label').first().click();
  }
}

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

  // A reload keeps what was answered so far.
  await page.locator('.sd-item', { hasText: 'Landkreis Zwickau' }).click();
  await page.reload();
  await expect(page.locator('.sd-item', { hasText: 'Landkreis Zwickau' }).locator('input')).toBeChecked();

  for (let i = 0; i < 20; i++) {
    await answerPage(page);
    const next = page.getByRole('button', { name: 'Weiter' });
    if (await next.isVisible()) {
      await next.click();
      continue;
    }
    await page.screenshot({ path: test.info().outputPath('02-letzte-seite.png'), fullPage: true });
    await page.getByRole('button', { name: 'Abschließen' }).click();
    break;
  }
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
