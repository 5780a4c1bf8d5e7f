import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ResponseItem, SubmitResult } from '../../../contracts/study.ts';
import { idlePhase, isTransientStatus, parseIdleSeconds, retryDelayMs, secondsLeft, warningLeadSeconds } from './kiosk.ts';
import { answeredOnly, localisedText } from './questionnaire-text.ts';
import { KioskOutbox, type Delivery, type OutboxDeps } from './kiosk-outbox.ts';

describe('idle timeout of the kiosk', () => {
  it('reads ?leerlauf= as whole seconds between 2 and 600, 90 by default', () => {
    expect(parseIdleSeconds(null)).toBe(90);
    expect(parseIdleSeconds('')).toBe(90);
    expect(parseIdleSeconds('abc')).toBe(90);
    expect(parseIdleSeconds('3')).toBe(3);
    expect(parseIdleSeconds('45.6')).toBe(46);
    expect(parseIdleSeconds('1')).toBe(2);
    expect(parseIdleSeconds('-20')).toBe(2);
    expect(parseIdleSeconds('3600')).toBe(600);
    expect(parseIdleSeconds('Infinity')).toBe(90);
  });

  it('warns 15 seconds before the reset, or at half time when the timeout is short', () => {
    expect(warningLeadSeconds(90)).toBe(15);
    expect(warningLeadSeconds(30)).toBe(15);
    expect(warningLeadSeconds(20)).toBe(10);
    expect(warningLeadSeconds(3)).toBe(1.5);
  });

  it('moves from active to warning to expired as idle time grows', () => {
    expect(idlePhase(0, 90)).toBe('active');
    expect(idlePhase(74_999, 90)).toBe('active');
    expect(idlePhase(75_000, 90)).toBe('warning');
    expect(idlePhase(89_999, 90)).toBe('warning');
    expect(idlePhase(90_000, 90)).toBe('expired');
    expect(idlePhase(1499, 3)).toBe('active');
    expect(idlePhase(1500, 3)).toBe('warning');
    expect(idlePhase(3000, 3)).toBe('expired');
  });

  it('counts down whole seconds in the warning', () => {
    expect(secondsLeft(75_000, 90)).toBe(15);
    expect(secondsLeft(75_001, 90)).toBe(15);
    expect(secondsLeft(89_001, 90)).toBe(1);
    expect(secondsLeft(95_000, 90)).toBe(0);
  });
});

describe('sending from the kiosk', () => {
  it('backs off 2, 4, 8 … seconds up to a minute', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 50].map(retryDelayMs)).toEqual([2000, 4000, 8000, 16_000, 32_000, 60_000, 60_000, 60_000]);
  });

  it('retries what may pass (no connection, busy server) and not refusals', () => {
    expect([0, 408, 429, 500, 503].every(isTransientStatus)).toBe(true);
    expect([400, 403, 404, 409, 422].some(isTransientStatus)).toBe(false);
  });

  it('sends only answered questions', () => {
    expect(answeredOnly({ a: 1, b: '', c: null, d: undefined, e: [], f: ['x'], g: 0 })).toEqual({ a: 1, f: ['x'], g: 0 });
  });

  it('picks the questionnaire text in the page language', () => {
    const title = { default: 'Resilienz-Studie', en: 'Resilience Study' };
    expect(localisedText(title, 'de')).toBe('Resilienz-Studie');
    expect(localisedText(title, 'en')).toBe('Resilience Study');
    expect(localisedText({ default: 'Nur Deutsch' }, 'en')).toBe('Nur Deutsch');
    expect(localisedText('schlicht', 'en')).toBe('schlicht');
    expect(localisedText(undefined, 'de')).toBe('');
  });
});

class NetworkDown extends Error {}
class Refused extends Error {}

const item = (n: number): ResponseItem => ({
  id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  versionId: '11111111-1111-4111-8111-111111111111',
  answers: { q: n },
});

function result(items: ResponseItem[], status: 'stored' | 'duplicate' | 'invalid' = 'stored'): SubmitResult {
  return {
    results: items.map((i) => (status === 'invalid' ? { id: i.id, status, errors: { q: 'Ungültig.' } } : { id: i.id, status })),
    counts: { stored: 0, duplicate: 0, conflict: 0, invalid: 0 },
  };
}

