import { z } from 'zod';
import { textSchema } from './common.ts';

/**
 * Events and their programme: congresses, Zukunftsforen, Policy Labs, workshops, Bürgerforen,
 * Change Days. Times travel as ISO 8601 strings with an offset. The server stores UTC and
 * presents local time of Europe/Berlin (offset +01:00 or +02:00), so `startsAt.slice(11, 16)`
 * is the wall-clock time on the programme.
 */
export const EVENT_TIME_ZONE = 'Europe/Berlin' as const;

export const EVENT_FORMATS = ['kongress', 'zukunftsforum', 'policy_lab', 'workshop', 'buergerforum', 'change_days'] as const;
export const EventFormatSchema = z.enum(EVENT_FORMATS);
export type EventFormat = z.infer<typeof EventFormatSchema>;

/** Organisation slugs of the five ITAS partners. */
export const ORGANISERS = ['cwe', 'ihk-chemnitz', 'amz', 'ig-metall', 'ba-region'] as const;
export const OrganiserSchema = z.enum(ORGANISERS);
export type Organiser = z.infer<typeof OrganiserSchema>;

export const FIELDS_OF_ACTION = [
  'industriepolitik',
  'innovation_technologie',
  'arbeit_beschaeftigung',
  'qualifizierung',
  'resiliente_gesellschaft',
] as const;
export const FieldOfActionSchema = z.enum(FIELDS_OF_ACTION);
export type FieldOfAction = z.infer<typeof FieldOfActionSchema>;

export const VISIBILITIES = ['public', 'internal'] as const;
export const VisibilitySchema = z.enum(VISIBILITIES);

export const SESSION_TYPES = [
  'begruessung',
  'keynote',
  'vortrag',
  'panel',
  'workshop',
  'abschlussdiskussion',
  'pause',
  'buergerforum',
] as const;
export const SessionTypeSchema = z.enum(SESSION_TYPES);
export type SessionType = z.infer<typeof SessionTypeSchema>;

export const EventSlugSchema = z
  .string()
  .min(3)
  .max(80)
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'Nur Kleinbuchstaben, Ziffern und Bindestriche.')
  // /veranstaltungen/archiv is the archive page: no event may take its address.
  .refine((slug) => slug !== 'archiv', 'Dieses Kürzel ist für das Archiv reserviert.');

/** An instant with an explicit offset (`Z` or `+02:00`); local times without offset are ambiguous. */
export const DateTimeSchema = z.iso.datetime({ offset: true, message: 'Bitte Datum und Uhrzeit mit Zeitzone angeben.' });

export const VenueSchema = z.strictObject({
  name: textSchema(200, 1),
  street: textSchema(200),
  postalCode: z.string().regex(/^\d{5}$/, 'Bitte eine fünfstellige Postleitzahl angeben.'),
  city: textSchema(120, 1),
});
export type Venue = z.infer<typeof VenueSchema>;

export const EventSeriesSchema = z.object({
  id: z.uuid(),
  slug: z.string(),
  title: z.string(),
  description: z.string(),
});
export type EventSeries = z.infer<typeof EventSeriesSchema>;

export const EventSchema = z.object({
  id: z.uuid(),
  slug: z.string(),
  seriesId: z.uuid().nullable(),
  /** The series the event belongs to (e.g. "Kongress Automobilregion Südwestsachsen"). */
  series: EventSeriesSchema.nullable(),
  title: z.string(),
  format: EventFormatSchema,
  /** Local time of Europe/Berlin with its offset. */
  startsAt: z.string(),
  endsAt: z.string(),
  venue: z.object({ name: z.string(), street: z.string(), postalCode: z.string(), city: z.string() }),
  organisers: z.array(OrganiserSchema),
  fieldsOfAction: z.array(FieldOfActionSchema),
  visibility: VisibilitySchema,
  description: z.string(),
  /** Demo data ("Demo-Daten"), only present when the demo seed ran. */
  demo: z.boolean(),
  sessionCount: z.number().int(),
  /** Optimistic locking: send it back with every change. */
  version: z.number().int(),
});
export type Event = z.infer<typeof EventSchema>;

/** The public sees public events only; staff also get internal ones (`visibility` tells them apart). */
export const EventListQuerySchema = z.strictObject({
  /** `kommend`: not yet over (soonest first); `vergangen`: over (latest first); without: all, latest first. */
  zeit: z.enum(['kommend', 'vergangen']).optional(),
  format: EventFormatSchema.optional(),
});
export type EventListQuery = z.infer<typeof EventListQuerySchema>;
export const EventListSchema = z.object({ items: z.array(EventSchema) });
export type EventList = z.infer<typeof EventListSchema>;

const EventFields = {
  slug: EventSlugSchema,
  seriesId: z.uuid().nullable(),
  title: textSchema(200, 1),
  format: EventFormatSchema,
  startsAt: DateTimeSchema,
  endsAt: DateTimeSchema,
  venue: VenueSchema,
  organisers: z.array(OrganiserSchema).min(1).max(ORGANISERS.length),
  fieldsOfAction: z.array(FieldOfActionSchema).max(FIELDS_OF_ACTION.length),
  visibility: VisibilitySchema,
  description: textSchema(10_000),
};
export const CreateEventBodySchema = z.strictObject(EventFields);
export type CreateEventBody = z.infer<typeof CreateEventBodySchema>;
export const UpdateEventBodySchema = z.strictObject({ ...EventFields, version: z.number().int() });
export type UpdateEventBody = z.infer<typeof UpdateEventBodySchema>;

