import { readFileSync } from 'node:fs';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { loadCredentials } from './credentials.ts';
import { signIn } from './helpers.ts';

// Check-in at the door: three people register for a new event and confirm through the links in
// their e-mails; the first finds her QR ticket on her self-service page. Staff open the check-in
// page on a phone, check in one person by name (typed without accents), one by her ticket code,
// see the second scan of that ticket flagged, refuse a forged code, then lose the network, reload
// the page (it comes from the service worker, the list from the device), check in the third
// person offline, and see everything uploaded when the network is back.

async function shot(page: Page, name: string) {
  await page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: true });
}

interface Mail {
  to: string;
  subject: string;
  text: string | null;
}

/** The demo admin through the API (the outbox is for admins); requests carry the CSRF token. */
async function adminApi(request: APIRequestContext) {
  const { admin } = loadCredentials();
  const csrf = async () => ((await (await request.get('/api/auth/me')).json()) as { csrfToken: string }).csrfToken;
  const login = await request.post('/api/auth/login', { data: admin, headers: { 'x-csrf-token': await csrf() } });
  expect(login.status()).toBe(200);
  const token = await csrf();
  const post = async (url: string, data: unknown) => {
    const res = await request.post(url, { data, headers: { 'x-csrf-token': token } });
    expect(res.status(), await res.text()).toBeLessThan(300);
    return res;
  };
  /** The newest link of this kind in a mail to this address. */
  const mailLink = async (to: string, kind: 'bestaetigen' | 'selbst'): Promise<string> => {
    const pattern = kind === 'bestaetigen' ? /https?:\/\/\S+\/anmeldung\/bestaetigen#\S+/ : /https?:\/\/\S+\/anmeldung#\S+/;
    let found: string | undefined;
    await expect(async () => {
      const res = await request.get('/api/admin/outbox?limit=200&offset=0');
      const { items } = (await res.json()) as { items: Mail[] };
      found = items.find((m) => m.to === to && pattern.test(m.text ?? ''))?.text?.match(pattern)?.[0];
      expect(found, `Mail an ${to} (${kind})`).toBeTruthy();
    }).toPass({ timeout: 10_000 });
    const url = new URL(found!);
    return url.pathname + url.hash;
  };
  return { post, mailLink, get: (url: string) => request.get(url) };
}

type AdminApi = Awaited<ReturnType<typeof adminApi>>;

async function createEvent(api: AdminApi, slug: string, title: string) {
  return (await (
    await api.post('/api/events', {
      slug,
      seriesId: null,
      title,
      format: 'zukunftsforum',
      startsAt: '2027-05-20T09:00:00+02:00',
      endsAt: '2027-05-20T16:00:00+02:00',
      venue: { name: 'Stadthalle Zwickau', street: 'Bergmannstraße 1', postalCode: '08056', city: 'Zwickau' },
      organisers: ['cwe'],
      fieldsOfAction: [],
      visibility: 'public',
      description: '',
    })
  ).json()) as { id: string; slug: string };
}

async function register(api: AdminApi, slug: string, person: { name: string; email: string; organisation: string }) {
  await api.post(`/api/events/${slug}/registrations`, {
    ...person,
    participantType: 'buerger',
    accessibilityNeeds: '',
    workshopSessionIds: [],
    consent: true,
  });
}

