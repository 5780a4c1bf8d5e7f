import { createHash } from 'node:crypto';
import { EVENT_TIME_ZONE, type Event, type Person, type Schedule, type Session } from '../../../contracts/events.ts';
import { berlin, hhmm } from './berlin-time.ts';

/** frab ids are integers: a stable one from the first 28 bits of the UUID (collisions are harmless for viewers). */
export const frabId = (uuid: string): number => parseInt(uuid.replace(/-/g, '').slice(0, 7), 16);

/** A name-based UUID (version 5 layout) so a room keeps its guid across exports. */
function nameUuid(...parts: string[]): string {
  const h = createHash('sha1').update(parts.join('\u0000')).digest('hex');
  const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function slugify(s: string): string {
  return (
    s
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/ß/g, 'ss')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 50) || 'sitzung'
  );
}

/** Every calendar day of the event, Europe/Berlin. */
function eventDays(event: Event): string[] {
  const days: string[] = [];
  const last = berlin(event.endsAt).date;
  let d = berlin(event.startsAt).date;
  while (d <= last && days.length < 366) {
    days.push(d);
    const next = new Date(`${d}T12:00:00Z`);
    next.setUTCDate(next.getUTCDate() + 1);
    d = next.toISOString().slice(0, 10);
  }
  return days;
}

/**
 * The programme as frab/c3voc schedule.json (https://c3voc.de/schedule/schema.json) in the
 * shape pretalx emits: days → rooms → talks. Sessions without a room are listed under the venue.
 */
export function buildSchedule(
  event: Event,
  sessions: Session[],
  people: Map<string, Person>,
  opts: { publicUrl: string; pageUrl: (sessionId?: string) => string; generatorVersion: string },
): Schedule {
  const roomOf = (s: Session) => s.room.trim() || event.venue.name;
  const sorted = [...sessions].sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt) || roomOf(a).localeCompare(roomOf(b), 'de'));
  const rooms = [...new Set(sorted.map(roomOf))];
  const tracks = [...new Set(sorted.map((s) => s.track.trim()).filter(Boolean))];
  const talk = (s: Session) => {
    const start = berlin(s.startsAt);
    const minutes = Math.round((Date.parse(s.endsAt) - Date.parse(s.startsAt)) / 60_000);
    const persons = [...s.moderators, ...s.speakers]
      .filter((id, i, all) => all.indexOf(id) === i && people.has(id))
      .map((id) => {
        const p = people.get(id)!;
        return { guid: p.id, id: frabId(p.id), public_name: p.name, biography: [p.role, p.organisation].filter(Boolean).join(', ') };
      });
    return {
      guid: s.id,
      id: frabId(s.id),
      date: start.iso,
      start: start.time,
      duration: hhmm(minutes),
      room: roomOf(s),
      slug: `${event.slug}-${frabId(s.id)}-${slugify(s.title)}`,
      url: opts.pageUrl(s.id),
      title: s.title,
      subtitle: '',
      track: s.track.trim() || null,
      type: s.type,
      language: 'de',
      abstract: s.abstract,
      description: '',
      logo: null,
      do_not_record: true,
      recording_license: '',
      persons,
      links: [],
      attachments: [],
      answers: [],
    };
  };
  const days = eventDays(event).map((date, index) => {
    const own = sorted.filter((s) => berlin(s.startsAt).date === date);
    const offset = berlin(`${date}T12:00:00Z`).offset;
    const first = own[0];
    const lastEnd = own.reduce<string | undefined>((m, s) => (!m || Date.parse(s.endsAt) > Date.parse(m) ? s.endsAt : m), undefined);
    const dayRooms: Record<string, ReturnType<typeof talk>[]> = {};
    for (const s of own) (dayRooms[roomOf(s)] ??= []).push(talk(s));
    return {
      index,
      date,
      day_start: first ? berlin(first.startsAt).iso : `${date}T00:00:00${offset}`,
      day_end: lastEnd ? berlin(lastEnd).iso : `${date}T23:59:00${offset}`,
      rooms: dayRooms,
    };
  });
  const conference = {
    acronym: event.slug,
    title: event.title,
    start: berlin(event.startsAt).date,
    end: berlin(event.endsAt).date,
    daysCount: days.length,
    timeslot_duration: '00:15',
    time_zone_name: EVENT_TIME_ZONE,
    url: opts.pageUrl(),
    rooms: rooms.map((name) => ({ name, guid: nameUuid(event.id, name), description: null, capacity: null })),
    tracks: tracks.map((name) => ({ name, color: null })),
    days,
  };
  // The version changes exactly when the content does, as viewers use it to refresh.
  const version = createHash('sha256').update(JSON.stringify(conference)).digest('hex').slice(0, 12);
  return {
    $schema: 'https://c3voc.de/schedule/schema.json',
    generator: { name: 'itas-plattform', version: opts.generatorVersion },
    schedule: {
      url: `${opts.publicUrl}/api/events/${event.slug}/schedule.json`,
      version,
      base_url: `${opts.publicUrl}/`,
      conference,
    },
  };
}
