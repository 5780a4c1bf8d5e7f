import { EVENT_TIME_ZONE } from '../../../contracts/events.ts';
import type { Language } from '../../i18n.ts';

/**
 * Times of events in Europe/Berlin, whatever zone the visitor's device is set to: a congress in
 * Chemnitz starts at 09:00 in Chemnitz. The date-time inputs of the staff forms work in Berlin
 * wall-clock time as well; these helpers convert between that and instants (ISO, UTC).
 */

const locale = (language: Language) => (language === 'en' ? 'en-GB' : 'de-DE');
const formats = new Map<string, Intl.DateTimeFormat>();

function format(language: Language, kind: 'range' | 'day' | 'time' | 'parts'): Intl.DateTimeFormat {
  const key = `${language}:${kind}`;
  let f = formats.get(key);
  if (!f) {
    const options: Intl.DateTimeFormatOptions =
      kind === 'range'
        ? { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }
        : kind === 'day'
          ? { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }
          : kind === 'time'
            ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }
            : {
                year: 'numeric',
                month: '2-digit',
                day: '2-digit',
                hour: '2-digit',
                minute: '2-digit',
                second: '2-digit',
                hourCycle: 'h23',
              };
    // A calendar day ("2026-03-12") is formatted as that day, not moved by a time zone.
    f = new Intl.DateTimeFormat(kind === 'parts' ? 'en-US' : locale(language), {
      ...options,
      timeZone: kind === 'day' ? 'UTC' : EVENT_TIME_ZONE,
    });
    formats.set(key, f);
  }
  return f;
}

function toDate(iso: string): Date | null {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** "Donnerstag, 12. März 2026, 09:00–17:00 Uhr"; across days both ends in full. */
export function formatEventRange(startsAt: string, endsAt: string, language: Language): string {
  const start = toDate(startsAt);
  const end = toDate(endsAt);
  if (!start) return startsAt;
  if (!end || end.getTime() < start.getTime()) return format(language, 'range').format(start);
  return format(language, 'range').formatRange(start, end);
}

/** "Donnerstag, 12. März 2026" for a calendar day "2026-03-12". */
export function formatDay(date: string, language: Language): string {
  const day = toDate(`${date}T12:00:00Z`);
  return day ? format(language, 'day').format(day) : date;
}

/** "09:00" in Berlin. */
export function formatTime(iso: string, language: Language): string {
  const date = toDate(iso);
  return date ? format(language, 'time').format(date) : iso;
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function berlinWallClock(date: Date): WallClock {
  const parts = Object.fromEntries(
    format('de', 'parts')
      .formatToParts(date)
      .filter((p) => p.type !== 'literal')
      .map((p) => [p.type, Number(p.value)]),
  ) as Record<string, number>;
  return {
    year: parts.year ?? 0,
    month: parts.month ?? 0,
    day: parts.day ?? 0,
    // Some engines write midnight as 24.
    hour: (parts.hour ?? 0) % 24,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

/** Minutes Berlin is ahead of UTC at this instant (60 in winter, 120 in summer). */
export function berlinOffsetMinutes(date: Date): number {
  const w = berlinWallClock(date);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return Math.round((asUtc - Math.floor(date.getTime() / 1000) * 1000) / 60_000);
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** The value of an `<input type="datetime-local">` ("2026-03-12T09:00") for an instant, in Berlin time. */
export function toLocalInput(iso: string): string {
  const date = toDate(iso);
  if (!date) return '';
  const w = berlinWallClock(date);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}`;
}

export type LocalInputResult = { ok: true; iso: string } | { ok: false; reason: 'empty' | 'invalid' | 'skipped' };

const LOCAL_INPUT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/**
 * Berlin wall-clock time from a date-time input → instant in UTC ("2026-03-12T08:00:00.000Z").
 * In the hour the clocks go forward (last Sunday of March, 02:00–02:59) there is no such time:
 * `skipped`. In the hour that happens twice (last Sunday of October, 02:00–02:59) the first one,
 * still summer time, is meant – as a programme printed on paper would mean it.
 */
export function fromLocalInput(value: string): LocalInputResult {
  const trimmed = value.trim();
  if (trimmed === '') return { ok: false, reason: 'empty' };
  const m = LOCAL_INPUT.exec(trimmed);
  if (!m) return { ok: false, reason: 'invalid' };
  const [year, month, day, hour, minute, second] = m.slice(1).map((s) => Number(s ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(wall);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) {
    return { ok: false, reason: 'invalid' };
  }
  // The offsets in force around that day; an instant fits when Berlin shows exactly this wall time there.
  const offsets = new Set([berlinOffsetMinutes(new Date(wall - 86_400_000)), berlinOffsetMinutes(new Date(wall + 86_400_000))]);
  const fits = [...offsets]
    .map((offset) => wall - offset * 60_000)
    .filter((instant) => berlinOffsetMinutes(new Date(instant)) * 60_000 === wall - instant)
    .sort((a, b) => a - b);
  const first = fits[0];
  if (first === undefined) return { ok: false, reason: 'skipped' };
  return { ok: true, iso: new Date(first).toISOString() };
}

/** The calendar day in Berlin ("2026-03-12") of an instant. */
export function berlinDate(iso: string): string {
  return toLocalInput(iso).slice(0, 10);
}

/** Whether an event is over (its end has passed). */
export function isPast(endsAt: string, now = new Date()): boolean {
  const end = toDate(endsAt);
  return end !== null && end.getTime() < now.getTime();
}
