import type { Event, Person, ProgrammeDaySchema, ProgrammeSession, Session } from '../../../contracts/events.ts';
import type { z } from 'zod';
import { berlin } from './berlin-time.ts';

const ms = (iso: string) => Date.parse(iso);
const sameRoom = (a: string, b: string) => a.trim() !== '' && a.trim().toLocaleLowerCase('de') === b.trim().toLocaleLowerCase('de');

/**
 * Hints for staff (German) about a session as it would be saved: overlaps with other sessions
 * in the same room, and times outside the event. They never block saving: a programme grows in
 * drafts, and a reception in the foyer may well start before the official opening.
 */
export function sessionWarnings(
  event: Pick<Event, 'startsAt' | 'endsAt'>,
  session: Pick<Session, 'startsAt' | 'endsAt' | 'room'> & { id?: string },
  others: Pick<Session, 'id' | 'title' | 'startsAt' | 'endsAt' | 'room'>[],
): string[] {
  const warnings: string[] = [];
  const [s, e] = [ms(session.startsAt), ms(session.endsAt)];
  if (s < ms(event.startsAt) || e > ms(event.endsAt)) {
    const from = berlin(event.startsAt);
    const to = berlin(event.endsAt);
    warnings.push(
      `Die Sitzung liegt außerhalb der Veranstaltungszeit (${from.date} ${from.time} bis ${to.date} ${to.time} Uhr). Sie wurde trotzdem gespeichert.`,
    );
  }
  for (const o of others) {
    if (o.id === session.id || !sameRoom(o.room, session.room)) continue;
    if (s < ms(o.endsAt) && ms(o.startsAt) < e) {
      warnings.push(
        `Im Raum „${session.room.trim()}“ überschneidet sich die Sitzung mit „${o.title}“ (${berlin(o.startsAt).time}–${berlin(o.endsAt).time} Uhr).`,
      );
    }
  }
  return warnings;
}

/** Days (Europe/Berlin) → time slots → sessions that begin together, i.e. run in parallel. */
export function groupProgramme(sessions: Session[], people: Map<string, Person>): z.infer<typeof ProgrammeDaySchema>[] {
  const sorted = [...sessions].sort(
    (a, b) => ms(a.startsAt) - ms(b.startsAt) || a.room.localeCompare(b.room, 'de') || a.id.localeCompare(b.id),
  );
  const days: z.infer<typeof ProgrammeDaySchema>[] = [];
  for (const s of sorted) {
    const start = berlin(s.startsAt);
    let day = days.at(-1);
    if (day?.date !== start.date) {
      day = { date: start.date, slots: [] };
      days.push(day);
    }
    let slot = day.slots.at(-1);
    if (!slot || ms(slot.startsAt) !== ms(s.startsAt)) {
      slot = { startsAt: s.startsAt, start: start.time, sessions: [] };
      day.slots.push(slot);
    }
    const resolve = (ids: string[]) => ids.flatMap((id) => (people.has(id) ? [people.get(id)!] : []));
    const item: ProgrammeSession = {
      ...s,
      moderators: resolve(s.moderators),
      speakers: resolve(s.speakers),
      start: start.time,
      end: berlin(s.endsAt).time,
      anchor: `sitzung-${s.id}`,
    };
    slot.sessions.push(item);
  }
  return days;
}