test('Einlass: Ticket und Namenssuche, doppelter Scan, offline einchecken und nachträglich übertragen', async ({ browser, request }) => {
  test.setTimeout(180_000);
  const suffix = Date.now().toString(36);
  const api = await adminApi(request);
  const title = `Zukunftsforum Einlass ${suffix}`;
  const event = await createEvent(api, `einlass-${suffix}`, title);

  const people = [
    { name: 'Łucja Żółć', email: `lucja.${suffix}@example.org`, organisation: 'Politechnika Wrocławska' },
    { name: 'Jürgen Schäfer', email: `juergen.${suffix}@example.org`, organisation: 'Stadt Zwickau' },
    { name: 'Carla Groß', email: `carla.${suffix}@example.org`, organisation: 'Groß & Söhne GmbH' },
  ];
  for (const p of people) await register(api, event.slug, p);
  // Jürgen and Carla confirm through the API; Łucja opens her links on her phone.
  for (const p of people.slice(1)) {
    const link = await api.mailLink(p.email, 'bestaetigen');
    await api.post('/api/registrations/confirm', { token: link.split('#')[1] });
  }

  const guestContext = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const guest = await guestContext.newPage();
  const errors: string[] = [];
  guest.on('pageerror', (error) => errors.push(error.message));
  await guest.goto(await api.mailLink(people[0]!.email, 'bestaetigen'));
  await expect(guest.getByRole('heading', { level: 1 })).toHaveText('Ihre Anmeldung ist bestätigt');
  await guest.goto(await api.mailLink(people[0]!.email, 'selbst'));
  const ticketSection = guest.getByRole('region', { name: 'Ihr Ticket' });
  await expect(ticketSection).toContainText('Bitte zeigen Sie diesen Code beim Einlass vor');
  await expect(ticketSection.getByRole('img', { name: `QR-Code: Ticket für ${people[0]!.name}` })).toBeVisible();
  await ticketSection.getByText('Code als Text anzeigen').click();
  const ticket = (await ticketSection.getByTestId('ticket-code').textContent())!.trim();
  expect(ticket).toMatch(/^ITAS1\./);
  await shot(guest, '01-ticket-selbstauskunft');

  // Staff open the event on a phone and go to the door.
  const { staff } = loadCredentials();
  const door = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, acceptDownloads: true });
  const page = await door.newPage();
  page.on('pageerror', (error) => errors.push(error.message));
  await signIn(page, staff);
  await page.goto(`/verwaltung/veranstaltungen/${event.id}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);

  const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /Namensschilder als PDF/ }).click()]);
  expect(
    readFileSync(await pdf.path())
      .subarray(0, 5)
      .toString(),
  ).toBe('%PDF-');

  await page.getByRole('link', { name: 'Einlass öffnen (Check-in am Smartphone)' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Einlass: ${title}`);
  const counter = page.locator('.checkin-counter');
  await expect(counter).toHaveText('Eingecheckt: 0 von 3 bestätigten Anmeldungen');
  await expect(page.getByText('Online – Check-ins werden sofort übertragen.')).toBeVisible();
  const verdict = page.locator('.checkin-outcome');

  // By name, typed without accents.
  await page.getByLabel('Name oder Organisation').fill('jurgen schafer');
  await page.getByRole('button', { name: 'Jürgen Schäfer einchecken' }).click();
  await expect(verdict).toHaveAttribute('data-status', 'checked_in');
  await expect(verdict).toContainText('Willkommen, Jürgen Schäfer!');
  await expect(verdict).toHaveAttribute('aria-live', 'assertive');
  await shot(page, '02-einlass-name-eingecheckt');

  // By ticket code (the camera cannot run here), then the same ticket again.
  const code = page.getByLabel('Code eingeben');
  await code.fill(ticket);
  await page.getByRole('button', { name: 'Prüfen' }).click();
  await expect(verdict).toContainText(`Willkommen, ${people[0]!.name}!`);
  await expect(counter).toHaveText('Eingecheckt: 2 von 3 bestätigten Anmeldungen');
  await code.fill(ticket);
  await page.getByRole('button', { name: 'Prüfen' }).click();
  await expect(verdict).toHaveAttribute('data-status', 'duplicate');
  await expect(verdict).toContainText(/Bereits eingecheckt um \d\d:\d\d Uhr/);
  await expect(verdict).toHaveClass(/checkin-outcome-warn/);
  await expect(counter).toHaveText('Eingecheckt: 2 von 3 bestätigten Anmeldungen');
  await shot(page, '03-einlass-doppelt');

  // A forged code: red, in words.
  await code.fill(`${ticket.slice(0, -3)}xyz`);
  await page.getByRole('button', { name: 'Prüfen' }).click();
  await expect(verdict).toHaveClass(/checkin-outcome-bad/);
  await expect(verdict).toContainText('Ungültiges Ticket');
  await expect(page.getByText('Alle Check-ins sind übertragen.')).toBeVisible();
  await expect(verdict).toHaveAttribute('data-status', 'invalid');
  await shot(page, '04-einlass-ungueltig');

  // The page itself is stored on the phone before the network goes.
  await expect(page.locator('[data-offline-status="ready"]')).toHaveText(
    'Die Seite ist auf diesem Gerät gespeichert und öffnet sich auch ohne Netz.',
    { timeout: 30_000 },
  );

  // Offline, and the page is reloaded: it comes from the service worker, the list and the signed-in person from the device.
  await door.setOffline(true);
  await expect(page.getByText(/Offline – Check-ins werden auf diesem Gerät gespeichert/)).toBeVisible();
  expect(
    await page.evaluate(() =>
      fetch('/api/meta').then(
        () => 'online',
        () => 'offline',
      ),
    ),
  ).toBe('offline');
  const reloaded = await page.reload();
  expect(reloaded?.fromServiceWorker()).toBe(true);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Einlass: ${title}`);
  await expect(page.getByText(/Offline – Check-ins werden auf diesem Gerät gespeichert/)).toBeVisible();
  await expect(page.getByText('zuletzt angemeldet als Demo Mitarbeiterin (IHK)', { exact: false })).toBeVisible();
  await expect(counter).toHaveText('Eingecheckt: 2 von 3 bestätigten Anmeldungen');
  await expect(page.getByText('Alle Check-ins sind übertragen.')).toBeVisible();
  await shot(page, '05-einlass-offline-neu-geladen');

  // The check-in is stored on the device and shown at once.
  await page.getByLabel('Name oder Organisation').fill('gross sohne');
  await page.getByRole('button', { name: 'Carla Groß einchecken' }).click();
  await expect(verdict).toContainText('Willkommen, Carla Groß!');
  await expect(page.getByText('1 Check-in wartet auf Übertragung.')).toBeVisible();
  await expect(counter).toHaveText('Eingecheckt: 3 von 3 bestätigten Anmeldungen');
  await shot(page, '06-einlass-offline');

  // Back online: uploaded by itself, and the server counts the same.
  await door.setOffline(false);
  await expect(page.getByText('Online – Check-ins werden sofort übertragen.')).toBeVisible();
  await expect(page.getByText('Alle Check-ins sind übertragen.')).toBeVisible({ timeout: 15_000 });
  await expect(counter).toHaveText('Eingecheckt: 3 von 3 bestätigten Anmeldungen');
  const server = (await (await api.get(`/api/events/${event.id}/checkin`)).json()) as { counts: { checkedIn: number; confirmed: number } };
  expect(server.counts).toEqual({ checkedIn: 3, confirmed: 3 });
  await shot(page, '07-einlass-wieder-online');

  expect(errors).toEqual([]);
  await Promise.all([guestContext.close(), door.close()]);
});

test('Einlass ohne Netz neu geladen, Sitzung inzwischen abgelaufen: der Check-in wartet bis zur neuen Anmeldung', async ({
  browser,
  request,
}) => {
  test.setTimeout(120_000);
  const suffix = Date.now().toString(36);
  const api = await adminApi(request);
  const title = `Bürgerforum Einlass ${suffix}`;
  const event = await createEvent(api, `einlass-sitzung-${suffix}`, title);
  const person = { name: 'Aylin Öztürk', email: `aylin.${suffix}@example.org`, organisation: 'Westsächsische Hochschule Zwickau' };
  await register(api, event.slug, person);
  const link = await api.mailLink(person.email, 'bestaetigen');
  await api.post('/api/registrations/confirm', { token: link.split('#')[1] });

  const { staff } = loadCredentials();
  const door = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const page = await door.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await signIn(page, staff);
  const doorPath = `/verwaltung/veranstaltungen/${event.id}/einlass`;
  await page.goto(doorPath);
  const counter = page.locator('.checkin-counter');
  await expect(counter).toHaveText('Eingecheckt: 0 von 1 bestätigten Anmeldungen');
  await expect(page.locator('[data-offline-status="ready"]')).toBeVisible({ timeout: 30_000 });

  await door.setOffline(true);
  expect((await page.reload())?.fromServiceWorker()).toBe(true);
  await page.getByLabel('Name oder Organisation').fill('ozturk');
  await page.getByRole('button', { name: 'Aylin Öztürk einchecken' }).click();
  await expect(page.locator('.checkin-outcome')).toContainText('Willkommen, Aylin Öztürk!');
  await expect(page.getByText('1 Check-in wartet auf Übertragung.')).toBeVisible();

  // Meanwhile the session ended (here: its cookie is gone); back online, the upload meets a 401 and the scan stays.
  await door.clearCookies();
  await door.setOffline(false);
  await expect(page.getByText('Ihre Anmeldung ist abgelaufen.', { exact: false })).toBeVisible({ timeout: 20_000 });
  await expect(page.getByText('1 Check-in wartet auf Übertragung.')).toBeVisible();
  await expect(counter).toHaveText('Eingecheckt: 1 von 1 bestätigten Anmeldungen');
  await shot(page, '08-einlass-anmeldung-abgelaufen');

  await page.getByRole('link', { name: 'Erneut anmelden' }).click();
  await page.getByLabel('E-Mail-Adresse').fill(staff.email);
  await page.getByLabel('Passwort', { exact: true }).fill(staff.password);
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await expect(page).toHaveURL(new RegExp(`${doorPath}$`));
  await expect(page.getByText('Alle Check-ins sind übertragen.')).toBeVisible({ timeout: 20_000 });
  const server = (await (await api.get(`/api/events/${event.id}/checkin`)).json()) as { counts: { checkedIn: number; confirmed: number } };
  expect(server.counts).toEqual({ checkedIn: 1, confirmed: 1 });

  expect(errors).toEqual([]);
  await door.close();
});