/** A speaker or moderator; kept once and reused across events. */
export const PersonSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  /** e.g. "Staatssekretär für Wirtschaft" */
  role: z.string(),
  organisation: z.string(),
});
export type Person = z.infer<typeof PersonSchema>;
export const PersonListSchema = z.object({ items: z.array(PersonSchema) });
export type PersonList = z.infer<typeof PersonListSchema>;
export const PersonListQuerySchema = z.strictObject({ q: textSchema(100).optional() });
export const CreatePersonBodySchema = z.strictObject({
  name: textSchema(200, 1),
  role: textSchema(300),
  organisation: textSchema(200),
});
export type CreatePersonBody = z.infer<typeof CreatePersonBodySchema>;

export const SessionSchema = z.object({
  id: z.uuid(),
  eventId: z.uuid(),
  type: SessionTypeSchema,
  title: z.string(),
  abstract: z.string(),
  /** Local time of Europe/Berlin with its offset. */
  startsAt: z.string(),
  endsAt: z.string(),
  room: z.string(),
  track: z.string(),
  /** Person ids, in the order shown. */
  moderators: z.array(z.uuid()),
  speakers: z.array(z.uuid()),
  version: z.number().int(),
});
export type Session = z.infer<typeof SessionSchema>;

const SessionFields = {
  type: SessionTypeSchema,
  title: textSchema(300, 1),
  abstract: textSchema(10_000),
  startsAt: DateTimeSchema,
  endsAt: DateTimeSchema,
  room: textSchema(120),
  track: textSchema(120),
  moderators: z.array(z.uuid()).max(20),
  speakers: z.array(z.uuid()).max(50),
};
export const CreateSessionBodySchema = z.strictObject(SessionFields);
export type CreateSessionBody = z.infer<typeof CreateSessionBodySchema>;
export const UpdateSessionBodySchema = z.strictObject({ ...SessionFields, version: z.number().int() });
export type UpdateSessionBody = z.infer<typeof UpdateSessionBodySchema>;

/** A saved session with hints (German) about overlaps in the same room or times outside the event; it is saved anyway. */
export const SessionResultSchema = z.object({ session: SessionSchema, warnings: z.array(z.string()) });
export type SessionResult = z.infer<typeof SessionResultSchema>;

/** A session on the public programme: people resolved, local wall-clock times. */
export const ProgrammeSessionSchema = SessionSchema.omit({ moderators: true, speakers: true }).extend({
  moderators: z.array(PersonSchema),
  speakers: z.array(PersonSchema),
  /** "HH:MM" local time. */
  start: z.string(),
  end: z.string(),
  /** Fragment of the session on the event page: `sitzung-<id>`. */
  anchor: z.string(),
});
export type ProgrammeSession = z.infer<typeof ProgrammeSessionSchema>;

/** Sessions that begin at the same time run in parallel (in different rooms). */
export const ProgrammeSlotSchema = z.object({
  startsAt: z.string(),
  /** "HH:MM" local time. */
  start: z.string(),
  sessions: z.array(ProgrammeSessionSchema),
});
export const ProgrammeDaySchema = z.object({
  /** "YYYY-MM-DD" in Europe/Berlin. */
  date: z.string(),
  slots: z.array(ProgrammeSlotSchema),
});
export const ProgrammeSchema = z.object({
  event: EventSchema,
  days: z.array(ProgrammeDaySchema),
  /** Everyone on the programme, once. */
  people: z.array(PersonSchema),
});
export type Programme = z.infer<typeof ProgrammeSchema>;

/**
 * The frab/c3voc schedule.json as pretalx emits it (https://c3voc.de/schedule/schema.json), for
 * apps such as Giggity or the c3voc tooling.
 */
export const ScheduleTalkSchema = z.object({
  guid: z.uuid(),
  id: z.number().int(),
  date: z.string(),
  start: z.string(),
  duration: z.string(),
  room: z.string(),
  slug: z.string(),
  url: z.string(),
  title: z.string(),
  subtitle: z.string(),
  track: z.string().nullable(),
  type: z.string(),
  language: z.string(),
  abstract: z.string(),
  description: z.string(),
  logo: z.string().nullable(),
  do_not_record: z.boolean(),
  recording_license: z.string(),
  persons: z.array(z.object({ guid: z.uuid(), id: z.number().int(), public_name: z.string(), biography: z.string() })),
  links: z.array(z.object({ url: z.string(), title: z.string() })),
  attachments: z.array(z.object({ url: z.string(), title: z.string() })),
  answers: z.array(z.unknown()),
});
export const ScheduleSchema = z.object({
  $schema: z.string(),
  generator: z.object({ name: z.string(), version: z.string() }),
  schedule: z.object({
    url: z.string(),
    version: z.string(),
    base_url: z.string(),
    conference: z.object({
      acronym: z.string(),
      title: z.string(),
      start: z.string(),
      end: z.string(),
      daysCount: z.number().int(),
      timeslot_duration: z.string(),
      time_zone_name: z.literal(EVENT_TIME_ZONE),
      url: z.string(),
      rooms: z.array(z.object({ name: z.string(), guid: z.uuid(), description: z.string().nullable(), capacity: z.number().nullable() })),
      tracks: z.array(z.object({ name: z.string(), color: z.string().nullable() })),
      days: z.array(
        z.object({
          index: z.number().int(),
          date: z.string(),
          day_start: z.string(),
          day_end: z.string(),
          rooms: z.record(z.string(), z.array(ScheduleTalkSchema)),
        }),
      ),
    }),
  }),
});
export type Schedule = z.infer<typeof ScheduleSchema>;
