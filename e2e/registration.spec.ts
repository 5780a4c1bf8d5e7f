import { readFileSync } from 'node:fs';
import { expect, test, type APIRequestContext, type Browser, type Page } from '@playwright/test';
import { loadCredentials } from './credentials.ts';
import { signIn } from './helpers.ts';
import { writeQrVideo } from './fake-camera.ts';

// Registration with a waitlist: staff give a workshop of the upcoming Zukunftsforum one seat;
// two people register on their phones and confirm through the links in their e-mails (read from
// the outbox); the second waits. The first cancels, the second gets the offer by e-mail,
// accepts it, and the staff participant list shows who holds the seat. On the day, staff scan her
// QR ticket at the door with a phone camera; a second scan is flagged and not counted.

const SLUG = 'zukunftsforum-qualifizierung-2027';
const TITLE = 'Zukunftsforum Qualifizierung 2027';
const WORKSHOP = 'Qualifizierungsverbünde für kleine Zulieferbetriebe';

async function shot(page: Page, name: string) {
  await page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: true });
}

function heading(page: Page) {
  return page.getByRole('heading', { level: 1 });
}

interface Mail {
  to: string;
  subject: string;
  text: string | null;
  createdAt: string;
}

/** Signs in as the demo admin through the API: the outbox is for admins. */
async function adminApi(request: APIRequestContext) {
  const { admin } = loadCredentials();
  const me = await request.get('/api/auth/me');
  const csrf = ((await me.json()) as { csrfToken: string }).csrfToken;
  const login = await request.post('/api/auth/login', { data: admin, headers: { 'x-csrf-token': csrf } });
  expect(login.status()).toBe(200);
  /** The newest link of this kind in a mail to this address (the outbox lists the newest first). */
  return async (to: string, kind: 'bestaetigen' | 'selbst', subject?: RegExp): Promise<string> => {
    const pattern = kind === 'bestaetigen' ? /https?:\/\/\S+\/anmeldung\/bestaetigen#\S+/ : /https?:\/\/\S+\/anmeldung#\S+/;
    let found: string | undefined;
    await expect(async () => {
      const res = await request.get('/api/admin/outbox?limit=200&offset=0');
      expect(res.ok()).toBe(true);
      const { items } = (await res.json()) as { items: Mail[] };
      const mail = items.find((m) => m.to === to && (!subject || subject.test(m.subject)) && pattern.test(m.text ?? ''));
      found = mail?.text?.match(pattern)?.[0];
      expect(found, `Mail an ${to} (${kind})`).toBeTruthy();
    }).toPass({ timeout: 10_000 });
    // The link points at the server's PUBLIC_URL; the browser opens the same path on the base URL.
    const url = new URL(found!);
    return url.pathname + url.hash;
  };
}

async function phone(browser: Browser) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return { context, page, errors };
}

/** Fills the "Anmelden" form on the event page and sends it. */
async function register(page: Page, person: { name: string; email: string }) {
  await page.goto(`/veranstaltungen/${SLUG}`);
  await expect(heading(page)).toHaveText(TITLE);
  const form = page.getByRole('form', { name: 'Anmelden' });
  await form.getByLabel('Name', { exact: true }).fill(person.name);
  await form.getByLabel('E-Mail-Adresse').fill(person.email);
  await form.getByLabel(/^Organisation/).fill('Zulieferer Muster GmbH');
  await form.getByLabel('Sie nehmen teil als').selectOption({ label: 'Beschäftigte' });
  await form.getByRole('radio', { name: WORKSHOP }).check();
  await form.getByRole('button', { name: 'Anmelden' }).click();
  return form;
}

