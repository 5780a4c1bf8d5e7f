import { expect, test, type Page } from '@playwright/test';
import { loadCredentials } from './credentials.ts';

async function shot(page: Page, name: string) {
  await page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: true });
}

function heading(page: Page) {
  return page.getByRole('heading', { level: 1 });
}

async function login(page: Page, email: string, password: string) {
  await page.getByLabel('E-Mail-Adresse').fill(email);
  await page.getByLabel('Passwort', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Anmelden' }).click();
}

test('Administration legt eine Person für die IHK an, die sich anmeldet und auf Englisch wechselt', async ({ page }) => {
  const credentials = loadCredentials();
  const unique = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
  const person = {
    name: `Testperson ${unique}`,
    email: `e2e.${unique}@ihk-chemnitz.example`,
    password: `Erzgebirge-Schwibbogen-${unique}`,
  };
  const mainNav = page.getByRole('navigation', { name: 'Hauptnavigation' });

  // 1. Start page, then the login as the demo administration.
  await page.goto('/');
  await expect(heading(page)).toHaveText('Initiative Transformation Automobilregion Südwestsachsen');
  await expect(page.getByText('Demo-Installation:')).toBeVisible();
  await mainNav.getByRole('link', { name: 'Anmelden' }).click();
  await expect(heading(page)).toHaveText('Anmelden');
  await page.getByLabel('E-Mail-Adresse').fill(credentials.admin.email);
  await page.getByLabel('Passwort', { exact: true }).fill(credentials.admin.password);
  await shot(page, '01-anmeldung-admin');
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await expect(heading(page)).toHaveText('Mein Konto');
  await expect(mainNav.getByRole('link', { name: 'Verwaltung' })).toBeVisible();
  await shot(page, '02-admin-angemeldet');

  // 2. Administration → people → create a staff member of IHK Chemnitz with a first password.
  await mainNav.getByRole('link', { name: 'Verwaltung' }).click();
  await expect(heading(page)).toHaveText('Verwaltung');
  await page.getByRole('navigation', { name: 'Verwaltung' }).getByRole('link', { name: 'Nutzerinnen und Nutzer' }).click();
  await expect(heading(page)).toHaveText('Nutzerinnen und Nutzer');
  await expect(page.getByRole('row', { name: /admin@/ })).toBeVisible();
  await page.getByRole('button', { name: 'Neue Person anlegen' }).click();
  const form = page.getByRole('form', { name: 'Neue Person anlegen' });
  await form.getByLabel('E-Mail-Adresse').fill(person.email);
  await form.getByLabel('Name').fill(person.name);
  await form.getByLabel('Rolle').selectOption({ label: 'Mitarbeitende' });
  await form.getByLabel('Organisation').selectOption({ label: 'IHK Chemnitz' });
  await form.getByLabel('Erstes Passwort').fill(person.password);
  await shot(page, '03-person-anlegen');
  await form.getByRole('button', { name: 'Person anlegen' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Das Konto für ${person.name} wurde angelegt.` })).toBeVisible();
  const row = page.getByRole('row', { name: new RegExp(person.email.replace(/[.]/g, '\\.')) });
  await expect(row).toContainText('IHK Chemnitz');
  await expect(row).toContainText('Mitarbeitende');
  await expect(row).toContainText('Noch nie');
  await shot(page, '04-person-angelegt');

  // 3. Sign out.
  await mainNav.getByRole('button', { name: 'Abmelden' }).click();
  await expect(heading(page)).toHaveText('Anmelden');
  await expect(page.getByRole('status').filter({ hasText: 'Sie haben sich abgemeldet.' })).toBeVisible();
  await expect(mainNav.getByRole('link', { name: 'Mein Konto' })).toHaveCount(0);
  await shot(page, '05-admin-abgemeldet');

  // 4. The new person signs in and sees their account, without administration.
  await login(page, person.email, person.password);
  await expect(heading(page)).toHaveText('Mein Konto');
  await expect(page.getByText(person.name).first()).toBeVisible();
  await expect(page.locator('.details-list')).toContainText('IHK Chemnitz');
  await expect(page.locator('.details-list')).toContainText('Mitarbeitende');
  await expect(mainNav.getByRole('link', { name: 'Verwaltung' })).toHaveCount(0);
  await expect(page.getByRole('row', { name: /Diese Sitzung/ })).toBeVisible();
  await shot(page, '06-person-angemeldet');

  // The administration stays closed to this person.
  await page.goto('/verwaltung/nutzer');
  await expect(heading(page)).toHaveText('Keine Berechtigung');
  await mainNav.getByRole('link', { name: 'Mein Konto' }).click();
  await expect(heading(page)).toHaveText('Mein Konto');

  // 5. Switch to English.
  await page.getByRole('button', { name: 'English' }).click();
  await expect(heading(page)).toHaveText('My account');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 2, name: 'Change password' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Deutsch' })).toBeVisible();
  await shot(page, '07-englisch');

  // 6. Sign out (in English).
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('button', { name: 'Sign out' }).click();
  await expect(heading(page)).toHaveText('Sign in');
  await expect(page.getByRole('status').filter({ hasText: 'You have signed out.' })).toBeVisible();
  await shot(page, '08-abgemeldet-englisch');
});