describe('the kiosk outbox (answers in memory until the server confirms them)', () => {
  let online: boolean;
  let sent: string[][];
  let deps: OutboxDeps;

  beforeEach(() => {
    vi.useFakeTimers();
    online = true;
    sent = [];
    deps = {
      send: async (items) => {
        sent.push(items.map((i) => i.id));
        if (!online) throw new NetworkDown();
        return result(items);
      },
      isTransient: (err) => err instanceof NetworkDown,
      describe: (err) => (err instanceof Refused ? 'Die Befragung ist beendet.' : 'Abgelehnt.'),
      waitMs: 15_000,
    };
  });
  afterEach(() => vi.useRealTimers());

  it('confirms an answer set the server stored', async () => {
    const outbox = new KioskOutbox(deps);
    await expect(outbox.submit(item(1))).resolves.toEqual({ kind: 'confirmed' });
    expect(outbox.status()).toEqual({ waiting: 0, lost: 0, sending: false });
  });

  it('keeps answer sets while the network is down and sends them once it is back, with growing pauses', async () => {
    online = false;
    const outbox = new KioskOutbox(deps);
    await expect(outbox.submit(item(1))).resolves.toEqual({ kind: 'queued' });
    await expect(outbox.submit(item(2))).resolves.toEqual({ kind: 'queued' });
    expect(outbox.status().waiting).toBe(2);
    const before = sent.length;
    await vi.advanceTimersByTimeAsync(1999);
    expect(sent.length).toBe(before);
    await vi.advanceTimersByTimeAsync(1); // first retry after 2 s
    expect(sent.length).toBe(before + 1);
    await vi.advanceTimersByTimeAsync(3999);
    expect(sent.length).toBe(before + 1);
    online = true;
    await vi.advanceTimersByTimeAsync(1); // second retry after 4 s more, now with success
    expect(sent.at(-1)).toEqual([item(1).id, item(2).id]);
    expect(outbox.status()).toEqual({ waiting: 0, lost: 0, sending: false });
    await vi.advanceTimersByTimeAsync(120_000);
    expect(sent.at(-1)).toEqual([item(1).id, item(2).id]); // nothing more to send
  });

  it('tells the waiting person "queued" when the server does not answer in time, and delivers later', async () => {
    let release: (r: SubmitResult) => void = () => undefined;
    const outbox = new KioskOutbox({ ...deps, send: (items) => new Promise((resolve) => (release = () => resolve(result(items)))) });
    const delivery = outbox.submit(item(1));
    await vi.advanceTimersByTimeAsync(15_000);
    await expect(delivery).resolves.toEqual({ kind: 'queued' });
    expect(outbox.status()).toMatchObject({ waiting: 1, sending: true });
    release(result([item(1)]));
    await vi.advanceTimersByTimeAsync(0);
    expect(outbox.status()).toEqual({ waiting: 0, lost: 0, sending: false });
  });

  it('reports a refusal to the person still waiting, and counts refusals nobody could see', async () => {
    const outbox = new KioskOutbox({ ...deps, send: async (items) => result(items, 'invalid') });
    const first: Delivery = await outbox.submit(item(1));
    expect(first).toEqual({ kind: 'rejected', message: 'Ungültig.' });
    expect(outbox.status().lost).toBe(0);

    online = false;
    const flaky = new KioskOutbox({
      ...deps,
      send: async () => {
        if (!online) throw new NetworkDown();
        throw new Refused();
      },
    });
    await expect(flaky.submit(item(2))).resolves.toEqual({ kind: 'queued' });
    online = true;
    await vi.advanceTimersByTimeAsync(2000);
    expect(flaky.status()).toEqual({ waiting: 0, lost: 1, sending: false });
  });

  it('answers a refusal of the whole request with its message', async () => {
    const outbox = new KioskOutbox({
      ...deps,
      send: async () => {
        throw new Refused();
      },
    });
    await expect(outbox.submit(item(1))).resolves.toEqual({ kind: 'rejected', message: 'Die Befragung ist beendet.' });
    expect(outbox.status().waiting).toBe(0);
  });
});
