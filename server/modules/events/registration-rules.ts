import { BOOKABLE_SESSION_TYPES } from '../../../contracts/registration.ts';

/** Pure rules of event registration: no I/O, tested with plain inputs. */

/** The key that makes case variants of an address one person: trimmed, NFC, lower case. */
export function emailKey(email: string): string {
  return email.trim().normalize('NFC').toLowerCase();
}

export interface BookableSession {
  id: string;
  type: string;
  startsAt: string;
  endsAt: string;
}

type Field = { path: string; message: string };

/**
 * Checks a choice of workshops: each must be a workshop or panel of this event, chosen once, and
 * no two may overlap in time (one per slot). Returns field errors (empty: fine).
 */
export function workshopChoiceErrors(sessions: BookableSession[], chosen: string[]): Field[] {
  const byId = new Map(sessions.map((s) => [s.id, s]));
  const fields: Field[] = [];
  const seen: BookableSession[] = [];
  chosen.forEach((id, i) => {
    const s = byId.get(id);
    const path = `workshopSessionIds.${i}`;
    if (!s || !(BOOKABLE_SESSION_TYPES as readonly string[]).includes(s.type)) {
      fields.push({ path, message: 'Diesen Workshop gibt es bei dieser Veranstaltung nicht.' });
      return;
    }
    if (seen.some((o) => o.id === s.id)) {
      fields.push({ path, message: 'Dieser Workshop ist doppelt gewählt.' });
      return;
    }
    if (seen.some((o) => o.startsAt < s.endsAt && s.startsAt < o.endsAt)) {
      fields.push({ path, message: 'Zu dieser Zeit ist bereits ein anderer Workshop gewählt. Bitte nur einen je Zeitfenster.' });
      return;
    }
    seen.push(s);
  });
  return fields;
}

/** Whether registration is open at `now` (UTC ISO): before the close date and before the start. */
export function registrationOpen(event: { starts_at: string; registration_closes_at: string | null }, now: string): boolean {
  return now < event.starts_at && (event.registration_closes_at === null || now < event.registration_closes_at);
}

/** Free seats (null capacity: unlimited). */
export function freeSeats(capacity: number | null, taken: number): number {
  return capacity === null ? Number.POSITIVE_INFINITY : Math.max(0, capacity - taken);
}
