import { berlinDate } from './event-time.ts';

/** What the layout needs of a session. */
export interface Timed {
  id: string;
  startsAt: string;
  endsAt: string;
  room: string;
}

/** Sessions of one room within a time slot, one below the other. */
export interface RoomColumn<T extends Timed> {
  room: string;
  sessions: T[];
}

/**
 * A time slot: sessions whose times overlap, directly or through each other. More than one
 * column means they run in parallel (workshops, panels in different rooms).
 */
export interface TimeSlot<T extends Timed> {
  startsAt: string;
  endsAt: string;
  columns: RoomColumn<T>[];
}

export interface ProgrammeDayLayout<T extends Timed> {
  /** "YYYY-MM-DD" in Europe/Berlin. */
  date: string;
  slots: TimeSlot<T>[];
}

const time = (iso: string) => new Date(iso).getTime();

function byStart<T extends Timed>(a: T, b: T): number {
  return time(a.startsAt) - time(b.startsAt) || time(a.endsAt) - time(b.endsAt) || a.room.localeCompare(b.room, 'de');
}

/** Order of the rooms across the event: the room first used earliest comes first. */
export function roomOrder(sessions: readonly Timed[]): string[] {
  const order: string[] = [];
  for (const s of [...sessions].sort(byStart)) if (!order.includes(s.room)) order.push(s.room);
  return order;
}

function columnsOf<T extends Timed>(sessions: T[], rooms: string[]): RoomColumn<T>[] {
  const columns = new Map<string, T[]>();
  for (const s of sessions) columns.set(s.room, [...(columns.get(s.room) ?? []), s]);
  return [...columns.entries()].sort(([a], [b]) => rooms.indexOf(a) - rooms.indexOf(b)).map(([room, list]) => ({ room, sessions: list }));
}

/**
 * Groups a programme into Berlin days and time slots. A session that ends exactly when another
 * starts does not overlap it. Sessions without a valid time are left out.
 */
export function layoutProgramme<T extends Timed>(sessions: readonly T[]): ProgrammeDayLayout<T>[] {
  const valid = sessions.filter((s) => !Number.isNaN(time(s.startsAt)) && !Number.isNaN(time(s.endsAt)));
  const rooms = roomOrder(valid);
  const days: ProgrammeDayLayout<T>[] = [];
  for (const session of [...valid].sort(byStart)) {
    const date = berlinDate(session.startsAt);
    let day = days.at(-1);
    if (!day || day.date !== date) {
      day = { date, slots: [] };
      days.push(day);
    }
    const open = day.slots.at(-1);
    const slotSessions = open?.columns.flatMap((c) => c.sessions);
    if (open && slotSessions && time(session.startsAt) < time(open.endsAt)) {
      const end = time(session.endsAt) > time(open.endsAt) ? session.endsAt : open.endsAt;
      day.slots[day.slots.length - 1] = { startsAt: open.startsAt, endsAt: end, columns: columnsOf([...slotSessions, session], rooms) };
    } else {
      day.slots.push({ startsAt: session.startsAt, endsAt: session.endsAt, columns: columnsOf([session], rooms) });
    }
  }
  return days;
}

/** Whether a slot holds sessions in more than one room at once. */
export function isParallel(slot: TimeSlot<Timed>): boolean {
  return slot.columns.length > 1;
}
