import { expect, test, type Page } from '@playwright/test';
import { loadCredentials } from './credentials.ts';
import { completeQuestionnaire } from './helpers.ts';

// An interviewer with a tablet at a market stall: sign in once, then interviews without network.
const WAVE = 'resilienz2026';
const PLACE = 'Bürgerforum Chemnitz, Markt';
const SUBMIT = `**/api/study/waves/${WAVE}/responses`;
test.use({ viewport: { width: 820, height: 1180 } });

async function signInAndChoose(page: Page) {
  const { staff } = loadCredentials();
  await page.goto('/interview');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Interviews erfassen');
  await page.getByRole('main').getByRole('link', { name: 'Anmelden' }).click();
  await page.getByLabel('E-Mail-Adresse').fill(staff.email);
  await page.getByLabel('Passwort', { exact: true }).fill(staff.password);
  await page.getByRole('button', { name: 'Anmelden' }).click();
  // Back on /interview after the sign-in: choose wave and place.
  await expect(page).toHaveURL(/\/interview$/);
  await page.getByLabel('Befragungswelle').selectOption(WAVE);
  await page.getByLabel('Ort der Interviews').fill(PLACE);
  await page.screenshot({ path: test.info().outputPath('00-welle-und-ort.png'), fullPage: true });
  await page.getByRole('button', { name: 'Interviews beginnen' }).click();
  await expect(page).toHaveURL(new RegExp(`/interview/${WAVE}$`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Resilienz-Studie Südwestsachsen');
  await expect(page.getByText(`Ort: ${PLACE}.`)).toBeVisible();
}

/** One interview from the start button to "Interview gespeichert"; the questionnaire must start empty. */
async function conductInterview(page: Page, start: 'Interview beginnen' | 'Nächstes Interview beginnen') {
  await page.getByRole('button', { name: start, exact: true }).click();
  await expect(page.getByText('In welchem Landkreis oder in welcher kreisfreien Stadt wohnen Sie?')).toBeVisible();
  // A fresh questionnaire: nothing of the previous respondent is filled in.
  await expect(page.locator('.sd-question input:checked')).toHaveCount(0);
  await completeQuestionnaire(page);
  await expect(page.getByRole('heading', { name: 'Interview gespeichert' })).toBeVisible();
}

const counter = (page: Page) => page.locator('.interviewer-counter');

/** Interviews of the demo wave on the server, channel "interviewer" (the staff may read the wave's figures). */
async function interviewsOnServer(page: Page): Promise<number> {
  const studies = await (await page.request.get('/api/studies')).json();
  const study = studies.items.find((s: { slug: string }) => s.slug === 'resilienz-suedwestsachsen');
  const detail = await (await page.request.get(`/api/studies/${study.id}`)).json();
  const wave = detail.waves.find((w: { code: string }) => w.code === WAVE);
  const overview = (await (await page.request.get(`/api/waves/${wave.id}/overview`)).json()) as {
    channels: { channel: string; complete: number }[];
  };
  return overview.channels.find((c) => c.channel === 'interviewer')?.complete ?? 0;
}

/** What the tablet holds in IndexedDB (read the way the browser's developer tools would). */
function interviewsOnDevice(page: Page) {
  return page.evaluate(
    () =>
      new Promise<{ id: string; place: string; collectedOn: string; status: string }[]>((resolve, reject) => {
        const open = indexedDB.open('itas-interviewer');
        open.onerror = () => reject(open.error ?? new Error('IndexedDB'));
        open.onsuccess = () => {
          const request = open.result.transaction('interviews').objectStore('interviews').getAll();
          request.onerror = () => reject(request.error ?? new Error('IndexedDB'));
          request.onsuccess = () => {
            open.result.close();
            resolve(request.result as { id: string; place: string; collectedOn: string; status: string }[]);
          };
        };
      }),
  );
}

const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(new Date());

test('eine Interviewerin erfasst drei Interviews ohne Netz und überträgt sie danach', async ({ page, context }) => {
  test.setTimeout(180_000);
  await signInAndChoose(page);
  // Only once the app and the questionnaire are on the device does she leave the network.
  await expect(page.getByText('Bereit für den Offline-Einsatz', { exact: false })).toBeVisible({ timeout: 30_000 });
  await expect(counter(page)).toHaveText('Keine Interviews warten auf Übertragung.');
  const before = await interviewsOnServer(page);

  await context.setOffline(true);
  expect(
    await page.evaluate(() =>
      fetch('/api/meta').then(
        () => 'online',
        () => 'offline',
      ),
    ),
  ).toBe('offline');
  await conductInterview(page, 'Interview beginnen');
  await expect(counter(page)).toHaveText('1 Interview wartet auf Übertragung.');
  await conductInterview(page, 'Nächstes Interview beginnen');
  await conductInterview(page, 'Nächstes Interview beginnen');
  await expect(counter(page)).toHaveText('3 Interviews warten auf Übertragung.');
  await expect(page.getByText('Kein Netz: Die Interviews bleiben auf dem Gerät')).toBeVisible();
  const saved = await interviewsOnDevice(page);
  expect(saved).toHaveLength(3);
  expect(new Set(saved.map((i) => i.id)).size).toBe(3);
  for (const i of saved) expect(i).toMatchObject({ place: PLACE, collectedOn: today(), status: 'pending' });
  await page.screenshot({ path: test.info().outputPath('01-offline-drei-interviews.png'), fullPage: true });

  // Still offline: a reload comes from the service worker, and the queue from the device.
  const reloaded = await page.reload();
  expect(reloaded?.fromServiceWorker()).toBe(true);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Resilienz-Studie Südwestsachsen');
  await expect(counter(page)).toHaveText('3 Interviews warten auf Übertragung.');
  await expect(page.getByText('Bereit für den Offline-Einsatz', { exact: false })).toBeVisible();
  await expect(page.getByText('zuletzt angemeldet als Demo Mitarbeiterin (IHK)', { exact: false })).toBeVisible();
  expect(await interviewsOnServer(page)).toBe(before);
  await page.screenshot({ path: test.info().outputPath('02-offline-neu-geladen.png'), fullPage: true });

  // Back online: the upload starts by itself.
  const uploads: { stored: number; duplicate: number }[] = [];
  page.on('response', async (response) => {
    if (response.url().endsWith(`/api/study/waves/${WAVE}/responses`)) uploads.push((await response.json()).counts);
  });
  await context.setOffline(false);
  await expect(counter(page)).toHaveText('Keine Interviews warten auf Übertragung.', { timeout: 30_000 });
  await expect(page.getByText('Zuletzt übertragen: 3 Interviews', { exact: false })).toBeVisible();
  expect(await interviewsOnDevice(page)).toEqual([]);
  expect(uploads).toEqual([expect.objectContaining({ stored: 3, duplicate: 0 })]);
  expect(await interviewsOnServer(page)).toBe(before + 3);
  await page.screenshot({ path: test.info().outputPath('03-uebertragen.png'), fullPage: true });
});

test.describe('a lost answer of the server', () => {
  // Without the service worker, so the test sees (and can cut) every upload request of the page.
  test.use({ serviceWorkers: 'block' });

  test('the same interviews sent again are stored exactly once', async ({ page, context }) => {
    test.setTimeout(120_000);
    await signInAndChoose(page);
    const before = await interviewsOnServer(page);

    await context.setOffline(true);
    await conductInterview(page, 'Interview beginnen');
    await conductInterview(page, 'Nächstes Interview beginnen');
    await expect(counter(page)).toHaveText('2 Interviews warten auf Übertragung.');

    // The first upload reaches the server, which stores both, but its answer is lost on the way back.
    const answers: { stored: number; duplicate: number }[] = [];
    await page.route(SUBMIT, async (route) => {
      const response = await route.fetch();
      answers.push((await response.json()).counts);
      if (answers.length === 1) await route.abort('connectionreset');
      else await route.fulfill({ response });
    });
    await context.setOffline(false);
    await expect.poll(() => answers.length, { timeout: 20_000 }).toBeGreaterThanOrEqual(1);
    expect(answers[0]).toMatchObject({ stored: 2, duplicate: 0 });
    // The tablet could not know: it keeps both and tries again after a pause.
    await expect(page.getByText('Die Übertragung hat nicht geklappt', { exact: false })).toBeVisible();

    await expect(counter(page)).toHaveText('Keine Interviews warten auf Übertragung.', { timeout: 30_000 });
    expect(answers).toEqual([expect.objectContaining({ stored: 2 }), expect.objectContaining({ stored: 0, duplicate: 2 })]);
    expect(await interviewsOnServer(page)).toBe(before + 2);
  });
});

test('endet die Sitzung mitten am Tag, bleiben die Interviews auf dem Gerät, bis die Interviewerin sich neu anmeldet', async ({
  page,
  context,
}) => {
  test.setTimeout(120_000);
  const { staff } = loadCredentials();
  await signInAndChoose(page);
  const before = await interviewsOnServer(page);
  await context.setOffline(true);
  await conductInterview(page, 'Interview beginnen');

  // Meanwhile the session ended (here: its cookie is gone); back online, the upload meets a 401.
  await context.clearCookies();
  await context.setOffline(false);
  await expect(page.getByText('Ihre Anmeldung ist abgelaufen.', { exact: false })).toBeVisible({ timeout: 20_000 });
  await expect(counter(page)).toHaveText('1 Interview wartet auf Übertragung.');
  expect(await interviewsOnDevice(page)).toHaveLength(1);

  await page.getByRole('link', { name: 'Erneut anmelden' }).click();
  await page.getByLabel('E-Mail-Adresse').fill(staff.email);
  await page.getByLabel('Passwort', { exact: true }).fill(staff.password);
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await expect(page).toHaveURL(new RegExp(`/interview/${WAVE}$`));
  await expect(counter(page)).toHaveText('Keine Interviews warten auf Übertragung.', { timeout: 20_000 });
  expect(await interviewsOnServer(page)).toBe(before + 1);
});
