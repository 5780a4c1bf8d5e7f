import { readFileSync } from 'node:fs';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { loadCredentials } from './credentials.ts';
import { signIn, watchConsole } from './helpers.ts';

// Events: a citizen on a phone finds the programme of the 2025 congress in the archive and puts a
// workshop into the calendar; on a desktop the parallel workshops stand side by side; a staff
// member plans a new event, is warned about two sessions in one room, and the public sees it.

const CONGRESS = '3. Kongress Automobilregion Südwestsachsen';
const WORKSHOPS = ['Circular Cars – Made in Sachsen', 'Menschenleere Produktion 2035?', 'Veränderungskompetenz Transformation'];

async function shot(page: Page, name: string) {
  await page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: true });
}

function heading(page: Page) {
  return page.getByRole('heading', { level: 1 });
}

/** The session on the programme with this title. */
function session(page: Page, title: string): Locator {
  return page.locator('article.programme-session').filter({ has: page.getByRole('heading', { name: title, exact: true }) });
}

/** Nothing is wider than the screen: no sideways scrolling. */
async function expectNoSidewaysScrolling(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

test('Auf dem Telefon: Veranstaltungen, Archiv, Kongressprogramm und ein Workshop im Kalender; am Desktop nebeneinander', async ({
  browser,
}) => {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
    acceptDownloads: true,
  });
  const page = await context.newPage();
  const consoleErrors = watchConsole(page);

  // 1. From the start page through the menu to the upcoming events.
  await page.goto('/');
  await page.getByRole('button', { name: 'Menü' }).click();
  await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Veranstaltungen' }).click();
  await expect(heading(page)).toHaveText('Veranstaltungen');
  const upcoming = page.getByRole('list', { name: 'Veranstaltungen' });
  await expect(upcoming.getByRole('heading', { name: 'Zukunftsforum Qualifizierung 2027' })).toBeVisible();
  await expect(upcoming.getByText('Demo-Daten').first()).toBeVisible();
  // Internal events are for staff only; past ones are in the archive.
  await expect(page.getByText('Policy Lab Fachkräftesicherung')).toHaveCount(0);
  await expect(page.getByText(CONGRESS)).toHaveCount(0);
  await expectNoSidewaysScrolling(page);
  await shot(page, '01-veranstaltungen-telefon');

  // 2. The archive, latest first.
  await page.getByRole('link', { name: 'Archiv: vergangene Veranstaltungen' }).click();
  await expect(heading(page)).toHaveText('Archiv der Veranstaltungen');
  const archive = page.getByRole('list', { name: 'Archiv der Veranstaltungen' }).getByRole('heading', { level: 2 });
  await expect(archive.first()).toHaveText(CONGRESS);
  await expect(archive).toContainText(['1. Kongress Automobilregion Südwestsachsen']);
  await expectNoSidewaysScrolling(page);
  await shot(page, '02-archiv-telefon');

  // 3. The programme of the 2025 congress: the three workshops after lunch run in parallel, listed one below the other.
  await page.getByRole('link', { name: CONGRESS }).click();
  await expect(heading(page)).toHaveText(CONGRESS);
  await expect(page.getByRole('heading', { level: 2, name: 'Programm' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 3, name: 'Donnerstag, 12. Juni 2025' })).toBeVisible();
  await expect(page.getByText('3 Programmpunkte parallel')).toBeVisible();
  const boxes = [];
  for (const title of WORKSHOPS) {
    const item = session(page, title);
    await expect(item).toBeVisible();
    await expect(item).toContainText('13:45–15:15 Uhr');
    boxes.push((await item.boundingBox())!);
  }
  for (let i = 1; i < boxes.length; i++) {
    expect(boxes[i]!.y).toBeGreaterThan(boxes[i - 1]!.y + boxes[i - 1]!.height - 1);
    expect(Math.abs(boxes[i]!.x - boxes[0]!.x)).toBeLessThan(2);
  }
  await expect(session(page, WORKSHOPS[0]!).locator('time').first()).toHaveAttribute('datetime', '2025-06-12T13:45:00+02:00');
  await expectNoSidewaysScrolling(page);
  await session(page, WORKSHOPS[0]!).scrollIntoViewIfNeeded();
  await shot(page, '03-kongress-2025-programm-telefon');

  // 4. One workshop into the calendar.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    session(page, WORKSHOPS[0]!)
      .getByRole('link', { name: /In den Kalender \(\.ics\)/ })
      .click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/\.ics$/);
  const ics = readFileSync(await download.path(), 'utf8').replace(/\r?\n[ \t]/g, '');
  expect(ics).toContain('BEGIN:VCALENDAR');
  expect(ics).toContain('BEGIN:VEVENT');
  expect(ics).toContain('Circular Cars');

  // The event's calendar and the schedule for programme apps are linked too.
  const scheduleHref = await page.getByRole('link', { name: 'Programm als schedule.json' }).getAttribute('href');
  const schedule = (await (await page.request.get(scheduleHref!)).json()) as { schedule: { conference: { title: string } } };
  expect(schedule.schedule.conference.title).toBe(CONGRESS);
  await expect(page.getByRole('link', { name: `In den Kalender (.ics): ${CONGRESS}` })).toHaveAttribute('href', /calendar\.ics$/);

  // 5. At 320 px nothing needs sideways scrolling either.
  await page.setViewportSize({ width: 320, height: 700 });
  await expectNoSidewaysScrolling(page);

  // 6. On a desktop the parallel workshops stand side by side, one column per room.
  await page.setViewportSize({ width: 1280, height: 900 });
  const row = [];
  for (const title of WORKSHOPS) row.push((await session(page, title).boundingBox())!);
  for (let i = 1; i < row.length; i++) {
    expect(Math.abs(row[i]!.y - row[0]!.y)).toBeLessThan(2);
    expect(row[i]!.x).toBeGreaterThanOrEqual(row[i - 1]!.x + row[i - 1]!.width - 1);
  }
  await session(page, WORKSHOPS[0]!).scrollIntoViewIfNeeded();
  await page.screenshot({ path: test.info().outputPath('04-kongress-2025-parallel-desktop.png') });
  await shot(page, '05-kongress-2025-programm-desktop');

  expect(consoleErrors).toEqual([]);
  await context.close();
});

