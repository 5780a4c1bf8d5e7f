import { describe, expect, it } from 'vitest';
import {
  channelRows,
  checkWaveValues,
  defaultPeriod,
  displayLink,
  formatDay,
  isValidSlug,
  parseCodeCount,
  publicLink,
  qrSource,
  shareOfFirst,
  suggestSlug,
  type WaveValues,
} from './study-helpers.ts';

describe('Kürzel suggested from the title', () => {
  it.each([
    ['Resilienz-Studie Südwestsachsen 2026', 'resilienz-studie-suedwestsachsen-2026'],
    ['  Größe & Öffnung: Bürgerbefragung!  ', 'groesse-oeffnung-buergerbefragung'],
    ['Café Zwickau – Welle 1', 'cafe-zwickau-welle-1'],
    ['ÄRZTE IM ERZGEBIRGE', 'aerzte-im-erzgebirge'],
    ['„“ 😀', ''],
  ])('%j → %j', (title, slug) => {
    expect(suggestSlug(title)).toBe(slug);
  });

  it('keeps within 60 characters and cuts at a word, so the server accepts it', () => {
    const slug = suggestSlug('Befragung der Beschäftigten in der Automobilzulieferindustrie Südwestsachsens im Frühjahr');
    expect(slug.length).toBeLessThanOrEqual(60);
    expect(slug).toBe('befragung-der-beschaeftigten-in-der');
    expect(isValidSlug(slug)).toBe(true);
  });

  it('a suggestion of a normal title is a valid Kürzel', () => {
    expect(isValidSlug(suggestSlug('Welle Herbst 2026'))).toBe(true);
    expect(isValidSlug('Mit Leerzeichen')).toBe(false);
  });
});

describe('days and links', () => {
  it('formats a calendar day without shifting it through a time zone', () => {
    expect(formatDay('2026-03-01', 'de')).toBe('01.03.2026');
    expect(formatDay('2026-12-31', 'en')).toBe('31/12/2026');
  });

  it('proposes six weeks from today for a new wave, across a month end', () => {
    expect(defaultPeriod(new Date(2026, 0, 25, 23, 30))).toEqual({ opensOn: '2026-01-25', closesOn: '2026-03-08' });
  });

  it('builds the public short link, with an invitation code when given', () => {
    expect(publicLink('https://itas.example/', 'resilienz2026')).toBe('https://itas.example/b/resilienz2026');
    expect(publicLink('https://itas.example', 'abc123', 'k7m2p9q4rs')).toBe('https://itas.example/b/abc123?einladung=k7m2p9q4rs');
    expect(displayLink('https://itas.example/b/abc123')).toBe('itas.example/b/abc123');
  });

  it('asks the server for the QR code in the wanted format', () => {
    expect(qrSource('abc123', 'svg')).toBe('/api/study/waves/abc123/qr?format=svg');
    expect(qrSource('abc123', 'png', 'k7m2p9q4rs')).toBe('/api/study/waves/abc123/qr?format=png&einladung=k7m2p9q4rs');
  });
});

describe('intake figures', () => {
  it('gives the share of page 1 in percent with one decimal, and none without a base', () => {
    expect(shareOfFirst(40, 40)).toBe(100);
    expect(shareOfFirst(1, 3)).toBe(33.3);
    expect(shareOfFirst(2, 3)).toBe(66.7);
    expect(shareOfFirst(0, 0)).toBeNull();
  });

  it('lists every channel of the wave, also those without answers, in a fixed order', () => {
    const rows = channelRows(
      ['kiosk', 'online'],
      [
        { channel: 'interviewer', complete: 2, today: 1 },
        { channel: 'online', complete: 5, today: 0 },
      ],
    );
    expect(rows).toEqual([
      { channel: 'online', complete: 5, today: 0 },
      { channel: 'interviewer', complete: 2, today: 1 },
      { channel: 'kiosk', complete: 0, today: 0 },
    ]);
  });
});

describe('wave form checks', () => {
  const valid: WaveValues = {
    name: 'Frühjahr 2026',
    opensOn: '2026-03-01',
    closesOn: '2026-04-30',
    channels: ['online'],
    consentDe: 'Freiwillig und anonym.',
    consentEn: 'Voluntary and anonymous.',
    districts: ['14511'],
    versionId: '0b6f3f1e-7a43-4c8e-9a55-2f3c8f0d1a11',
    invitationOnly: false,
  };

  it('accepts a complete wave', () => {
    expect(checkWaveValues(valid)).toEqual({});
    expect(checkWaveValues({ ...valid, closesOn: valid.opensOn })).toEqual({});
  });

  it('names every missing or contradictory field', () => {
    expect(
      checkWaveValues({ ...valid, name: '  ', closesOn: '2026-02-28', channels: [], districts: [], consentEn: '', versionId: '' }),
    ).toEqual({
      name: 'validation.required',
      closesOn: 'studies.waveForm.endBeforeStart',
      channels: 'studies.waveForm.chooseChannel',
      districts: 'studies.waveForm.chooseDistrict',
      consentEn: 'validation.required',
      versionId: 'validation.choose',
    });
    expect(checkWaveValues({ ...valid, opensOn: '' })).toEqual({ opensOn: 'studies.waveForm.dayInvalid' });
  });

  it('takes 1 to 5,000 codes, nothing else', () => {
    expect(parseCodeCount(' 3 ')).toBe(3);
    expect(parseCodeCount('5000')).toBe(5000);
    for (const text of ['0', '5001', '2.5', '-1', '', 'drei']) expect(parseCodeCount(text), text).toBeNull();
  });
});
