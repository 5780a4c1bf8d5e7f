import { z } from 'zod';
import { textSchema } from './common.ts';
import { DateTimeSchema } from './events.ts';

/**
 * Registration for events and their workshops: capacity, waitlist and double opt-in.
 *
 * Flow: `register` always answers 202 `{status:'pending'}` (no enumeration) and mails a link
 * `/anmeldung/bestaetigen#<token>`; `confirmRegistration` with that token allocates the seats
 * (event seat, then each chosen workshop: `confirmed` or `waitlisted`, queue order = time of
 * confirmation) and mails the self-service link `/anmeldung#<token>`. With the self-service token
 * a person reads, changes and cancels the registration and accepts an offered seat. Tokens travel
 * only in URL fragments and request bodies, never in paths or query strings.
 *
 * When a seat frees up, the next person on the waitlist gets an offer (`offered`, with
 * `offerExpiresAt`) and a mail; accepting in time confirms the seat, a late acceptance is 409.
 */

export const PARTICIPANT_TYPES = ['unternehmen', 'beschaeftigte', 'buerger', 'presse', 'partner'] as const;
export const ParticipantTypeSchema = z.enum(PARTICIPANT_TYPES);
export type ParticipantType = z.infer<typeof ParticipantTypeSchema>;

/** `pending`: opt-in mail sent, not confirmed yet. `expired`: an offer ran out unanswered. */
export const REGISTRATION_STATUSES = ['pending', 'confirmed', 'waitlisted', 'offered', 'cancelled', 'expired'] as const;
export const RegistrationStatusSchema = z.enum(REGISTRATION_STATUSES);
export type RegistrationStatus = z.infer<typeof RegistrationStatusSchema>;

export const WORKSHOP_STATUSES = ['confirmed', 'waitlisted', 'offered', 'cancelled', 'expired'] as const;
export const WorkshopStatusSchema = z.enum(WORKSHOP_STATUSES);
export type WorkshopStatus = z.infer<typeof WorkshopStatusSchema>;

/** Session types a person can sign up for (with their own capacity). */
export const BOOKABLE_SESSION_TYPES = ['workshop', 'panel'] as const;

