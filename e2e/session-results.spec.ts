import { writeFileSync } from 'node:fs';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { encodeRgbPng as encodePng } from '../server/png.ts';
import { loadCredentials } from './credentials.ts';
import { signIn, watchConsole } from './helpers.ts';

// Results of a session and Bürgerforum notes: a staff member writes the results of a workshop
// with a photo of a flip chart and a next step and publishes them; a citizen on a phone finds them
// below the workshop. At the Bürgerforum the staff member records two conversation notes and sees
// them counted per topic and district.

async function shot(page: Page, name: string) {
  await page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: true });
}

function heading(page: Page) {
  return page.getByRole('heading', { level: 1 });
}

/** Every form control of the page has an accessible name. */
async function expectNamedControls(page: Page) {
  const controls = page.locator('main').locator('input:not([type="hidden"]), select, textarea');
  const count = await controls.count();
  expect(count).toBeGreaterThan(0);
  for (let i = 0; i < count; i++) await expect(controls.nth(i)).toHaveAccessibleName(/\S/);
}

/** A small PNG: a light "flip chart" with three dark lines of "writing" (no people). */
function flipChartPng(width = 120, height = 90): Buffer {
  return encodePng(width, height, (x, y) => {
    const ink = [20, 40, 60].some((l) => y >= l && y < l + 4) && x > 10 && x < width - 10;
    return ink ? [30, 60, 140] : [250, 250, 245];
  });
}