test('Mitarbeitende planen eine Veranstaltung, sehen die Raum-Warnung, und die Öffentlichkeit sieht das Programm', async ({ page }) => {
  test.setTimeout(120_000);
  const consoleErrors = watchConsole(page);
  const suffix = Date.now().toString(36);
  const title = `Werkstatttag Transformation ${suffix}`;
  const { staff } = loadCredentials();

  await signIn(page, staff);

  // 1. All events for staff, the internal Policy Lab included.
  await page.goto('/veranstaltungen');
  await page.getByRole('link', { name: 'Veranstaltungen verwalten' }).click();
  await expect(heading(page)).toHaveText('Veranstaltungen verwalten');
  await expect(page.getByRole('link', { name: 'Policy Lab Fachkräftesicherung (intern)' })).toBeVisible();
  await shot(page, '11-verwaltung-liste');

  // 2. A new event; the form checks before it sends.
  await page.getByRole('button', { name: 'Neue Veranstaltung' }).click();
  const create = page.getByRole('form', { name: 'Veranstaltung anlegen' });
  await create.getByRole('button', { name: 'Veranstaltung anlegen' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Bitte prüfen Sie die markierten Angaben.' })).toBeVisible();
  await expect(create.getByText('Bitte mindestens einen Partner auswählen.')).toBeVisible();
  await create.getByLabel('Titel', { exact: true }).fill(title);
  await expect(create.getByLabel('Kürzel für die Adresse')).toHaveValue(`werkstatttag-transformation-${suffix}`);
  await create.getByLabel('Format', { exact: true }).selectOption({ label: 'Workshop' });
  await create.getByLabel('Beginn', { exact: true }).fill('2027-05-20T09:00');
  await create.getByLabel('Ende', { exact: true }).fill('2027-05-20T16:00');
  await create.getByLabel('Name des Ortes').fill('Kraftwerk Chemnitz');
  await create.getByLabel('Straße und Hausnummer').fill('Kaßbergstraße 36');
  await create.getByLabel('Postleitzahl').fill('09112');
  await create.getByLabel('Ort', { exact: true }).fill('Chemnitz');
  await create.getByLabel('CWE Chemnitz').check();
  await create.getByLabel('IG Metall').check();
  await create.getByLabel('Arbeit & Beschäftigung').check();
  // A Kürzel that is taken: the server's German message stands at the field.
  const slug = create.getByLabel('Kürzel für die Adresse');
  await slug.fill('kongress-2025');
  await create.getByRole('button', { name: 'Veranstaltung anlegen' }).click();
  await expect(create.locator('#veranstaltung-neu-slug-error')).toHaveText('Fehler: Dieses Kürzel ist bereits vergeben.');
  await expect(slug).toHaveAttribute('aria-invalid', 'true');
  await expect(slug).toBeFocused();
  await slug.fill(`werkstatttag-${suffix}`);
  await shot(page, '12-neue-veranstaltung');
  await create.getByRole('button', { name: 'Veranstaltung anlegen' }).click();
  await expect(heading(page)).toHaveText(title);
  await expect(page.getByRole('status').filter({ hasText: 'Die Veranstaltung ist angelegt.' })).toBeVisible();

  // Someone else changes the event meanwhile (optimistic locking): saving says so and offers to reload.
  const { csrfToken } = (await (await page.request.get('/api/auth/me')).json()) as { csrfToken: string };
  const { event } = (await (await page.request.get(`/api/events/werkstatttag-${suffix}`)).json()) as {
    event: Record<string, unknown> & { id: string };
  };
  const body = Object.fromEntries(
    [
      'slug',
      'seriesId',
      'title',
      'format',
      'startsAt',
      'endsAt',
      'venue',
      'organisers',
      'fieldsOfAction',
      'visibility',
      'description',
      'version',
    ].map((key) => [key, event[key]]),
  );
  const changed = await page.request.put(`/api/events/${event.id}`, {
    headers: { 'x-csrf-token': csrfToken },
    data: { ...body, description: 'Von einer Kollegin ergänzt.' },
  });
  expect(changed.status(), await changed.text()).toBe(200);
  const details = page.getByRole('form', { name: 'Änderungen speichern' });
  await details.getByLabel('Titel', { exact: true }).fill(`${title} (geändert)`);
  await details.getByRole('button', { name: 'Änderungen speichern' }).click();
  const conflict = page.getByRole('alert').filter({ hasText: 'Jemand anderes hat diese Veranstaltung inzwischen geändert.' });
  await expect(conflict).toBeVisible();
  await conflict.getByRole('button', { name: 'Neu laden' }).click();
  await expect(conflict).toHaveCount(0);
  await expect(details.getByLabel(/^Beschreibung/)).toHaveValue('Von einer Kollegin ergänzt.');
  await expect(details.getByLabel('Titel', { exact: true })).toHaveValue(title);

  // 3. Two sessions in the same room at the same time: saved, with a warning.
  async function addSession(sessionTitle: string) {
    await page.getByRole('button', { name: 'Programmpunkt hinzufügen' }).click();
    const form = page.getByRole('form', { name: 'Programmpunkt speichern' });
    await form.getByLabel('Art', { exact: true }).selectOption({ label: 'Workshop' });
    await form.getByLabel('Titel', { exact: true }).fill(sessionTitle);
    await form.getByLabel('Beginn', { exact: true }).fill('2027-05-20T10:00');
    await form.getByLabel('Ende', { exact: true }).fill('2027-05-20T11:30');
    await form.getByLabel(/^Raum/).fill('Werkhalle');
    await form.getByRole('button', { name: 'Programmpunkt speichern' }).click();
    await expect(form).toHaveCount(0);
  }
  await addSession('Werkstatt Batteriezellen');
  await expect(page.getByRole('listitem').filter({ hasText: 'Werkstatt Batteriezellen' })).toBeVisible();
  await addSession('Werkstatt Leichtbau');
  const warning = page.locator('.events-warnings');
  await expect(warning).toContainText('Gespeichert – bitte prüfen Sie diese Hinweise:');
  await expect(warning).toContainText('Im Raum „Werkhalle“ überschneidet sich die Sitzung mit „Werkstatt Batteriezellen“');
  await shot(page, '13-ueberschneidung-warnung');

  // 4. The public page shows the new event and its programme.
  await page.getByRole('link', { name: 'Öffentliche Seite der Veranstaltung' }).click();
  await expect(heading(page)).toHaveText(title);
  await expect(session(page, 'Werkstatt Batteriezellen')).toContainText('10:00–11:30 Uhr');
  await expect(session(page, 'Werkstatt Leichtbau')).toBeVisible();
  await page.goto('/veranstaltungen');
  await expect(page.getByRole('heading', { name: title })).toBeVisible();
  await shot(page, '14-oeffentlich-neue-veranstaltung');

  // 5. Staff delete one of the two sessions, after confirming.
  await page.getByRole('link', { name: title }).click();
  await page.getByRole('link', { name: 'Veranstaltung bearbeiten' }).click();
  await expect(heading(page)).toHaveText(title);
  await page.getByRole('button', { name: 'Löschen: Werkstatt Leichtbau' }).click();
  const dialog = page.getByRole('dialog', { name: 'Programmpunkt löschen?' });
  await expect(dialog).toContainText('„Werkstatt Leichtbau“ wird aus dem Programm entfernt.');
  await dialog.getByRole('button', { name: 'Endgültig löschen' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Der Programmpunkt ist gelöscht.' })).toBeVisible();
  await expect(page.getByRole('listitem').filter({ hasText: 'Werkstatt Leichtbau' })).toHaveCount(0);
  await expect(page.getByRole('listitem').filter({ hasText: 'Werkstatt Batteriezellen' })).toBeVisible();
  await shot(page, '15-programmpunkt-geloescht');

  // The taken Kürzel and the stale version were refused with 409 on purpose; the browser logs those.
  expect(consoleErrors.filter((e) => !e.includes('status of 409'))).toEqual([]);
});
