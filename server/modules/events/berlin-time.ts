import { EVENT_TIME_ZONE } from '../../../contracts/events.ts';

const FORMAT = new Intl.DateTimeFormat('en-US', {
  timeZone: EVENT_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});
const pad = (n: number) => String(n).padStart(2, '0');

export interface BerlinTime {
  /** "2025-06-12T09:00:00+02:00" */
  iso: string;
  /** "2025-06-12" */
  date: string;
  /** "12.06.2025", as German texts (mails, badges) write it. */
  dateDe: string;
  /** "09:00" */
  time: string;
  /** "+02:00" */
  offset: string;
}

/** A UTC instant as wall-clock time in Europe/Berlin (the offset follows summer time). */
export function berlin(utcIso: string): BerlinTime {
  const d = new Date(utcIso);
  const p = Object.fromEntries(FORMAT.formatToParts(d).map((x) => [x.type, x.value])) as Record<string, string>;
  const [y, mo, da, h, mi, s] = [p.year, p.month, p.day, p.hour, p.minute, p.second].map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const wholeSeconds = Math.floor(d.getTime() / 1000) * 1000;
  const offsetMin = Math.round((Date.UTC(y, mo - 1, da, h, mi, s) - wholeSeconds) / 60_000);
  const abs = Math.abs(offsetMin);
  const offset = `${offsetMin < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
  const date = `${p.year}-${p.month}-${p.day}`;
  const time = `${p.hour}:${p.minute}`;
  return { iso: `${date}T${time}:${p.second}${offset}`, date, dateDe: `${p.day}.${p.month}.${p.year}`, time, offset };
}

/** Any ISO instant with offset → the UTC ISO string we store (text order = time order). */
export const toUtc = (iso: string): string => new Date(iso).toISOString();

/** "HH:MM" of a span in minutes. */
export function hhmm(minutes: number): string {
  return `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}