/** A link token (opt-in or self-service): 43 base64url characters; more is tolerated, less is not. */
export const RegistrationTokenSchema = z.string().min(20).max(200);

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_OR_INVISIBLE = /[\u0000-\u001F\u007F\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/;
/** The address as the person typed it (trimmed, NFC); the server compares it case-insensitively. */
export const RegistrationEmailSchema = z
  .string()
  .trim()
  .max(254)
  .refine((s) => !CONTROL_OR_INVISIBLE.test(s), { message: 'Unsichtbare Steuerzeichen sind nicht erlaubt.' })
  .pipe(z.email({ message: 'Bitte eine gültige E-Mail-Adresse angeben.' }))
  .transform((s) => s.normalize('NFC'));

/** At most one workshop per time slot; the server checks slots and that they belong to the event. */
export const WorkshopChoiceSchema = z.array(z.uuid()).max(20);

export const RegisterBodySchema = z.strictObject({
  name: textSchema(200, 1),
  email: RegistrationEmailSchema,
  organisation: textSchema(200),
  participantType: ParticipantTypeSchema,
  /** Free text; may be health data (Art. 9 DSGVO): shown to staff of the event only. */
  accessibilityNeeds: textSchema(2000),
  workshopSessionIds: WorkshopChoiceSchema,
  consent: z.literal(true, { message: 'Bitte stimmen Sie der Verarbeitung Ihrer Angaben zu.' }),
});
export type RegisterBody = z.infer<typeof RegisterBodySchema>;

/** The same answer whether or not the address is already registered. */
export const RegisterResultSchema = z.object({ status: z.literal('pending') });
export type RegisterResult = z.infer<typeof RegisterResultSchema>;

export const TokenBodySchema = z.strictObject({ token: RegistrationTokenSchema });
export type TokenBody = z.infer<typeof TokenBodySchema>;
export const ChangeWorkshopsBodySchema = z.strictObject({ token: RegistrationTokenSchema, workshopSessionIds: WorkshopChoiceSchema });
export type ChangeWorkshopsBody = z.infer<typeof ChangeWorkshopsBodySchema>;
/** Without `sessionId` the offered seat of the event itself is accepted. */
export const AcceptOfferBodySchema = z.strictObject({ token: RegistrationTokenSchema, sessionId: z.uuid().optional() });
export type AcceptOfferBody = z.infer<typeof AcceptOfferBodySchema>;

/** Public: whether registration is open and which workshops can be chosen (with seats left). */
export const RegistrationInfoSchema = z.object({
  eventId: z.uuid(),
  open: z.boolean(),
  /** Local time of Europe/Berlin with offset; null: open until the event starts. */
  closesAt: z.string().nullable(),
  /** null: no limit. */
  capacity: z.number().int().nullable(),
  seatsLeft: z.number().int().nullable(),
  workshops: z.array(
    z.object({
      sessionId: z.uuid(),
      type: z.enum(BOOKABLE_SESSION_TYPES),
      title: z.string(),
      startsAt: z.string(),
      endsAt: z.string(),
      capacity: z.number().int().nullable(),
      seatsLeft: z.number().int().nullable(),
    }),
  ),
});
export type RegistrationInfo = z.infer<typeof RegistrationInfoSchema>;

export const RegistrationWorkshopSchema = z.object({
  sessionId: z.uuid(),
  title: z.string(),
  /** Local time of Europe/Berlin with offset. */
  startsAt: z.string(),
  endsAt: z.string(),
  status: WorkshopStatusSchema,
  /** 1-based place on the waitlist while `waitlisted`. */
  waitlistPosition: z.number().int().nullable(),
  /** While `offered`: accept before this instant (local time with offset). */
  offerExpiresAt: z.string().nullable(),
});
export type RegistrationWorkshop = z.infer<typeof RegistrationWorkshopSchema>;

/** An event as the registration views name it. */
export const EventSummarySchema = z.object({
  id: z.uuid(),
  slug: z.string(),
  title: z.string(),
  /** Local time of Europe/Berlin with offset. */
  startsAt: z.string(),
  endsAt: z.string(),
});

/** What the person sees with a token: no ids of other people, no e-mail address. */
export const RegistrationViewSchema = z.object({
  event: EventSummarySchema.extend({
    venue: z.object({ name: z.string(), street: z.string(), postalCode: z.string(), city: z.string() }),
  }),
  name: z.string(),
  organisation: z.string(),
  participantType: ParticipantTypeSchema,
  accessibilityNeeds: z.string(),
  status: RegistrationStatusSchema,
  waitlistPosition: z.number().int().nullable(),
  offerExpiresAt: z.string().nullable(),
  /** Changes (workshops, cancellation) are possible until registration closes. */
  changeable: z.boolean(),
  workshops: z.array(RegistrationWorkshopSchema),
  /** The ticket for the door (shown as a QR code) while the registration is confirmed; null otherwise. */
  ticket: z.string().nullable().optional(),
});
export type RegistrationView = z.infer<typeof RegistrationViewSchema>;

export const StatusCountsSchema = z.object({
  pending: z.number().int(),
  confirmed: z.number().int(),
  waitlisted: z.number().int(),
  offered: z.number().int(),
  cancelled: z.number().int(),
  expired: z.number().int(),
});
export type StatusCounts = z.infer<typeof StatusCountsSchema>;

/** Staff view of one event's registrations. */
export const RegistrationListSchema = z.object({
  event: z.object({
    id: z.uuid(),
    slug: z.string(),
    title: z.string(),
    capacity: z.number().int().nullable(),
    registrationClosesAt: z.string().nullable(),
    version: z.number().int(),
  }),
  counts: StatusCountsSchema,
  workshops: z.array(
    z.object({
      sessionId: z.uuid(),
      title: z.string(),
      startsAt: z.string(),
      capacity: z.number().int().nullable(),
      counts: StatusCountsSchema.omit({ pending: true }),
    }),
  ),
  items: z.array(
    z.object({
      id: z.uuid(),
      name: z.string(),
      email: z.string(),
      organisation: z.string(),
      participantType: ParticipantTypeSchema,
      accessibilityNeeds: z.string(),
      status: RegistrationStatusSchema,
      queuedAt: z.string().nullable(),
      offerExpiresAt: z.string().nullable(),
      createdAt: z.string(),
      workshops: z.array(z.object({ sessionId: z.uuid(), status: WorkshopStatusSchema })),
    }),
  ),
  /**
   * Set once the personal registration data were deleted after the retention period: `items` is
   * empty then, and the counts above (and these per participant type) are the kept ones.
   */
  retention: z
    .object({
      /** Local time of Europe/Berlin with offset. */
      purgedAt: z.string(),
      retentionDays: z.number().int(),
      /** People who were checked in at the door (kept with the counts). */
      checkedIn: z.number().int(),
      participantTypes: z.array(z.object({ participantType: ParticipantTypeSchema, counts: StatusCountsSchema })),
    })
    .nullable(),
});
export type RegistrationList = z.infer<typeof RegistrationListSchema>;

const CapacitySchema = z.number().int().min(0).max(100_000).nullable();
export const UpdateCapacityBodySchema = z.strictObject({
  /** null: no limit. */
  capacity: CapacitySchema,
  /** null: registration is open until the event starts. */
  registrationClosesAt: DateTimeSchema.nullable(),
  /** Sessions not listed keep their capacity. */
  sessions: z.array(z.strictObject({ sessionId: z.uuid(), capacity: CapacitySchema })).max(200),
  /** The event's version (optimistic locking); optional for scripts. */
  version: z.number().int().optional(),
});
export type UpdateCapacityBody = z.infer<typeof UpdateCapacityBodySchema>;
