import { randomUUID } from 'node:crypto';
import type {
  CreateEventBody,
  CreatePersonBody,
  CreateSessionBody,
  Event,
  EventList,
  EventListQuery,
  EventSeries,
  Person,
  Programme,
  Schedule,
  Session,
  SessionResult,
  UpdateEventBody,
  UpdateSessionBody,
} from '../../../contracts/events.ts';
import type { AppContext } from '../../context.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { AppError } from '../../errors.ts';
import { authorize, can, type Actor } from '../../policies.ts';
import type { AuditService } from '../audit/index.ts';
import { berlin, toUtc } from './berlin-time.ts';
import { renderCalendar, type CalendarEntry } from './ical.ts';
import { groupProgramme, sessionWarnings } from './programme.ts';
import { buildSchedule } from './schedule.ts';
import {
  deleteSessionRow,
  findEventById,
  findEventBySlug,
  findPersonRows,
  findSeries,
  findSeriesBySlug,
  findSessionRow,
  insertEvent,
  insertPerson,
  insertSeries,
  insertSessionRow,
  listEventRows,
  listPersonRows,
  listSeriesRows,
  listSessionPeople,
  listSessionRows,
  replaceSessionPeople,
  sessionCounts,
  updateEventRow,
  updateSessionRow,
  type EventRow,
  type PersonRow,
  type SessionRow,
} from './events.repository.ts';

type Field = { path: string; message: string };
const invalid = (fields: Field[]) => new AppError('validation.failed', { fields });
const unique = <T>(xs: T[]): T[] => [...new Set(xs)];

function presentPerson(p: PersonRow): Person {
  return { id: p.id, name: p.name, role: p.role, organisation: p.organisation };
}

function presentEvent(e: EventRow, series: Map<string, EventSeries>, sessionCount: number): Event {
  return {
    id: e.id,
    slug: e.slug,
    seriesId: e.series_id,
    series: (e.series_id && series.get(e.series_id)) || null,
    title: e.title,
    format: e.format as Event['format'],
    startsAt: berlin(e.starts_at).iso,
    endsAt: berlin(e.ends_at).iso,
    venue: { name: e.venue_name, street: e.venue_street, postalCode: e.venue_postal_code, city: e.venue_city },
    organisers: JSON.parse(e.organisers) as Event['organisers'],
    fieldsOfAction: JSON.parse(e.fields_of_action) as Event['fieldsOfAction'],
    visibility: e.visibility as Event['visibility'],
    description: e.description,
    demo: e.is_demo === 1,
    sessionCount,
    version: e.version,
  };
}

function presentSession(s: SessionRow, people: { moderators: string[]; speakers: string[] }): Session {
  return {
    id: s.id,
    eventId: s.event_id,
    type: s.type as Session['type'],
    title: s.title,
    abstract: s.abstract,
    startsAt: berlin(s.starts_at).iso,
    endsAt: berlin(s.ends_at).iso,
    room: s.room,
    track: s.track,
    moderators: people.moderators,
    speakers: people.speakers,
    version: s.version,
  };
}

function checkSpan(startsAt: string, endsAt: string): void {
  if (Date.parse(endsAt) <= Date.parse(startsAt)) throw invalid([{ path: 'endsAt', message: 'Das Ende muss nach dem Beginn liegen.' }]);
}

/** The columns of an event as a body describes it (times stored in UTC). */
function eventColumns(input: CreateEventBody) {
  return {
    slug: input.slug,
    series_id: input.seriesId,
    title: input.title,
    format: input.format,
    starts_at: toUtc(input.startsAt),
    ends_at: toUtc(input.endsAt),
    venue_name: input.venue.name,
    venue_street: input.venue.street,
    venue_postal_code: input.venue.postalCode,
    venue_city: input.venue.city,
    organisers: JSON.stringify(unique(input.organisers)),
    fields_of_action: JSON.stringify(unique(input.fieldsOfAction)),
    visibility: input.visibility,
    description: input.description,
  };
}

/** Trusted input for the demo seed: series and people by key, events with their programme. */
export interface DemoEvents {
  series: Record<string, { slug: string; title: string; description: string }>;
  people: Record<string, CreatePersonBody>;
  events: {
    series: string | null;
    event: Omit<CreateEventBody, 'seriesId'>;
    /** `moderators` and `speakers` name keys of `people`. */
    sessions: CreateSessionBody[];
  }[];
}

/**
 * Events, their programme and the people on it. Public events are open to everyone (page,
 * iCalendar, schedule.json); internal ones exist only for staff. Staff of every partner manage
 * them. Each change is audited inside its transaction.
 */
