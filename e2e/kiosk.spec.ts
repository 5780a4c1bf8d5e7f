import { expect, test, type Page } from '@playwright/test';
import { completeQuestionnaire } from './helpers.ts';

// A tablet at a stand: one passer-by after another, three seconds of idleness reset it (a stand uses 90).
const KIOSK = '/kiosk/resilienz2026?leerlauf=3';
const FIRST_QUESTION = 'In welchem Landkreis oder in welcher kreisfreien Stadt wohnen Sie?';
test.use({ viewport: { width: 1024, height: 768 }, hasTouch: true });

async function shot(page: Page, name: string) {
  await page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: true });
}

/** Every request that leaves the app's origin, and every answer set the page sends. */
function watch(page: Page, origin: string) {
  const foreign: string[] = [];
  const submissions: { channel: string; responses: { id: string; answers: Record<string, unknown> }[] }[] = [];
  page.on('request', (request) => {
    if (!request.url().startsWith(origin)) foreign.push(request.url());
    if (request.method() === 'POST' && request.url().endsWith('/api/study/waves/resilienz2026/responses')) {
      submissions.push(request.postDataJSON() as (typeof submissions)[number]);
    }
  });
  return { foreign, submissions };
}

async function expectStartScreen(page: Page) {
  await expect(page.getByRole('button', { name: 'Jetzt teilnehmen' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Resilienz-Studie Südwestsachsen');
  await expect(page.getByText(FIRST_QUESTION)).toHaveCount(0);
  await expect(page.locator('input:checked')).toHaveCount(0);
}

/** Nothing of a person's answers may stay in the tablet's storage; only the chosen language may. */
async function expectNothingStored(page: Page) {
  const storage = await page.evaluate(() => ({ session: Object.keys(sessionStorage), local: Object.keys(localStorage) }));
  expect(storage.session).toEqual([]);
  expect(storage.local.filter((key) => key !== 'itas.sprache')).toEqual([]);
}

/** Back, several times: the kiosk stays on its start screen and shows nothing of earlier answers. */
async function pressBack(page: Page, times: number) {
  for (let i = 0; i < times; i++) {
    await page.goBack();
    await expectStartScreen(page);
  }
  expect(new URL(page.url()).pathname).toBe('/kiosk/resilienz2026');
}

test('ein Passant füllt den Fragebogen am Tablet aus; danach führt nichts zu seinen Antworten zurück', async ({
  page,
  context,
  baseURL,
}) => {
  const seen = watch(page, baseURL ?? '');
  await page.goto(KIOSK);
  await expectStartScreen(page);
  await expect(page.getByText('Die Befragung ist freiwillig und anonym.', { exact: false })).toBeVisible();
  await expect(page.getByText('oder 3 Sekunden lang nichts eingeben', { exact: false })).toBeVisible();
  // No site navigation to wander off through.
  await expect(page.getByRole('navigation')).toHaveCount(0);
  await expect(page.locator('.site-header, .site-footer')).toHaveCount(0);
  await shot(page, '01-start');
  // Staff switch the tablet to full screen when they set up the stand.
  await page.getByRole('button', { name: 'Vollbild' }).click();
  await expect.poll(() => page.evaluate(() => document.fullscreenElement === document.documentElement)).toBe(true);
  await expect(page.getByRole('button', { name: 'Vollbild' })).toHaveCount(0);

  await page.getByRole('button', { name: 'Jetzt teilnehmen' }).click();
  await expect(page.getByText(FIRST_QUESTION)).toBeVisible();
  await completeQuestionnaire(page);

  await expect(page.getByRole('heading', { name: 'Vielen Dank!' })).toBeVisible();
  await shot(page, '02-danke');
  expect(seen.submissions).toHaveLength(1);
  const [batch] = seen.submissions;
  expect(batch?.channel).toBe('kiosk');
  expect(batch?.responses).toHaveLength(1);
  const firstId = batch?.responses[0]?.id ?? '';
  expect(firstId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  expect(Object.keys(batch?.responses[0]?.answers ?? {}).length).toBeGreaterThan(30);

  // After about eight seconds the start screen is back for the next person.
  await expect(page.getByRole('button', { name: 'Jetzt teilnehmen' })).toBeVisible({ timeout: 15_000 });
  await expectStartScreen(page);
  await shot(page, '03-wieder-start');
  await pressBack(page, 4);
  await expectNothingStored(page);

  // The next person starts with an empty questionnaire.
  await page.getByRole('button', { name: 'Jetzt teilnehmen' }).click();
  await expect(page.getByText(FIRST_QUESTION)).toBeVisible();
  await expect(page.locator('input:checked')).toHaveCount(0);

  expect(await context.cookies()).toEqual([]);
  expect(seen.foreign).toEqual([]);
});

test('wer mitten in der Befragung geht, dessen Antworten verschwinden nach dem Leerlauf', async ({ page, context, baseURL }) => {
  const seen = watch(page, baseURL ?? '');
  await page.goto(KIOSK);
  await page.getByRole('button', { name: 'Jetzt teilnehmen' }).click();
  const zwickau = page.locator('.sd-item', { hasText: 'Landkreis Zwickau' });
  await zwickau.click();
  await expect(zwickau.locator('input')).toBeChecked();

  // Half-way through the timeout the kiosk asks; an answer keeps the person's answers.
  const warning = page.getByRole('dialog', { name: 'Sind Sie noch da?' });
  await expect(warning).toBeVisible();
  await shot(page, '01-noch-da');
  await warning.getByRole('button', { name: 'Ja, weiter ausfüllen' }).click();
  await expect(warning).toBeHidden();
  await expect(zwickau.locator('input')).toBeChecked();

  // Nobody answers the second warning: the kiosk starts over.
  await expect(warning).toBeVisible();
  await expect(warning).toBeHidden({ timeout: 5000 });
  await expectStartScreen(page);
  await expect(page.getByText('Landkreis Zwickau')).toHaveCount(0);
  await shot(page, '02-zurueckgesetzt');
  await pressBack(page, 3);
  await expectNothingStored(page);

  // The next person sees an untouched questionnaire, not the half-filled one.
  await page.getByRole('button', { name: 'Jetzt teilnehmen' }).click();
  await expect(page.getByText(FIRST_QUESTION)).toBeVisible();
  await expect(zwickau.locator('input')).not.toBeChecked();

  expect(seen.submissions).toEqual([]);
  expect(await context.cookies()).toEqual([]);
  expect(seen.foreign).toEqual([]);
});

test('a visitor who prefers English can cancel; the next person starts in German with nothing filled in', async ({ page, context }) => {
  await page.goto('/kiosk/resilienz2026');
  await expect(page.getByText('oder 90 Sekunden lang nichts eingeben', { exact: false })).toBeVisible();
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('button', { name: 'Take part now' }).click();
  await expect(page.getByText('In which district or independent city do you live?')).toBeVisible();
  const zwickau = page.locator('.sd-item', { hasText: 'Zwickau district' });
  await zwickau.click();
  await expect(zwickau.locator('input')).toBeChecked();

  await page.getByRole('button', { name: 'Cancel', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Cancel the survey?' });
  await shot(page, 'abbrechen-englisch');
  await dialog.getByRole('button', { name: 'Yes, delete my answers' }).click();
  await expectStartScreen(page);
  await expect(page.getByText('Zwickau')).toHaveCount(0);
  await pressBack(page, 2);
  await expectNothingStored(page);
  expect(await context.cookies()).toEqual([]);
});

test('fällt beim Absenden das Netz aus, bleiben die Antworten im Speicher und gehen hinaus, sobald es zurück ist', async ({
  page,
  context,
  baseURL,
}) => {
  test.setTimeout(90_000);
  const seen = watch(page, baseURL ?? '');
  await page.goto('/kiosk/resilienz2026?leerlauf=60');
  await page.getByRole('button', { name: 'Jetzt teilnehmen' }).click();
  await completeQuestionnaire(page, () => context.setOffline(true));

  // No thank-you without the server's confirmation: the answers are kept, the next person may come.
  await expect(page.getByRole('heading', { name: 'Ihre Antworten sind vorgemerkt' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Vielen Dank!' })).toHaveCount(0);
  const waiting = page.getByText('1 Antwortbogen wartet auf die Übertragung.');
  await expect(waiting).toBeVisible();
  await shot(page, 'vorgemerkt');
  await expect(page.getByRole('button', { name: 'Jetzt teilnehmen' })).toBeVisible({ timeout: 15_000 });
  await expectStartScreen(page);
  await expect(waiting).toBeVisible();
  await expectNothingStored(page);

  // The connection returns: the kept answers go out by themselves and the note disappears.
  const stored = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/responses'));
  await context.setOffline(false);
  const response = await stored;
  expect(response.ok()).toBe(true);
  expect(((await response.json()) as { results: { status: string }[] }).results.map((r) => r.status)).toEqual(['stored']);
  await expect(waiting).toHaveCount(0);
  // Every attempt carried the same device-made id, so nothing can be stored twice.
  expect(seen.submissions.length).toBeGreaterThan(1);
  expect(new Set(seen.submissions.flatMap((s) => s.responses.map((r) => r.id))).size).toBe(1);
  expect(seen.foreign).toEqual([]);
});
