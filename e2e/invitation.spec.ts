import { expect, test, type APIRequestContext } from '@playwright/test';
import { loadCredentials } from './credentials.ts';

// A panel wave: only people with a single-use code from their letter may answer. Staff set
// the wave up through the API here (the UI journey for that lives in study-admin.spec.ts).
test.use({ viewport: { width: 390, height: 844 } });

const QUESTIONNAIRE = {
  title: { default: 'Panel-Kurzbefragung', en: 'Panel short survey' },
  pages: [
    {
      name: 'seite_1',
      elements: [
        {
          type: 'radiogroup',
          name: 'zuversicht',
          isRequired: true,
          title: { default: 'Wie zuversichtlich sind Sie für Ihre Region?', en: 'How confident are you about your region?' },
          choices: [
            { value: 1, text: { default: 'wenig zuversichtlich', en: 'not confident' } },
            { value: 2, text: { default: 'sehr zuversichtlich', en: 'very confident' } },
          ],
        },
      ],
    },
  ],
};

/** Signs in as the demo staff member through the API (cookie + CSRF token in this request context). */
async function staffApi(request: APIRequestContext) {
  const { staff } = loadCredentials();
  const me = await request.get('/api/auth/me');
  let csrf = ((await me.json()) as { csrfToken: string }).csrfToken;
  const login = await request.post('/api/auth/login', { data: staff, headers: { 'x-csrf-token': csrf } });
  expect(login.status()).toBe(200);
  csrf = ((await login.json()) as { csrfToken: string }).csrfToken;
  return async <T>(method: 'POST' | 'GET', url: string, data?: unknown): Promise<T> => {
    const res = await request.fetch(url, { method, headers: { 'x-csrf-token': csrf }, ...(data !== undefined && { data }) });
    expect(res.ok(), `${method} ${url}: ${await res.text()}`).toBe(true);
    return (await res.json()) as T;
  };
}

test('mit einem Einladungscode kann genau einmal teilgenommen werden', async ({ browser, request }) => {
  const call = await staffApi(request);
  const today = new Date().toISOString().slice(0, 10);
  const study = await call<{ id: string; versions: { id: string }[] }>('POST', '/api/studies', {
    slug: `panel-${Date.now()}`,
    title: 'Panel Südwestsachsen',
    description: '',
    definition: QUESTIONNAIRE,
  });
  const draft = await call<{ id: string; code: string; version: number }>('POST', `/api/studies/${study.id}/waves`, {
    name: 'Panelwelle 1',
    opensOn: today,
    closesOn: `${today.slice(0, 4)}-12-31`,
    channels: ['online'],
    consentDe: 'Ihre Antworten bleiben anonym; der Code wird nicht mit ihnen gespeichert.',
    consentEn: 'Your answers stay anonymous; the code is not stored with them.',
    districts: ['14511'],
    versionId: study.versions[0]!.id,
    invitationOnly: true,
  });
  await call('POST', `/api/waves/${draft.id}/publish`, { version: draft.version });
  const codes = await call<{ items: { code: string }[] }>('POST', `/api/waves/${draft.id}/invitations`, { count: 2 });
  const invite = codes.items[0]!.code;

  // The link of the QR code on the letter: the code arrives filled in.
  const first = await browser.newContext({ locale: 'de-DE' });
  const page = await first.newPage();
  await page.goto(`/b/${draft.code}?einladung=${invite}`);
  await expect(page).toHaveURL(new RegExp(`/befragung/${draft.code}\\?einladung=${invite}$`));
  await expect(page.getByLabel('Einladungscode')).toHaveValue(invite);
  await page.getByRole('button', { name: 'Befragung beginnen' }).click();
  await page.locator('.sd-item', { hasText: 'sehr zuversichtlich' }).click();
  await page.getByRole('button', { name: 'Abschließen' }).click();
  await expect(page.getByRole('heading', { name: 'Vielen Dank!' })).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('01-panel-danke.png'), fullPage: true });
  expect(await first.cookies()).toEqual([]);
  await first.close();

  // Someone else tries the same code: refused before the first question, in plain German.
  const second = await browser.newContext({ locale: 'de-DE' });
  const again = await second.newPage();
  await again.goto(`/befragung/${draft.code}`);
  await again.getByLabel('Einladungscode').fill(invite.toUpperCase());
  await again.getByRole('button', { name: 'Befragung beginnen' }).click();
  await expect(again.getByText('Dieser Einladungscode wurde bereits verwendet.')).toBeVisible();
  await expect(again.locator('.sd-question')).toHaveCount(0);
  // A mistyped code gets a format hint, not a server round trip.
  await again.getByLabel('Einladungscode').fill('abc');
  await again.getByRole('button', { name: 'Befragung beginnen' }).click();
  await expect(again.getByText('Ein Einladungscode besteht aus 10 Buchstaben und Ziffern.')).toBeVisible();
  await again.screenshot({ path: test.info().outputPath('02-code-verbraucht.png'), fullPage: true });
  await second.close();

  const list = await call<{ total: number; used: number }>('GET', `/api/waves/${draft.id}/invitations`);
  expect(list).toMatchObject({ total: 2, used: 1 });
});