export function createEventService(ctx: AppContext, audit: AuditService) {
  const now = () => ctx.clock().toISOString();
  const host = new URL(ctx.config.publicUrl).host;
  const pageUrl = (slug: string, sessionId?: string) =>
    `${ctx.config.publicUrl}/veranstaltungen/${slug}${sessionId ? `#sitzung-${sessionId}` : ''}`;

  async function seriesMap(): Promise<Map<string, EventSeries>> {
    const rows = await listSeriesRows(ctx.db);
    return new Map(rows.map((s) => [s.id, { id: s.id, slug: s.slug, title: s.title, description: s.description }]));
  }

  async function present(row: EventRow, db: DbOrTrx = ctx.db): Promise<Event> {
    const [series, counts] = await Promise.all([seriesMap(), sessionCounts(db)]);
    return presentEvent(row, series, counts.get(row.id) ?? 0);
  }

  /** The event as the caller may see it: internal events are "not found" for everyone but staff. */
  async function visibleEvent(actor: Actor | null, slug: string): Promise<EventRow> {
    const row = await findEventBySlug(ctx.db, slug);
    if (!row || (row.visibility !== 'public' && !can.readInternalEvents(actor))) throw new AppError('event.not_found');
    return row;
  }

  async function sessionsOf(db: DbOrTrx, eventId: string): Promise<Session[]> {
    const rows = await listSessionRows(db, eventId);
    const links = await listSessionPeople(
      db,
      rows.map((r) => r.id),
    );
    return rows.map((r) => {
      const own = links.filter((l) => l.session_id === r.id);
      return presentSession(r, {
        moderators: own.filter((l) => l.role === 'moderator').map((l) => l.person_id),
        speakers: own.filter((l) => l.role === 'speaker').map((l) => l.person_id),
      });
    });
  }

  async function peopleOf(db: DbOrTrx, sessions: Session[]): Promise<Map<string, Person>> {
    const ids = unique(sessions.flatMap((s) => [...s.moderators, ...s.speakers]));
    return new Map((await findPersonRows(db, ids)).map((p) => [p.id, presentPerson(p)]));
  }

  async function checkEventInput(db: DbOrTrx, input: CreateEventBody): Promise<void> {
    checkSpan(input.startsAt, input.endsAt);
    if (input.seriesId && !(await findSeries(db, input.seriesId)))
      throw invalid([{ path: 'seriesId', message: 'Diese Veranstaltungsreihe gibt es nicht.' }]);
  }

  async function checkPeople(db: DbOrTrx, input: Pick<CreateSessionBody, 'moderators' | 'speakers'>): Promise<void> {
    const known = new Set((await findPersonRows(db, unique([...input.moderators, ...input.speakers]))).map((p) => p.id));
    const fields: Field[] = [];
    for (const key of ['moderators', 'speakers'] as const)
      input[key].forEach((id, i) => {
        if (!known.has(id)) fields.push({ path: `${key}.${i}`, message: 'Diese Person gibt es nicht. Bitte legen Sie sie zuerst an.' });
      });
    if (fields.length > 0) throw invalid(fields);
  }

  function sessionColumns(input: CreateSessionBody) {
    return {
      type: input.type,
      title: input.title,
      abstract: input.abstract,
      starts_at: toUtc(input.startsAt),
      ends_at: toUtc(input.endsAt),
      room: input.room,
      track: input.track,
    };
  }

  async function saveSession(
    actor: Actor,
    eventId: string,
    input: CreateSessionBody,
    existing: { id: string; version: number } | null,
  ): Promise<SessionResult> {
    checkSpan(input.startsAt, input.endsAt);
    const id = existing?.id ?? randomUUID();
    const moderators = unique(input.moderators);
    const speakers = unique(input.speakers);
    const warnings = await ctx.db.transaction().execute(async (trx) => {
      const event = await findEventById(trx, eventId);
      if (!event) throw new AppError('event.not_found');
      await checkPeople(trx, { moderators, speakers });
      const stamp = now();
      if (existing) {
        const row = await findSessionRow(trx, eventId, existing.id);
        if (!row) throw new AppError('event_session.not_found');
        if (row.version !== existing.version) throw new AppError('event_session.version_conflict');
        const ok = await updateSessionRow(trx, id, existing.version, { ...sessionColumns(input), updated_at: stamp });
        if (!ok) throw new AppError('event_session.version_conflict');
      } else {
        await insertSessionRow(trx, { id, event_id: eventId, ...sessionColumns(input), created_at: stamp, updated_at: stamp, version: 1 });
      }
      await replaceSessionPeople(trx, id, moderators, speakers);
      await audit.record(
        {
          action: existing ? 'event.session_updated' : 'event.session_created',
          actorId: actor.userId,
          targetType: 'event_session',
          targetId: id,
          details: { event: event.slug },
        },
        trx,
      );
      const others = await sessionsOf(trx, eventId);
      const eventTimes = { startsAt: event.starts_at, endsAt: event.ends_at };
      return sessionWarnings(eventTimes, { id, startsAt: toUtc(input.startsAt), endsAt: toUtc(input.endsAt), room: input.room }, others);
    });
    const session = (await sessionsOf(ctx.db, eventId)).find((s) => s.id === id);
    if (!session) throw new AppError('event_session.not_found');
    return { session, warnings };
  }

  return {
    async list(actor: Actor | null, query: EventListQuery): Promise<EventList> {
      const [rows, series, counts] = await Promise.all([
        listEventRows(ctx.db, { publicOnly: !can.readInternalEvents(actor), zeit: query.zeit, format: query.format, now: now() }),
        seriesMap(),
        sessionCounts(ctx.db),
      ]);
      return { items: rows.map((r) => presentEvent(r, series, counts.get(r.id) ?? 0)) };
    },

    async programme(actor: Actor | null, slug: string): Promise<Programme> {
      const row = await visibleEvent(actor, slug);
      const sessions = await sessionsOf(ctx.db, row.id);
      const people = await peopleOf(ctx.db, sessions);
      return {
        event: await present(row),
        days: groupProgramme(sessions, people),
        people: [...people.values()].sort((a, b) => a.name.localeCompare(b.name, 'de')),
      };
    },

    async eventCalendar(actor: Actor | null, slug: string): Promise<string> {
      const row = await visibleEvent(actor, slug);
      const entry: CalendarEntry = {
        uid: `event-${row.id}@${host}`,
        startsAt: row.starts_at,
        endsAt: row.ends_at,
        updatedAt: row.updated_at,
        sequence: row.version - 1,
        summary: row.title,
        description: [row.description, pageUrl(row.slug)].filter(Boolean).join('\n\n'),
        location: [row.venue_name, row.venue_street, `${row.venue_postal_code} ${row.venue_city}`.trim()].filter(Boolean).join(', '),
        url: pageUrl(row.slug),
      };
      return renderCalendar(row.title, [entry]);
    },

    async sessionCalendar(actor: Actor | null, slug: string, sessionId: string): Promise<string> {
      const row = await visibleEvent(actor, slug);
      const session = await findSessionRow(ctx.db, row.id, sessionId);
      if (!session) throw new AppError('event_session.not_found');
      const [presented] = await sessionsOf(ctx.db, row.id).then((all) => all.filter((s) => s.id === sessionId));
      const people = await peopleOf(ctx.db, presented ? [presented] : []);
      const names = (ids: string[]) => ids.flatMap((id) => (people.has(id) ? [people.get(id)!.name] : []));
      const speakers = names(presented?.speakers ?? []);
      const moderators = names(presented?.moderators ?? []);
      const entry: CalendarEntry = {
        uid: `session-${session.id}@${host}`,
        startsAt: session.starts_at,
        endsAt: session.ends_at,
        updatedAt: session.updated_at,
        sequence: session.version - 1,
        summary: session.title,
        description: [
          row.title,
          session.abstract,
          speakers.length ? `Mit: ${speakers.join(', ')}` : '',
          moderators.length ? `Moderation: ${moderators.join(', ')}` : '',
          pageUrl(row.slug, session.id),
        ]
          .filter(Boolean)
          .join('\n\n'),
        location: [session.room, row.venue_name, row.venue_street, `${row.venue_postal_code} ${row.venue_city}`.trim()]
          .filter(Boolean)
          .join(', '),
        url: pageUrl(row.slug, session.id),
      };
      return renderCalendar(`${row.title}: ${session.title}`, [entry]);
    },

    async schedule(actor: Actor | null, slug: string): Promise<Schedule> {
      const row = await visibleEvent(actor, slug);
      const sessions = await sessionsOf(ctx.db, row.id);
      return buildSchedule(await present(row), sessions, await peopleOf(ctx.db, sessions), {
        publicUrl: ctx.config.publicUrl,
        pageUrl: (sessionId) => pageUrl(row.slug, sessionId),
        generatorVersion: ctx.config.version,
      });
    },

    async createEvent(actor: Actor | null, input: CreateEventBody): Promise<Event> {
      authorize(actor, can.manageEvents(actor));
      const id = randomUUID();
      await ctx.db.transaction().execute(async (trx) => {
        await checkEventInput(trx, input);
        if (await findEventBySlug(trx, input.slug)) throw new AppError('event.slug_taken');
        const stamp = now();
        await insertEvent(trx, { id, ...eventColumns(input), is_demo: 0, created_at: stamp, updated_at: stamp, version: 1 });
        await audit.record(
          { action: 'event.created', actorId: actor.userId, targetType: 'event', targetId: id, details: { slug: input.slug } },
          trx,
        );
      });
      return present((await findEventById(ctx.db, id))!);
    },

    async updateEvent(actor: Actor | null, id: string, input: UpdateEventBody): Promise<Event> {
      authorize(actor, can.manageEvents(actor));
      await ctx.db.transaction().execute(async (trx) => {
        const row = await findEventById(trx, id);
        if (!row) throw new AppError('event.not_found');
        if (row.version !== input.version) throw new AppError('event.version_conflict');
        await checkEventInput(trx, input);
        const other = await findEventBySlug(trx, input.slug);
        if (other && other.id !== id) throw new AppError('event.slug_taken');
        if (!(await updateEventRow(trx, id, input.version, { ...eventColumns(input), updated_at: now() })))
          throw new AppError('event.version_conflict');
        await audit.record(
          { action: 'event.updated', actorId: actor.userId, targetType: 'event', targetId: id, details: { slug: input.slug } },
          trx,
        );
      });
      return present((await findEventById(ctx.db, id))!);
    },

    async createSession(actor: Actor | null, eventId: string, input: CreateSessionBody): Promise<SessionResult> {
      authorize(actor, can.manageEvents(actor));
      return saveSession(actor, eventId, input, null);
    },

    async updateSession(actor: Actor | null, eventId: string, sessionId: string, input: UpdateSessionBody): Promise<SessionResult> {
      authorize(actor, can.manageEvents(actor));
      return saveSession(actor, eventId, input, { id: sessionId, version: input.version });
    },

    async deleteSession(actor: Actor | null, eventId: string, sessionId: string): Promise<void> {
      authorize(actor, can.manageEvents(actor));
      await ctx.db.transaction().execute(async (trx) => {
        const event = await findEventById(trx, eventId);
        if (!event) throw new AppError('event.not_found');
        if (!(await findSessionRow(trx, eventId, sessionId))) throw new AppError('event_session.not_found');
        await deleteSessionRow(trx, sessionId);
        await audit.record(
          {
            action: 'event.session_deleted',
            actorId: actor.userId,
            targetType: 'event_session',
            targetId: sessionId,
            details: { event: event.slug },
          },
          trx,
        );
      });
    },

    /**
     * Demo content, marked `demo` ("Demo-Daten"); trusted input, no actor. Runs once: when the
     * first demo event exists nothing happens.
     */
    async seedDemo(data: DemoEvents): Promise<void> {
      if (data.events[0] && (await findEventBySlug(ctx.db, data.events[0].event.slug))) return;
      const stamp = now();
      await ctx.db.transaction().execute(async (trx) => {
        const seriesIds = new Map<string, string>();
        for (const [key, sr] of Object.entries(data.series)) {
          const existing = await findSeriesBySlug(trx, sr.slug);
          const id = existing?.id ?? randomUUID();
          if (!existing) await insertSeries(trx, { id, ...sr, is_demo: 1, created_at: stamp });
          seriesIds.set(key, id);
        }
        const personIds = new Map<string, string>();
        for (const [key, p] of Object.entries(data.people)) {
          const id = randomUUID();
          await insertPerson(trx, { id, ...p, is_demo: 1, created_at: stamp });
          personIds.set(key, id);
        }
        const ids = (keys: string[]) => keys.map((k) => personIds.get(k) ?? k);
        for (const { series, event, sessions } of data.events) {
          const id = randomUUID();
          const seriesId = series ? (seriesIds.get(series) ?? null) : null;
          await insertEvent(trx, {
            id,
            ...eventColumns({ ...event, seriesId }),
            is_demo: 1,
            created_at: stamp,
            updated_at: stamp,
            version: 1,
          });
          for (const session of sessions) {
            const sessionId = randomUUID();
            await insertSessionRow(trx, {
              id: sessionId,
              event_id: id,
              ...sessionColumns(session),
              created_at: stamp,
              updated_at: stamp,
              version: 1,
            });
            await replaceSessionPeople(trx, sessionId, ids(session.moderators), ids(session.speakers));
          }
        }
      });
    },

    async listPeople(actor: Actor | null, q?: string): Promise<{ items: Person[] }> {
      authorize(actor, can.manageEvents(actor));
      return { items: (await listPersonRows(ctx.db, q?.trim() || undefined)).map(presentPerson) };
    },

    async createPerson(actor: Actor | null, input: CreatePersonBody): Promise<Person> {
      authorize(actor, can.manageEvents(actor));
      const row: PersonRow = { id: randomUUID(), ...input, is_demo: 0, created_at: now() };
      await ctx.db.transaction().execute(async (trx) => {
        await insertPerson(trx, row);
        // The name is personal data: the log keeps only the id.
        await audit.record({ action: 'person.created', actorId: actor.userId, targetType: 'person', targetId: row.id }, trx);
      });
      return presentPerson(row);
    },
  };
}
export type EventService = ReturnType<typeof createEventService>;