/** Creates a public Bürgerforum with a workshop and a forum session through the API, as the signed-in staff member. */
async function createForumEvent(request: APIRequestContext, suffix: string) {
  const me = await request.get('/api/auth/me');
  const headers = { 'x-csrf-token': (await me.json()).csrfToken as string };
  const created = await request.post('/api/events', {
    headers,
    data: {
      slug: `buergerforum-ergebnisse-${suffix}`,
      seriesId: null,
      title: `Bürgerforum Zwickau ${suffix}`,
      format: 'buergerforum',
      startsAt: '2026-02-05T17:00:00+01:00',
      endsAt: '2026-02-05T20:00:00+01:00',
      venue: { name: 'Neue Welt', street: 'Leipziger Straße 182', postalCode: '08058', city: 'Zwickau' },
      organisers: ['ig-metall', 'cwe'],
      fieldsOfAction: ['resiliente_gesellschaft'],
      visibility: 'public',
      description: 'Bürgerinnen und Bürger sprechen über den Wandel in der Region.',
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const event = (await created.json()) as { id: string; slug: string; title: string };
  const session = async (type: string, title: string, from: string, to: string) => {
    const res = await request.post(`/api/events/${event.id}/sessions`, {
      headers,
      data: {
        type,
        title,
        abstract: '',
        startsAt: `2026-02-05T${from}:00+01:00`,
        endsAt: `2026-02-05T${to}:00+01:00`,
        room: type === 'workshop' ? 'Saal 2' : 'Saal 1',
        track: '',
        moderators: [],
        speakers: [],
      },
    });
    expect(res.status(), await res.text()).toBe(201);
  };
  await session('buergerforum', 'Gesprächsrunde: Arbeit und Alltag im Wandel', '17:00', '18:30');
  await session('workshop', 'Werkstatt: Wege zur Arbeit', '18:45', '20:00');
  return event;
}

test('Ergebnisse eines Workshops mit Foto veröffentlichen, auf dem Telefon lesen; Notizen im Bürgerforum zählen', async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  const { staff } = loadCredentials();
  const consoleErrors = watchConsole(page);
  const suffix = Date.now().toString(36);
  const photoFile = test.info().outputPath('flipchart.png');
  writeFileSync(photoFile, flipChartPng());

  await signIn(page, staff);
  const event = await createForumEvent(page.request, suffix);

  // 1. From the staff page of the event to the results of the workshop.
  await page.goto(`/verwaltung/veranstaltungen/${event.id}`);
  await expect(heading(page)).toHaveText(event.title);
  await page.getByRole('link', { name: 'Ergebnisse: Werkstatt: Wege zur Arbeit' }).click();
  await expect(heading(page)).toHaveText('Ergebnisse: Werkstatt: Wege zur Arbeit');
  await expect(page.getByText('Entwurf', { exact: true })).toBeVisible();

  // 2. Text and one next step; saving keeps a draft.
  await page.getByLabel('Ergebnisse als Text').fill('Viele pendeln über eine Stunde.\n\nGewünscht: ein Spätbus nach Schichtende.');
  await page.getByRole('button', { name: 'Nächsten Schritt hinzufügen' }).click();
  const step = page.getByRole('group', { name: 'Schritt 1' });
  await step.getByLabel('Was', { exact: true }).fill('Spätbus mit dem Verkehrsverbund besprechen');
  await step.getByLabel(/^Wer kümmert sich/).fill('IG Metall Zwickau');
  await step.getByLabel(/^Bis wann/).fill('2026-04-30');
  await step.getByLabel('Stand').selectOption({ label: 'in Arbeit' });
  await page.getByRole('button', { name: 'Speichern', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Die Ergebnisse sind gespeichert.' })).toBeVisible();

  // 3. A photo of the flip chart: the description is required.
  await expect(page.getByText('Bitte keine Fotos hochladen, auf denen Personen erkennbar sind.')).toBeVisible();
  await page.getByLabel('Foto', { exact: true }).setInputFiles(photoFile);
  await page.getByRole('button', { name: 'Hochladen' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Bitte beschreiben Sie, was auf dem Foto zu sehen ist.' })).toBeVisible();
  await page.getByLabel('Beschreibung des Fotos').fill('Flipchart: Wünsche zum Busverkehr nach Schichtende');
  await page.getByRole('button', { name: 'Hochladen' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Das Foto ist hochgeladen.' })).toBeVisible();
  await expect(page.getByRole('img', { name: 'Flipchart: Wünsche zum Busverkehr nach Schichtende' })).toBeVisible();

  // 4. Publish.
  await page.getByRole('button', { name: 'Veröffentlichen' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Die Ergebnisse sind veröffentlicht.' })).toBeVisible();
  await expect(page.getByText('Veröffentlicht', { exact: true })).toBeVisible();
  await expectNamedControls(page);
  await shot(page, '01-ergebnisse-verwaltung');

  // 5. A citizen on a phone: the results below the workshop, folded; one tap opens them.
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const citizen = await phone.newPage();
  const citizenErrors = watchConsole(citizen);
  await citizen.goto(`/veranstaltungen/${event.slug}`);
  await expect(heading(citizen)).toHaveText(event.title);
  await expect(citizen.getByRole('heading', { level: 2, name: 'Ergebnisse' })).toBeVisible();
  const workshop = citizen.locator('article.programme-session').filter({ hasText: 'Werkstatt: Wege zur Arbeit' });
  await workshop.locator('summary', { hasText: 'Ergebnisse' }).click();
  await expect(workshop.getByText('Gewünscht: ein Spätbus nach Schichtende.')).toBeVisible();
  const photo = workshop.getByRole('img', { name: 'Flipchart: Wünsche zum Busverkehr nach Schichtende' });
  await expect(photo).toBeVisible();
  await expect(photo).toHaveAttribute('loading', 'lazy');
  const row = workshop.getByRole('row').filter({ hasText: 'Spätbus mit dem Verkehrsverbund besprechen' });
  await expect(row).toContainText('IG Metall Zwickau');
  await expect(row).toContainText('30.04.2026');
  await expect(row).toContainText('in Arbeit');
  const overflow = await citizen.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await workshop.scrollIntoViewIfNeeded();
  await shot(citizen, '02-ergebnisse-telefon');
  // The forum session has no results: nothing to open there.
  await expect(citizen.locator('article.programme-session').filter({ hasText: 'Gesprächsrunde' }).locator('details')).toHaveCount(0);
  expect(citizenErrors).toEqual([]);
  await phone.close();

  // 6. Bürgerforum notes: two conversations, then the overview counts them.
  await page.goto(`/verwaltung/veranstaltungen/${event.id}`);
  await page.getByRole('link', { name: 'Bürgerforum: Gesprächsnotizen' }).click();
  await expect(heading(page)).toHaveText('Bürgerforum: Gesprächsnotizen');
  await expect(page.getByText('Bitte keine Namen oder Kontaktdaten notieren.')).toBeVisible();
  const form = page.locator('#notiz-neu-form');
  await form.getByRole('button', { name: 'Notiz speichern' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Bitte wählen Sie mindestens ein Thema.' })).toBeVisible();

  await form.getByLabel('Notiz', { exact: true }).fill('Schichtarbeiterin: nach 22 Uhr fährt kein Bus mehr nach Hause.');
  await form.getByLabel('Mobilitätsbedarf').check();
  await form.getByLabel('Sorge').check();
  await form.getByLabel('Kreis', { exact: true }).selectOption({ label: 'Zwickau' });
  await form.getByRole('button', { name: 'Notiz speichern' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Die Notiz ist gespeichert.' })).toBeVisible();
  await expect(form.getByLabel('Notiz', { exact: true })).toHaveValue('');

  await form.getByLabel('Notiz', { exact: true }).fill('Fragt, wie das Land Weiterbildung für Ältere fördert.');
  await form.getByLabel('Frage an die Politik').check();
  await form.getByLabel('Kreis', { exact: true }).selectOption({ label: 'Erzgebirgskreis' });
  await form.getByRole('button', { name: 'Notiz speichern' }).click();
  await expect(page.getByText('2 Notizen', { exact: true })).toBeVisible();

  const byTopic = page.getByRole('table', { name: 'Notizen nach Thema' });
  await expect(
    byTopic
      .getByRole('row', { name: /Mobilitätsbedarf/ })
      .getByRole('cell')
      .first(),
  ).toHaveText('1');
  await expect(
    byTopic
      .getByRole('row', { name: /Frage an die Politik/ })
      .getByRole('cell')
      .first(),
  ).toHaveText('1');
  await expect(byTopic.getByRole('row', { name: /Idee/ }).getByRole('cell').first()).toHaveText('0');
  const byDistrict = page.getByRole('table', { name: 'Notizen nach Kreis' });
  await expect(
    byDistrict
      .getByRole('row', { name: /Zwickau/ })
      .getByRole('cell')
      .first(),
  ).toHaveText('1');
  await expect(
    byDistrict
      .getByRole('row', { name: /Erzgebirgskreis/ })
      .getByRole('cell')
      .first(),
  ).toHaveText('1');
  await expectNamedControls(page);
  await shot(page, '03-buergerforum-notizen');

  // 7. Filter by topic: the list and the counts follow.
  await page.getByLabel('Thema', { exact: true }).selectOption({ label: 'Sorge' });
  await expect(page.getByText('1 Notiz passt zum Filter')).toBeVisible();
  await expect(page.locator('.note-list')).toContainText('nach 22 Uhr');
  await expect(page.locator('.note-list')).not.toContainText('Weiterbildung');
  await shot(page, '04-buergerforum-filter');
  expect(consoleErrors).toEqual([]);
});
