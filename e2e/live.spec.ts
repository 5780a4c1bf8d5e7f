import { expect, test, type Browser, type Page } from '@playwright/test';
import { loadCredentials } from './credentials.ts';
import { signIn } from './helpers.ts';

// Live poll in a session of the Zukunftsforum: staff switch the room on and prepare two questions
// (one with markup in an option), three phones vote (one types the code, two come through the QR
// link) and the projector holds the split back until five votes are in; the moderator closes the
// question, the words question fills the word cloud, and an audience question is approved,
// supported and projected.

const EVENT = 'Zukunftsforum Qualifizierung 2027';
const SESSION = 'Bürgerforum: Was brauche ich, um im Wandel mitzukommen?';
const SCRIPT = '<script>alert("live")</script>';

async function shot(page: Page, name: string) {
  await page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: true });
}

function heading(page: Page) {
  return page.getByRole('heading', { level: 1 });
}

/** Collects page errors and any dialog (an executed alert() would be one). */
function watch(page: Page, problems: string[]) {
  page.on('pageerror', (error) => problems.push(`${page.url()}: ${error.message}`));
  page.on('dialog', (dialog) => {
    problems.push(`dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
}

async function phone(browser: Browser, problems: string[]) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  watch(page, problems);
  return { context, page };
}

/** Votes as further phones in the hall would: each with a device token of its own. */
async function voteFromNewDevices(page: Page, code: string, questionId: string, answers: unknown[]) {
  const statuses = await page.evaluate(
    async ({ roomCode, id, list }) => {
      const out: number[] = [];
      for (const answer of list) {
        const device = (await (await fetch(`/api/live/${roomCode}/device`, { method: 'POST' })).json()) as { deviceToken: string };
        const res = await fetch(`/api/live/${roomCode}/questions/${id}/votes`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ deviceToken: device.deviceToken, answer }),
        });
        out.push(res.status);
      }
      return out;
    },
    { roomCode: code, id: questionId, list: answers },
  );
  expect(statuses).toEqual(answers.map(() => 201));
}

async function vote(page: Page, choose: () => Promise<void>) {
  await choose();
  await page.getByRole('button', { name: 'Abstimmen' }).click();
  await expect(page.getByText('Danke, Ihre Stimme ist gezählt.')).toBeVisible();
}

/** Staff sign in on a desktop and open the live poll of a session from the event's page, setting it up if needed. */
async function openModerator(browser: Browser, problems: string[], session: string) {
  const staffContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const mod = await staffContext.newPage();
  watch(mod, problems);
  await signIn(mod, loadCredentials().staff);
  await mod.goto('/verwaltung/veranstaltungen');
  await mod.getByRole('link', { name: EVENT, exact: true }).click();
  await expect(heading(mod)).toHaveText(EVENT);
  await mod.getByRole('link', { name: `Live-Umfrage: ${session}` }).click();
  const enable = mod.getByRole('button', { name: 'Live-Umfrage für diese Sitzung einrichten' });
  const title = mod.getByRole('heading', { level: 1, name: `Live-Umfrage: ${session}` });
  await expect(enable.or(title)).toBeVisible();
  if (await enable.isVisible()) {
    await expect(mod.getByLabel('Fragen aus dem Publikum zulassen')).toBeChecked();
    await enable.click();
  }
  await expect(title).toBeVisible();
  return { staffContext, mod };
}

test('Live-Umfrage: Moderation, Projektor und drei Telefone im Saal', async ({ browser }) => {
  test.setTimeout(180_000);
  const problems: string[] = [];
  const suffix = Date.now().toString(36);
  const single = `Wie kommen Sie heute zur Veranstaltung? (${suffix})`;
  const words = `Ein Wort zur Transformation? (${suffix})`;
  const audienceQuestion = `Wer bezahlt die Weiterbildung in kleinen Betrieben? (${suffix})`;

  // 1. Staff sign in and open the live poll of a session from the event's programme.
  const { staffContext, mod } = await openModerator(browser, problems, SESSION);
  const qaToggle = mod.getByLabel('Fragen aus dem Publikum zulassen');
  if (!(await qaToggle.isChecked())) {
    await qaToggle.check();
    await expect(mod.getByText('Fragen aus dem Publikum sind jetzt möglich.')).toBeVisible();
  }
  const code = (await mod.locator('.live-code-big').textContent())!.trim();
  expect(code).toMatch(/^[1-9]\d{5}$/);
  await expect(mod.getByRole('img', { name: /^QR-Code zur Teilnahme: https?:\/\/.+\/live\/\d{6}$/ })).toBeVisible();

  // 2. Two questions: single choice (one option is markup, shown as text) and words.
  await mod.getByRole('button', { name: 'Neue Frage' }).click();
  let form = mod.getByRole('form', { name: 'Frage anlegen' });
  await form.getByRole('button', { name: 'Frage anlegen' }).click();
  await expect(form.getByText('Bitte geben Sie die Frage ein.').first()).toBeVisible();
  await form.getByLabel('Frage', { exact: true }).fill(single);
  await form.getByRole('textbox', { name: 'Antwort 1', exact: true }).fill('Mit Bus und Bahn');
  await form.getByRole('textbox', { name: 'Antwort 2', exact: true }).fill(SCRIPT);
  await form.getByRole('button', { name: 'Antwort hinzufügen' }).click();
  await form.getByRole('textbox', { name: 'Antwort 3', exact: true }).fill('Mit dem Rad');
  await form.getByRole('button', { name: 'Frage anlegen' }).click();
  await expect(mod.getByRole('status').filter({ hasText: 'Die Frage ist angelegt.' })).toBeVisible();
  await expect(mod.getByRole('heading', { level: 3, name: single })).toBeVisible();

  await mod.getByRole('button', { name: 'Neue Frage' }).click();
  form = mod.getByRole('form', { name: 'Frage anlegen' });
  await form.getByLabel('Art der Frage').selectOption({ label: 'Wörter (Wortwolke)' });
  await expect(form.getByRole('textbox', { name: 'Antwort 1', exact: true })).toHaveCount(0);
  await form.getByLabel('Frage', { exact: true }).fill(words);
  await form.getByRole('button', { name: 'Frage anlegen' }).click();
  await expect(mod.getByRole('heading', { level: 3, name: words })).toBeVisible();
  await shot(mod, '01-moderation-fragen');

  // 3. The projector in its own window, full HD.
  const projectorHref = await mod.getByRole('link', { name: /Projektoransicht öffnen/ }).getAttribute('href');
  const projector = await staffContext.newPage();
  watch(projector, problems);
  await projector.setViewportSize({ width: 1920, height: 1080 });
  await projector.goto(projectorHref!);
  await expect(projector.locator('.live-projector-code')).toContainText(code);
  await expect(projector.getByRole('img', { name: /^QR-Code zur Teilnahme/ })).toBeVisible();
  await expect(projector.getByRole('button', { name: 'Vollbild' })).toBeVisible();

  // 4. The moderator opens the single-choice question; the projector follows.
  await mod.getByRole('button', { name: `Öffnen: ${single}` }).click();
  await expect(mod.getByRole('status').filter({ hasText: 'Die Frage ist geöffnet.' })).toBeVisible();
  await expect(heading(projector)).toHaveText(single);
  const promptSize = await heading(projector).evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  expect(promptSize).toBeGreaterThanOrEqual(48);

  // 5. Three phones: one types the code (after a wrong one), two come through the link.
  const a = await phone(browser, problems);
  await a.page.goto('/live');
  await expect(heading(a.page)).toHaveText('An der Live-Umfrage teilnehmen');
  const codeField = a.page.getByLabel('Code eingeben');
  await expect(codeField).toHaveAttribute('inputmode', 'numeric');
  await expect(codeField).toHaveAttribute('autocomplete', 'off');
  await codeField.fill(code === '111111' ? '222222' : '111111');
  await a.page.getByRole('button', { name: 'Teilnehmen' }).click();
  await expect(a.page.locator('#live-code-code-error')).toContainText('Zu diesem Code gibt es keine Live-Abstimmung.');
  await codeField.fill(code);
  await a.page.getByRole('button', { name: 'Teilnehmen' }).click();
  await expect(a.page).toHaveURL(new RegExp(`/live/${code}$`));
  await expect(heading(a.page)).toHaveText(SESSION);
  await expect(a.page.getByRole('group', { name: single })).toBeVisible();
  await shot(a.page, '02-telefon-frage');

  const b = await phone(browser, problems);
  const c = await phone(browser, problems);
  for (const p of [b, c]) {
    await p.page.goto(`/live/${code}`);
    await expect(p.page.getByRole('group', { name: single })).toBeVisible();
  }
  // Markup in an option is plain text.
  await expect(c.page.getByText(SCRIPT, { exact: true })).toBeVisible();

  await a.page.getByRole('button', { name: 'Abstimmen' }).click();
  await expect(a.page.getByText('Bitte wählen Sie eine Antwort.')).toBeVisible();
  await vote(a.page, () => a.page.getByLabel('Mit Bus und Bahn').check());
  await shot(a.page, '03-telefon-danke');
  await vote(b.page, () => b.page.getByLabel('Mit Bus und Bahn').check());
  await vote(c.page, () => c.page.getByLabel(SCRIPT).check());

  // A reload remembers the vote.
  await a.page.reload();
  await expect(a.page.getByText('Danke, Ihre Stimme ist gezählt.')).toBeVisible();

  // 6. The projector counts three votes but shows no split yet: nobody in a small group is singled out.
  await expect(projector.locator('.live-voters')).toHaveText('3 Stimmen');
  await expect(projector.getByText('Die Ergebnisse erscheinen ab 5 Stimmen, damit niemand einzeln erkennbar ist.')).toBeVisible();
  await expect(projector.locator('.live-bar')).toHaveCount(0);
  const sessionId = new URL(mod.url()).pathname.split('/').pop()!;
  const adminRoom = (await (await mod.request.get(`/api/sessions/${sessionId}/live`)).json()) as {
    questions: { id: string; prompt: string; options: { id: string; label: string }[] }[];
  };
  const singleQuestion = adminRoom.questions.find((q) => q.prompt === single)!;
  const option = (label: string) => singleQuestion.options.find((o) => o.label === label)!.id;
  // Two latecomers vote from their own devices; with five votes the screen shows numbers and shares.
  await voteFromNewDevices(c.page, code, singleQuestion.id, [
    { optionId: option('Mit Bus und Bahn') },
    { optionId: option('Mit dem Rad') },
  ]);
  await expect(projector.locator('.live-voters')).toHaveText('5 Stimmen');
  const bar = (label: string) => projector.locator('.live-bar').filter({ hasText: label });
  await expect(bar('Mit Bus und Bahn').locator('.live-bar-value')).toHaveText('3 Stimmen (60 %)');
  await expect(bar(SCRIPT).locator('.live-bar-value')).toHaveText('1 Stimme (20 %)');
  await expect(bar('Mit dem Rad').locator('.live-bar-value')).toHaveText('1 Stimme (20 %)');
  await shot(projector, '04-projektor-ergebnis');

  // 7. The moderator closes the question: phones wait, a late vote is refused.
  await mod.getByRole('button', { name: `Schließen: ${single}` }).click();
  await expect(mod.getByRole('status').filter({ hasText: 'Die Frage ist geschlossen.' })).toBeVisible();
  for (const p of [a, b, c]) await expect(p.page.locator('.live-waiting')).toHaveText('Gleich geht es weiter …');
  await expect(projector.getByText('Abstimmung beendet')).toBeVisible();
  const late = await c.page.evaluate(async (roomCode) => {
    const room = (await (await fetch(`/api/live/${roomCode}`)).json()) as { current: unknown };
    const device = (await (await fetch(`/api/live/${roomCode}/device`, { method: 'POST' })).json()) as { deviceToken: string };
    return { current: room.current, token: device.deviceToken };
  }, code);
  expect(late.current).toBeNull();
  const closed = singleQuestion;
  const refused = await c.page.evaluate(
    async ({ roomCode, questionId, token, optionId }) => {
      const res = await fetch(`/api/live/${roomCode}/questions/${questionId}/votes`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'accept-language': 'de' },
        body: JSON.stringify({ deviceToken: token, answer: { optionId } }),
      });
      return { status: res.status, body: (await res.json()) as { error: { code: string; message: string } } };
    },
    { roomCode: code, questionId: closed.id, token: late.token, optionId: closed.options[0]!.id },
  );
  expect(refused.status).toBe(409);
  expect(refused.body.error.code).toBe('live.question_closed');

  // 8. The words question fills the word cloud.
  await mod.getByRole('button', { name: `Öffnen: ${words}` }).click();
  await expect(heading(projector)).toHaveText(words);
  await expect(a.page.getByRole('group', { name: words })).toBeVisible();
  await vote(a.page, () => a.page.getByLabel('Wort 1').fill('Zukunft'));
  await vote(b.page, async () => {
    await b.page.getByLabel('Wort 1').fill('Zukunft');
    await b.page.getByLabel(/^Wort 2/).fill('Mut');
  });
  await vote(c.page, async () => {
    await c.page.getByLabel('Wort 1').fill('zukunft');
    await c.page.getByLabel(/^Wort 2/).fill('<b>Mut</b>');
  });
  await shot(c.page, '05-telefon-woerter-danke');
  await expect(projector.locator('.live-voters')).toHaveText('3 Stimmen');
  await expect(projector.getByText('Die Ergebnisse erscheinen ab 5 Stimmen, damit niemand einzeln erkennbar ist.')).toBeVisible();
  const wordsQuestion = (
    (await (await mod.request.get(`/api/sessions/${sessionId}/live`)).json()) as { questions: { id: string; prompt: string }[] }
  ).questions.find((q) => q.prompt === words)!;
  await voteFromNewDevices(c.page, code, wordsQuestion.id, [{ words: ['Wandel'] }, { words: ['Zukunft', 'Arbeit'] }]);
  const cloud = projector.getByRole('list', { name: 'Genannte Wörter, die häufigsten zuerst' });
  await expect(projector.locator('.live-voters')).toHaveText('5 Stimmen');
  await expect(cloud.getByRole('listitem').first()).toContainText('Zukunft');
  await expect(cloud.getByRole('listitem').first()).toContainText('4-mal genannt');
  await expect(cloud.getByText('<b>Mut</b>')).toBeVisible();
  const sizes = await cloud.getByRole('listitem').evaluateAll((items) => items.map((li) => parseFloat(getComputedStyle(li).fontSize)));
  expect(sizes[0]).toBeGreaterThan(sizes[sizes.length - 1]!);
  await shot(projector, '06-projektor-wortwolke');

  // 9. An audience question: asked, approved, supported by another phone, projected.
  await a.page.getByLabel('Ihre Frage an das Podium').fill(audienceQuestion);
  await expect(a.page.getByText(`${audienceQuestion.length} von 280 Zeichen`)).toBeVisible();
  await a.page.getByRole('button', { name: 'Frage senden' }).click();
  await expect(a.page.getByText('Danke! Ihre Frage erscheint, sobald die Moderation sie freigegeben hat.')).toBeVisible();
  await expect(b.page.getByText(audienceQuestion)).toHaveCount(0);

  await mod.getByRole('button', { name: `Freigeben: ${audienceQuestion}` }).click();
  await expect(mod.getByRole('status').filter({ hasText: 'Die Frage ist freigegeben.' })).toBeVisible();
  const item = b.page.getByRole('listitem').filter({ hasText: audienceQuestion });
  await expect(item).toBeVisible();
  await item.getByRole('button', { name: /^Unterstützen/ }).click();
  await expect(item.getByRole('button', { name: /^Von Ihnen unterstützt \(1 Stimme\)/ })).toBeVisible();
  await shot(b.page, '07-telefon-publikumsfrage');

  await projector.keyboard.press('f');
  await expect(heading(projector)).toHaveText('Fragen aus dem Publikum');
  const projected = projector.locator('.live-projector-qa li').filter({ hasText: audienceQuestion });
  await expect(projected).toContainText('1 Unterstützung');
  await shot(projector, '08-projektor-publikumsfragen');

  // The moderator switches the screen back from the moderation page (another device in the hall).
  const screen = mod.getByLabel('Auf dem Projektor die Fragen aus dem Publikum zeigen');
  await expect(screen).toBeChecked();
  // The box follows the room's state (after the server's answer), so click rather than uncheck().
  await screen.click();
  await expect(mod.getByRole('status').filter({ hasText: 'Der Projektor zeigt jetzt die Ergebnisse der Umfrage.' })).toBeVisible();
  await expect(screen).not.toBeChecked();
  await expect(heading(projector)).toHaveText(words);

  // Refused votes are expected in the console; page errors and dialogs are not.
  expect(problems).toEqual([]);
  for (const p of [a, b, c]) await p.context.close();
  await staffContext.close();
});

test('Live-Umfrage: Mehrfachauswahl, Skala und Rangfolge – auch mit der Tastatur', async ({ browser }) => {
  test.setTimeout(120_000);
  const problems: string[] = [];
  const suffix = Date.now().toString(36);
  const multiple = `Welche Themen interessieren Sie? (${suffix})`;
  const scale = `Wie gut fühlen Sie sich informiert? (${suffix})`;
  const ranking = `Was ist Ihnen am wichtigsten? (${suffix})`;

  const { staffContext, mod } = await openModerator(browser, problems, 'Abschlussdiskussion');
  const code = (await mod.locator('.live-code-big').textContent())!.trim();

  async function create(kind: string, prompt: string, fill: (form: ReturnType<Page['getByRole']>) => Promise<void>) {
    await mod.getByRole('button', { name: 'Neue Frage' }).click();
    const form = mod.getByRole('form', { name: 'Frage anlegen' });
    await form.getByLabel('Art der Frage').selectOption({ label: kind });
    await form.getByLabel('Frage', { exact: true }).fill(prompt);
    await fill(form);
    await form.getByRole('button', { name: 'Frage anlegen' }).click();
    await expect(mod.getByRole('heading', { level: 3, name: prompt })).toBeVisible();
  }
  await create('Mehrfachauswahl', multiple, async (form) => {
    await form.getByRole('textbox', { name: 'Antwort 1', exact: true }).fill('Weiterbildung');
    await form.getByRole('textbox', { name: 'Antwort 2', exact: true }).fill('Förderung');
    await form.getByRole('button', { name: 'Antwort hinzufügen' }).click();
    await form.getByRole('textbox', { name: 'Antwort 3', exact: true }).fill('Netzwerke');
  });
  await create('Skala 1–5', scale, async (form) => {
    await form.getByLabel(/^Beschriftung bei 1/).fill('gar nicht');
    await form.getByLabel(/^Beschriftung bei 5/).fill('sehr gut');
  });
  await create('Rangfolge', ranking, async (form) => {
    await form.getByRole('textbox', { name: 'Antwort 1', exact: true }).fill('Weiterbildung');
    await form.getByRole('textbox', { name: 'Antwort 2', exact: true }).fill('Wohnen');
    await form.getByRole('button', { name: 'Antwort hinzufügen' }).click();
    await form.getByRole('textbox', { name: 'Antwort 3', exact: true }).fill('Mobilität');
    // The editor reorders options with buttons, too.
    await form.getByRole('button', { name: 'Antwort 3: nach oben' }).click();
    await expect(form.getByRole('textbox', { name: 'Antwort 2', exact: true })).toHaveValue('Mobilität');
  });

  // A draft can still be changed.
  await mod.getByRole('button', { name: `Bearbeiten: ${ranking}` }).click();
  const edit = mod.getByRole('form', { name: 'Änderungen speichern' });
  await edit.getByRole('textbox', { name: 'Antwort 3', exact: true }).fill('Wohnen und Leben');
  await edit.getByRole('button', { name: 'Änderungen speichern' }).click();
  await expect(mod.getByRole('status').filter({ hasText: 'Die Frage ist gespeichert.' })).toBeVisible();

  const { context, page } = await phone(browser, problems);
  await page.goto(`/live/${code}`);
  await expect(page.getByText('Gleich geht es weiter …').first()).toBeVisible();
  const card = (prompt: string) => mod.locator('.live-question-card').filter({ has: mod.getByRole('heading', { name: prompt }) });

  // Multiple choice.
  await mod.getByRole('button', { name: `Öffnen: ${multiple}` }).click();
  await expect(page.getByRole('group', { name: multiple })).toBeVisible();
  await vote(page, async () => {
    await page.getByLabel('Weiterbildung').check();
    await page.getByLabel('Netzwerke').check();
  });
  await expect(card(multiple).locator('.live-bar').filter({ hasText: 'Netzwerke' })).toContainText('1 Stimme (100 %)');

  // Scale, with the arrow keys.
  await mod.getByRole('button', { name: `Öffnen: ${scale}` }).click();
  await expect(page.getByRole('group', { name: scale })).toBeVisible();
  await expect(page.getByRole('radio', { name: '1 – gar nicht' })).toBeVisible();
  await expect(page.getByRole('radio', { name: '5 – sehr gut' })).toBeVisible();
  await vote(page, async () => {
    await page.getByRole('radio', { name: '1 – gar nicht' }).focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expect(page.getByRole('radio', { name: '4', exact: true })).toBeChecked();
  });
  await expect(card(scale)).toContainText('Mittelwert: 4,0');

  // Ranking, by keyboard: the focus stays with the moved entry.
  await mod.getByRole('button', { name: `Öffnen: ${ranking}` }).click();
  await expect(page.getByRole('group', { name: ranking })).toBeVisible();
  const entries = page.locator('.live-ranking li .live-ranking-label');
  await expect(entries).toHaveText(['Weiterbildung', 'Mobilität', 'Wohnen und Leben']);
  await page.getByRole('button', { name: '„Wohnen und Leben“ nach oben' }).focus();
  await page.keyboard.press('Enter');
  await expect(entries).toHaveText(['Weiterbildung', 'Wohnen und Leben', 'Mobilität']);
  await expect(page.getByRole('button', { name: '„Wohnen und Leben“ nach oben' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(entries).toHaveText(['Wohnen und Leben', 'Weiterbildung', 'Mobilität']);
  await expect(page.getByRole('button', { name: '„Wohnen und Leben“ nach unten' })).toBeFocused();
  await expect(page.getByRole('status').filter({ hasText: '„Wohnen und Leben“ steht jetzt auf Platz 1.' })).toBeAttached();
  await shot(page, '11-telefon-rangfolge');
  await vote(page, async () => undefined);
  const rankingBars = card(ranking).locator('.live-bar');
  await expect(rankingBars.first()).toContainText('Wohnen und Leben');
  await expect(rankingBars.first()).toContainText('2 Punkte');
  await shot(mod, '12-moderation-ergebnisse');

  expect(problems).toEqual([]);
  await context.close();
  await staffContext.close();
});
