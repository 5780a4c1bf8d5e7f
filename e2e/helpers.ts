import { expect, type Page } from '@playwright/test';

/** Signs an account in on the sign-in page and waits for its account page. */
export async function signIn(page: Page, account: { email: string; password: string }): Promise<void> {
  await page.goto('/anmelden');
  await page.getByLabel('E-Mail-Adresse').fill(account.email);
  await page.getByLabel('Passwort', { exact: true }).fill(account.password);
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mein Konto');
}

/** Collects the page's console errors and uncaught exceptions (CSP violations show up here too). */
export function watchConsole(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`${page.url()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`${page.url()}: ${error.message}`));
  return errors;
}

/** Answers every visible unanswered choice question of the current page with its first option. */
export async function answerPage(page: Page): Promise<void> {
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

/**
 * Answers the shipped questionnaire page by page (German labels) and presses "Abschließen".
 * `onLastPage` runs before the final click, e.g. for a screenshot.
 */
export async function completeQuestionnaire(page: Page, onLastPage?: () => Promise<void>): Promise<void> {
  for (let i = 0; i < 20; i++) {
    await answerPage(page);
    const next = page.getByRole('button', { name: 'Weiter' });
    if (await next.isVisible()) {
      await next.click();
      continue;
    }
    await onLastPage?.();
    await page.getByRole('button', { name: 'Abschließen' }).click();
    return;
  }
  throw new Error('Nach 20 Seiten war der Fragebogen noch nicht zu Ende.');
}