test('Warteliste: zwei Anmeldungen für einen Workshop mit einem Platz, Absage, Angebot, Annahme, Einlass per QR-Code', async ({
  browser,
  request,
  playwright,
}) => {
  test.setTimeout(240_000);
  const suffix = Date.now().toString(36);
  const first = { name: 'Erika Erste', email: `erika.${suffix}@example.org` };
  const second = { name: 'Zoran Zweiter', email: `zoran.${suffix}@example.org` };
  const mailLink = await adminApi(request);
  const { staff } = loadCredentials();

  // 1. Staff give the workshop exactly one seat.
  const staffContext = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  const staffPage = await staffContext.newPage();
  await signIn(staffPage, staff);
  await staffPage.goto(`/veranstaltungen/${SLUG}`);
  await staffPage.getByRole('link', { name: 'Veranstaltung bearbeiten' }).click();
  await expect(heading(staffPage)).toHaveText(TITLE);
  const section = staffPage.getByRole('region', { name: 'Kapazität und Anmeldungen' });
  const capacity = section.getByRole('form', { name: 'Kapazität' });
  await capacity.getByLabel(`Plätze: ${WORKSHOP}`).fill('1');
  await capacity.getByRole('button', { name: 'Kapazität speichern' }).click();
  await expect(staffPage.getByRole('status').filter({ hasText: 'Kapazität und Anmeldeschluss sind gespeichert.' })).toBeVisible();
  await expect(section.getByRole('form', { name: 'Kapazität' }).getByLabel(`Plätze: ${WORKSHOP}`)).toHaveValue('1');
  await section.scrollIntoViewIfNeeded();
  await shot(staffPage, '01-kapazitaet-workshop-ein-platz');

  // 2. The first person registers; without consent the form says what is missing, at the field.
  const a = await phone(browser);
  await a.page.goto(`/veranstaltungen/${SLUG}`);
  const formA = a.page.getByRole('form', { name: 'Anmelden' });
  await expect(formA.getByText('Datenschutz', { exact: true })).toBeVisible();
  await expect(formA).toContainText('90 Tage nach der Veranstaltung');
  await expect(formA.locator('.registration-slot').filter({ hasText: WORKSHOP })).toContainText('noch 1 Platz frei');
  await formA.getByRole('button', { name: 'Anmelden' }).click();
  await expect(a.page.getByRole('alert').filter({ hasText: 'Bitte prüfen Sie die markierten Angaben.' })).toBeVisible();
  await register(a.page, first);
  await expect(formA.locator('#anmeldung-consent-error')).toContainText('Bitte stimmen Sie der Speicherung');
  await formA.getByRole('checkbox', { name: /Hinweise zum Datenschutz/ }).check();
  await shot(a.page, '02-anmeldung-formular-telefon');
  await formA.getByRole('button', { name: 'Anmelden' }).click();
  await expect(
    a.page.getByRole('status').filter({ hasText: 'Bitte bestätigen Sie Ihre Anmeldung über den Link in der E-Mail.' }),
  ).toBeVisible();
  await shot(a.page, '03-anmeldung-gesendet');

  // 3. The link from the e-mail confirms: the seat and the workshop are hers; the token leaves the address bar.
  await a.page.goto(await mailLink(first.email, 'bestaetigen'));
  await expect(heading(a.page)).toHaveText('Ihre Anmeldung ist bestätigt');
  await expect(a.page).toHaveURL(/\/anmeldung\/bestaetigen$/);
  await expect(a.page.locator('.registration-workshop').filter({ hasText: WORKSHOP })).toContainText('bestätigt');
  await shot(a.page, '04-bestaetigt-erste');

  // 4. The second person registers for the same workshop and lands on its waitlist.
  const b = await phone(browser);
  const formB = await register(b.page, second);
  await expect(formB.locator('.registration-slot').filter({ hasText: WORKSHOP })).toContainText(
    'ausgebucht: Sie kommen auf die Warteliste',
  );
  await formB.getByRole('checkbox', { name: /Hinweise zum Datenschutz/ }).check();
  await formB.getByRole('button', { name: 'Anmelden' }).click();
  await expect(
    b.page.getByRole('status').filter({ hasText: 'Bitte bestätigen Sie Ihre Anmeldung über den Link in der E-Mail.' }),
  ).toBeVisible();
  await b.page.goto(await mailLink(second.email, 'bestaetigen'));
  await expect(heading(b.page)).toHaveText('Ihre Anmeldung ist bestätigt');
  await expect(b.page.locator('.registration-workshop').filter({ hasText: WORKSHOP })).toContainText('Warteliste, Platz 1');
  await shot(b.page, '05-warteliste-zweiter');

  // 5. The first person cancels on her self-service page, after confirming.
  await a.page.goto(await mailLink(first.email, 'selbst'));
  await expect(heading(a.page)).toHaveText('Ihre Anmeldung');
  await expect(a.page).toHaveURL(/\/anmeldung$/);
  await a.page.getByRole('button', { name: 'Anmeldung absagen' }).click();
  const dialog = a.page.getByRole('dialog', { name: 'Anmeldung wirklich absagen?' });
  await expect(dialog).toContainText(TITLE);
  await shot(a.page, '06-absage-rueckfrage');
  await dialog.getByRole('button', { name: 'Ja, absagen' }).click();
  await expect(a.page.getByRole('status').filter({ hasText: 'Ihre Anmeldung ist abgesagt.' })).toBeVisible();
  await expect(a.page.locator('.registration-seat')).toContainText('abgesagt');
  await shot(a.page, '07-abgesagt');

  // 6. The second person gets the offer by e-mail, sees it on the self-service page and accepts it.
  await b.page.goto(await mailLink(second.email, 'selbst', /Ein Platz ist frei geworden/));
  await expect(heading(b.page)).toHaveText('Ihre Anmeldung');
  const offered = b.page.locator('.registration-workshop').filter({ hasText: WORKSHOP });
  await expect(offered).toContainText(/Angebot bis .+ Uhr/);
  // The long deadline wraps: nothing is wider than the phone.
  expect(await b.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
  await shot(b.page, '08-angebot');
  await offered.getByRole('button', { name: `Platz annehmen: ${WORKSHOP}` }).click();
  await expect(b.page.getByRole('status').filter({ hasText: 'Sie haben den Workshop-Platz angenommen.' })).toBeVisible();
  await expect(offered).toContainText('bestätigt');
  await shot(b.page, '09-angenommen');

  // 7. Staff see the counts and the participant list, and can download it.
  await staffPage.reload();
  const counts = section.getByRole('table', { name: 'Anmeldungen nach Stand' });
  const workshopRow = counts.getByRole('row').filter({ hasText: WORKSHOP });
  // Cells after the workshop's name: seats, confirmed, waitlist, open offers, unconfirmed (event only), cancelled, expired.
  await expect(workshopRow.getByRole('cell')).toHaveText(['1', '1', '0', '0', '–', '1', '0']);
  const participants = section.getByRole('table', { name: /Teilnehmerliste/ });
  await expect(participants.getByRole('row').filter({ hasText: second.name })).toContainText(`${WORKSHOP}: bestätigt`);
  await expect(participants.getByRole('row').filter({ hasText: first.name })).toContainText('abgesagt');
  const [download] = await Promise.all([
    staffPage.waitForEvent('download'),
    section.getByRole('link', { name: 'Teilnehmerliste (CSV)' }).click(),
  ]);
  expect(readFileSync(await download.path(), 'utf8')).toContain(second.name);
  await participants.scrollIntoViewIfNeeded();
  await shot(staffPage, '10-teilnehmerliste');

  // 8. On the day: the promoted person shows the QR ticket from her self-service page, and staff
  // scan it at the door with the phone's camera (Chromium's fake camera plays a video of it).
  const ticketSection = b.page.getByRole('region', { name: 'Ihr Ticket' });
  await expect(ticketSection.getByRole('img', { name: `QR-Code: Ticket für ${second.name}` })).toBeVisible();
  await ticketSection.getByText('Code als Text anzeigen').click();
  const ticket = (await ticketSection.getByTestId('ticket-code').textContent())!.trim();
  await shot(b.page, '11-ticket');
  const video = test.info().outputPath('ticket.y4m');
  writeQrVideo(video, ticket);
  const { launchOptions, baseURL } = test.info().project.use;
  const cameraBrowser = await playwright.chromium.launch({
    ...launchOptions,
    args: [
      ...(launchOptions?.args ?? []),
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-video-capture=${video}`,
    ],
  });
  const door = await cameraBrowser.newContext({
    baseURL,
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
    permissions: ['camera'],
  });
  const doorPage = await door.newPage();
  const doorErrors: string[] = [];
  doorPage.on('pageerror', (error) => doorErrors.push(error.message));
  await signIn(doorPage, staff);
  await doorPage.goto(new URL(staffPage.url()).pathname);
  await doorPage.getByRole('link', { name: 'Einlass öffnen (Check-in am Smartphone)' }).click();
  await expect(heading(doorPage)).toHaveText(`Einlass: ${TITLE}`);
  const doorCounter = doorPage.locator('.checkin-counter');
  await expect(doorCounter).toContainText(/Eingecheckt: 0 von \d+ bestätigten Anmeldungen/);
  await doorPage.getByRole('button', { name: 'Kamera starten' }).click();
  const verdict = doorPage.locator('.checkin-outcome');
  await expect(verdict).toContainText(`Willkommen, ${second.name}!`, { timeout: 20_000 });
  await expect(verdict).toHaveAttribute('data-status', 'checked_in');
  await expect(doorCounter).toContainText(/Eingecheckt: 1 von \d+ bestätigten Anmeldungen/);
  await shot(doorPage, '12-einlass-qr-gescannt');
  // Scanned again (camera off and on): flagged as a second scan, not counted twice.
  await doorPage.getByRole('button', { name: 'Kamera beenden' }).click();
  await doorPage.getByRole('button', { name: 'Kamera starten' }).click();
  await expect(verdict).toHaveAttribute('data-status', 'duplicate', { timeout: 20_000 });
  await expect(verdict).toContainText(/Bereits eingecheckt um \d\d:\d\d Uhr/);
  await expect(doorCounter).toContainText(/Eingecheckt: 1 von \d+ bestätigten Anmeldungen/);
  await doorPage.getByRole('button', { name: 'Kamera beenden' }).click();
  await shot(doorPage, '13-einlass-doppelt-gescannt');

  expect([...a.errors, ...b.errors, ...doorErrors]).toEqual([]);
  await Promise.all([a.context.close(), b.context.close(), staffContext.close(), door.close()]);
  await cameraBrowser.close();
});
