import { expect, test, type Page } from '@playwright/test';

const PAGES = [
  { path: '/', title: 'Initiative Transformation Automobilregion Südwestsachsen' },
  { path: '/anmelden', title: 'Anmelden' },
  { path: '/veranstaltungen', title: 'Veranstaltungen' },
  { path: '/live', title: 'An der Live-Umfrage teilnehmen' },
];

/** Records every request and every console error of the page from the first byte on. */
function watch(page: Page) {
  const requests: string[] = [];
  const consoleErrors: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(error.message));
  return { requests, consoleErrors };
}

for (const { path, title } of PAGES) {
  test.describe(`Seite ${path}`, () => {
    test('eine Überschrift erster Ordnung, Sprunglink, benannte Felder, nur eigene Anfragen', async ({ page, baseURL }) => {
      const seen = watch(page);
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
      await page.waitForLoadState('networkidle');

      // Exactly one h1, and the page states its language.
      await expect(page.locator('h1')).toHaveCount(1);
      await expect(page.locator('html')).toHaveAttribute('lang', 'de');

      // The skip link is the first stop for the keyboard and moves focus to the main content.
      await page.keyboard.press('Tab');
      const skipLink = page.getByRole('link', { name: 'Zum Inhalt springen' });
      await expect(skipLink).toBeFocused();
      await expect(skipLink).toBeVisible();
      await page.keyboard.press('Enter');
      await expect(page.locator('main')).toBeFocused();

      // Every form control has an accessible name.
      const controls = page.locator('input:not([type="hidden"]), select, textarea');
      const count = await controls.count();
      for (let i = 0; i < count; i++) {
        await expect(controls.nth(i)).toHaveAccessibleName(/\S/);
      }

      // Nothing is loaded from any other origin (no CDNs, fonts, trackers).
      const own = new URL(baseURL ?? 'http://127.0.0.1:3100').origin;
      expect(seen.requests.length).toBeGreaterThan(0);
      const foreign = seen.requests.filter((url) => new URL(url).origin !== own);
      expect(foreign).toEqual([]);

      // No errors in the console, which also means no CSP violations.
      expect(seen.consoleErrors).toEqual([]);
    });
  });
}

test('auf einem schmalen Telefon klappt die Navigation über einen Menü-Knopf auf', async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 640 });
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();

  const menu = page.getByRole('button', { name: 'Menü' });
  await expect(menu).toHaveAttribute('aria-expanded', 'false');
  await expect(page.getByRole('link', { name: 'Anmelden', exact: true }).first()).toBeHidden();
  await menu.click();
  await expect(menu).toHaveAttribute('aria-expanded', 'true');
  const nav = page.getByRole('navigation', { name: 'Hauptnavigation' });
  await expect(nav.getByRole('link', { name: 'Anmelden' })).toBeVisible();

  // Nothing sticks out sideways at 320 CSS pixels.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);

  await nav.getByRole('link', { name: 'Anmelden' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Anmelden');
  await expect(menu).toHaveAttribute('aria-expanded', 'false');
});
