import { apiPath } from '../../../contracts/api.ts';
import { DISTRICTS, MAX_INVITATIONS_PER_REQUEST, StudySlugSchema, type WaveOverview } from '../../../contracts/study-admin.ts';
import type { Channel } from '../../../contracts/study.ts';
import { shortLinkPath } from '../../lib/paths.ts';

/** Rules and small computations of the study pages, without React or browser APIs. */

/** Channels a wave can be set to here; "live" belongs to the congress module. */
export const WAVE_CHANNELS = ['online', 'interviewer', 'kiosk', 'import'] as const satisfies readonly Channel[];
export type WaveChannel = (typeof WAVE_CHANNELS)[number];
export const DISTRICT_KEYS = Object.keys(DISTRICTS) as (keyof typeof DISTRICTS)[];
export type DistrictKey = keyof typeof DISTRICTS;

const SLUG_MAX = 60;
const TRANSLITERATION: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue', ß: 'ss' };

/** A Kürzel from a title: "Resilienz-Studie Südwestsachsen 2026" → "resilienz-studie-suedwestsachsen-2026". */
export function suggestSlug(title: string): string {
  const plain = title
    .toLowerCase()
    .replace(/[äöüß]/g, (c) => TRANSLITERATION[c] ?? c)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (plain.length <= SLUG_MAX) return plain;
  // Cut at a word boundary when there is one in the second half, so no word is chopped.
  const cut = plain.slice(0, SLUG_MAX);
  const boundary = cut.lastIndexOf('-');
  return (boundary > SLUG_MAX / 2 ? cut.slice(0, boundary) : cut).replace(/-+$/, '');
}

export function isValidSlug(slug: string): boolean {
  return StudySlugSchema.safeParse(slug).success;
}

/** "2026-03-01" → "01.03.2026" (German) or "01/03/2026" (English); read as a calendar day, no time zone. */
export function formatDay(day: string, language: 'de' | 'en'): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return day;
  const [, y, mo, d] = m;
  return language === 'en' ? `${d}/${mo}/${y}` : `${d}.${mo}.${y}`;
}

function isoDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

const DEFAULT_WAVE_WEEKS = 6;

/** A new wave's period: from today (the local calendar day) for six weeks. */
export function defaultPeriod(today: Date): { opensOn: string; closesOn: string } {
  const end = new Date(today.getFullYear(), today.getMonth(), today.getDate() + DEFAULT_WAVE_WEEKS * 7);
  return { opensOn: isoDay(today), closesOn: isoDay(end) };
}

/** The full public link of a wave, as printed and encoded in QR codes. */
export function publicLink(origin: string, code: string, invitation?: string): string {
  const base = `${origin.replace(/\/+$/, '')}${shortLinkPath(code)}`;
  return invitation ? `${base}?einladung=${encodeURIComponent(invitation)}` : base;
}

/** A link as people type it from paper: without "https://". */
export function displayLink(url: string): string {
  return url.replace(/^https?:\/\//, '');
}

/** The QR code image of a wave's short link (optionally carrying an invitation code). */
export function qrSource(code: string, format: 'svg' | 'png', invitation?: string): string {
  const query = new URLSearchParams({ format });
  if (invitation) query.set('einladung', invitation);
  return `${apiPath('waveQrCode', { code })}?${query.toString()}`;
}

/** Share of the respondents on page 1 who reached a page, in percent with one decimal; null without a base. */
export function shareOfFirst(reached: number, first: number): number | null {
  if (!(first > 0)) return null;
  return Math.round((reached / first) * 1000) / 10;
}

export interface ChannelRow {
  channel: Channel;
  complete: number;
  today: number;
}

/** One row per channel the wave uses (also with no answers yet) plus any channel that has answers. */
export function channelRows(waveChannels: readonly Channel[], counts: WaveOverview['channels']): ChannelRow[] {
  const byChannel = new Map(counts.map((c) => [c.channel, c]));
  const order: Channel[] = ['online', 'interviewer', 'kiosk', 'import', 'live'];
  return order
    .filter((channel) => waveChannels.includes(channel) || byChannel.has(channel))
    .map((channel) => ({ channel, complete: byChannel.get(channel)?.complete ?? 0, today: byChannel.get(channel)?.today ?? 0 }));
}

export interface WaveValues {
  name: string;
  opensOn: string;
  closesOn: string;
  channels: WaveChannel[];
  consentDe: string;
  consentEn: string;
  districts: DistrictKey[];
  versionId: string;
  invitationOnly: boolean;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
export const WAVE_NAME_MAX = 120;
export const CONSENT_MAX = 5000;

/** Problems of a wave form as translation keys per field; empty when the form may be sent. */
export function checkWaveValues(values: WaveValues): Record<string, string> {
  const problems: Record<string, string> = {};
  const name = values.name.trim();
  if (name === '') problems.name = 'validation.required';
  else if (name.length > WAVE_NAME_MAX) problems.name = 'studies.waveForm.nameTooLong';
  if (!DAY.test(values.opensOn)) problems.opensOn = 'studies.waveForm.dayInvalid';
  if (!DAY.test(values.closesOn)) problems.closesOn = 'studies.waveForm.dayInvalid';
  else if (DAY.test(values.opensOn) && values.closesOn < values.opensOn) problems.closesOn = 'studies.waveForm.endBeforeStart';
  if (values.channels.length === 0) problems.channels = 'studies.waveForm.chooseChannel';
  if (values.districts.length === 0) problems.districts = 'studies.waveForm.chooseDistrict';
  for (const key of ['consentDe', 'consentEn'] as const) {
    const text = values[key].trim();
    if (text === '') problems[key] = 'validation.required';
    else if (text.length > CONSENT_MAX) problems[key] = 'studies.waveForm.consentTooLong';
  }
  if (values.versionId === '') problems.versionId = 'validation.choose';
  return problems;
}

/** The number of invitation codes to make, from the form's text; null unless a whole number from 1 to 5,000. */
export function parseCodeCount(text: string): number | null {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) return null;
  const count = Number(trimmed);
  return count >= 1 && count <= MAX_INVITATIONS_PER_REQUEST ? count : null;
}
