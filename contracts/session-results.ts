import { z } from 'zod';
import { textSchema } from './common.ts';
import { EventFormatSchema, SessionTypeSchema, VisibilitySchema } from './events.ts';
import { DISTRICTS } from './study-admin.ts';

/**
 * What came out of a session (workshop results: text, photos of flip charts, agreed next steps)
 * and the short notes staff take at a Bürgerforum. Results are drafts until staff publish them;
 * forum notes are internal and never public.
 */

// --- workshop results ------------------------------------------------------------------------

export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type PhotoType = (typeof PHOTO_TYPES)[number];
/** Bytes per photo (a phone photo of a flip chart fits well). */
export const MAX_PHOTO_BYTES = 10 * 1024 * 1024;
export const MAX_PHOTOS_PER_SESSION = 12;
export const MAX_ALT_LENGTH = 300;
export const MAX_NEXT_STEPS = 30;

export const NEXT_STEP_STATUSES = ['offen', 'in_arbeit', 'erledigt'] as const;
export const NextStepStatusSchema = z.enum(NEXT_STEP_STATUSES);
export type NextStepStatus = z.infer<typeof NextStepStatusSchema>;

const DateOnlySchema = z.iso.date({ message: 'Bitte ein Datum im Format JJJJ-MM-TT angeben.' });

export const NextStepSchema = z.object({
  id: z.uuid(),
  text: z.string(),
  /** A person or an organisation, as typed. */
  owner: z.string(),
  /** "YYYY-MM-DD" or null. */
  dueDate: z.string().nullable(),
  status: NextStepStatusSchema,
});
export type NextStep = z.infer<typeof NextStepSchema>;

export const SessionPhotoSchema = z.object({
  id: z.uuid(),
  alt: z.string(),
  contentType: z.enum(PHOTO_TYPES),
  size: z.number().int(),
  /** Pixels, when the file says so; null otherwise. */
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
  /** The address of the image; it carries the content hash, so it never changes for other bytes. */
  url: z.string(),
});
export type SessionPhoto = z.infer<typeof SessionPhotoSchema>;

/** The results of one session as staff see them (draft or published). */
export const SessionResultsSchema = z.object({
  sessionId: z.uuid(),
  text: z.string(),
  published: z.boolean(),
  /** 0 while nothing is stored yet; send it back with every change. */
  version: z.number().int(),
  updatedAt: z.string().nullable(),
  demo: z.boolean(),
  photos: z.array(SessionPhotoSchema),
  nextSteps: z.array(NextStepSchema),
});
export type SessionResults = z.infer<typeof SessionResultsSchema>;

/** The staff page: the event and session it belongs to, and the results. */
export const SessionResultsPageSchema = z.object({
  event: z.object({ id: z.uuid(), slug: z.string(), title: z.string(), visibility: VisibilitySchema }),
  session: z.object({ id: z.uuid(), title: z.string(), type: SessionTypeSchema, startsAt: z.string(), endsAt: z.string() }),
  results: SessionResultsSchema,
});
export type SessionResultsPage = z.infer<typeof SessionResultsPageSchema>;

export const NextStepBodySchema = z.strictObject({
  text: textSchema(1_000, 1),
  owner: textSchema(200, 1),
  dueDate: DateOnlySchema.nullable(),
  status: NextStepStatusSchema,
});
export type NextStepBody = z.infer<typeof NextStepBodySchema>;

export const SaveSessionResultsBodySchema = z.strictObject({
  /** Plain text; blank lines separate paragraphs. */
  text: textSchema(20_000),
  nextSteps: z.array(NextStepBodySchema).max(MAX_NEXT_STEPS),
  version: z.number().int().min(0),
});
export type SaveSessionResultsBody = z.infer<typeof SaveSessionResultsBodySchema>;

export const VersionBodySchema = z.strictObject({ version: z.number().int().min(1) });
export type VersionBody = z.infer<typeof VersionBodySchema>;

const ALT_REQUIRED = 'Bitte beschreiben Sie, was auf dem Foto zu sehen ist (Beschreibung des Fotos).';
/** The text alternative of a photo, for people who cannot see it: required. */
const AltSchema = z.string({ error: ALT_REQUIRED }).trim().min(1, ALT_REQUIRED).pipe(textSchema(MAX_ALT_LENGTH));
/** Alt text travels in the query string of an upload (the body is the image itself). */
export const UploadPhotoQuerySchema = z.strictObject({ alt: AltSchema });
export const UpdatePhotoBodySchema = z.strictObject({ alt: AltSchema });

/** Published results of one session, for everyone who may see the event. */
export const PublicSessionResultsSchema = z.object({
  sessionId: z.uuid(),
  text: z.string(),
  updatedAt: z.string(),
  demo: z.boolean(),
  photos: z.array(SessionPhotoSchema.omit({ size: true, contentType: true })),
  nextSteps: z.array(NextStepSchema.omit({ id: true })),
});
export type PublicSessionResults = z.infer<typeof PublicSessionResultsSchema>;
export const EventResultsSchema = z.object({ items: z.array(PublicSessionResultsSchema) });
export type EventResults = z.infer<typeof EventResultsSchema>;

// --- Bürgerforum notes -----------------------------------------------------------------------

export const FORUM_TOPICS = ['mobilitaet', 'sorge', 'idee', 'frage_politik'] as const;
export const ForumTopicSchema = z.enum(FORUM_TOPICS);
export type ForumTopic = z.infer<typeof ForumTopicSchema>;
/** German labels, e.g. for the CSV export (the web app has its own translations). */
export const FORUM_TOPIC_LABELS: Record<ForumTopic, string> = {
  mobilitaet: 'Mobilitätsbedarf',
  sorge: 'Sorge',
  idee: 'Idee',
  frage_politik: 'Frage an die Politik',
};

/** The five ITAS districts by official key (as the studies use them), plus "outside / not said". */
export const FORUM_DISTRICTS = [...(Object.keys(DISTRICTS) as (keyof typeof DISTRICTS)[]), 'ausserhalb'] as const;
export const ForumDistrictSchema = z.enum(FORUM_DISTRICTS);
export type ForumDistrict = z.infer<typeof ForumDistrictSchema>;
export const FORUM_DISTRICT_LABELS: Record<ForumDistrict, string> = { ...DISTRICTS, ausserhalb: 'außerhalb/keine Angabe' };
export const MAX_NOTE_LENGTH = 1_000;

export const ForumNoteSchema = z.object({
  id: z.uuid(),
  eventId: z.uuid(),
  sessionId: z.uuid().nullable(),
  text: z.string(),
  topics: z.array(ForumTopicSchema),
  district: ForumDistrictSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Display name of the staff member who wrote it (not the citizen: notes carry no names). */
  createdBy: z.string().nullable(),
  version: z.number().int(),
});
export type ForumNote = z.infer<typeof ForumNoteSchema>;

const NoteFields = {
  text: textSchema(MAX_NOTE_LENGTH).pipe(z.string().trim().min(1, 'Bitte notieren Sie das Gespräch kurz.')),
  topics: z
    .array(ForumTopicSchema)
    .min(1, 'Bitte wählen Sie mindestens ein Thema.')
    .max(FORUM_TOPICS.length)
    .refine((t) => new Set(t).size === t.length, 'Jedes Thema bitte nur einmal.'),
  district: ForumDistrictSchema,
  sessionId: z.uuid().nullable(),
};
export const CreateForumNoteBodySchema = z.strictObject(NoteFields);
export type CreateForumNoteBody = z.infer<typeof CreateForumNoteBodySchema>;
export const UpdateForumNoteBodySchema = z.strictObject({ ...NoteFields, version: z.number().int().min(1) });
export type UpdateForumNoteBody = z.infer<typeof UpdateForumNoteBodySchema>;

export const ForumNoteQuerySchema = z.strictObject({
  thema: ForumTopicSchema.optional(),
  kreis: ForumDistrictSchema.optional(),
});
export type ForumNoteQuery = z.infer<typeof ForumNoteQuerySchema>;

const CountSchema = <T extends z.ZodType>(key: T) => z.array(z.object({ key, count: z.number().int() }));

/** One event's notes, filtered, with counts per topic and per district (of the filtered notes). */
export const ForumOverviewSchema = z.object({
  event: z.object({ id: z.uuid(), slug: z.string(), title: z.string(), format: EventFormatSchema }),
  /** Sessions of type Bürgerforum, to file a note under. */
  sessions: z.array(z.object({ id: z.uuid(), title: z.string() })),
  total: z.number().int(),
  byTopic: CountSchema(ForumTopicSchema),
  byDistrict: CountSchema(ForumDistrictSchema),
  items: z.array(ForumNoteSchema),
});
export type ForumOverview = z.infer<typeof ForumOverviewSchema>;
