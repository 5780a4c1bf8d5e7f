import { z } from 'zod';
import { EventSummarySchema, ParticipantTypeSchema } from './registration.ts';

/**
 * Check-in at the door. A confirmed registration's ticket is a signed token
 * (`ITAS1.<registration id>.<signature>`, no personal data) shown as a QR code on the person's
 * self-service page. The door device downloads the confirmed registrations of the event with the
 * SHA-256 of each ticket, so it recognises tickets offline without any secret, stores every scan
 * at once under an id of its own and uploads the scans in batches. The server answers per scan;
 * the same scan sent twice is stored once. The first scan of a person counts, later ones are
 * flagged as duplicates.
 */

/** At most this many scans per upload. */
export const MAX_CHECKIN_BATCH = 500;

/** A ticket as read from the QR code or typed in (the server checks the signature). */
export const TicketTokenSchema = z.string().trim().min(1).max(200);

export const CHECKIN_METHODS = ['qr', 'name'] as const;
export const CheckinMethodSchema = z.enum(CHECKIN_METHODS);
export type CheckinMethod = z.infer<typeof CheckinMethodSchema>;

/**
 * `checked_in`: welcome; `duplicate`: the person had been checked in before (`firstCheckedInAt`);
 * `invalid`: no ticket of ours (forged, mistyped); `wrong_event`: a ticket of another event;
 * `cancelled`: the registration was cancelled or ran out; `not_confirmed`: still waiting for a seat.
 */
export const CHECKIN_STATUSES = ['checked_in', 'duplicate', 'invalid', 'wrong_event', 'cancelled', 'not_confirmed'] as const;
export const CheckinStatusSchema = z.enum(CHECKIN_STATUSES);
export type CheckinStatus = z.infer<typeof CheckinStatusSchema>;

/** The device's time of the scan: an ISO instant (with Z or an offset). */
const ScanTimeSchema = z.iso.datetime({ offset: true });

export const CheckinItemSchema = z
  .strictObject({
    /** Made on the device for this scan: sending it again changes nothing. */
    id: z.uuid(),
    /** The scanned or typed ticket … */
    token: TicketTokenSchema.optional(),
    /** … or the registration chosen by name search. */
    registrationId: z.uuid().optional(),
    at: ScanTimeSchema,
    method: CheckinMethodSchema,
  })
  .refine((item) => (item.token === undefined) !== (item.registrationId === undefined), {
    message: 'Bitte genau eines angeben: Ticket oder Anmeldung.',
    path: ['token'],
  });
export type CheckinItem = z.infer<typeof CheckinItemSchema>;

export const CheckinBatchSchema = z.strictObject({ items: z.array(CheckinItemSchema).min(1).max(MAX_CHECKIN_BATCH) });
export type CheckinBatch = z.infer<typeof CheckinBatchSchema>;

/** One ticket scanned while online, answered at once with an HTTP status per outcome. */
export const TicketScanSchema = z.strictObject({ id: z.uuid(), token: TicketTokenSchema, at: ScanTimeSchema });
export type TicketScan = z.infer<typeof TicketScanSchema>;

export const CheckinCountsSchema = z.object({
  /** Confirmed registrations of the event. */
  confirmed: z.number().int(),
  /** Distinct registrations checked in. */
  checkedIn: z.number().int(),
});
export type CheckinCounts = z.infer<typeof CheckinCountsSchema>;

export const CheckinResultSchema = z.object({
  id: z.uuid(),
  status: CheckinStatusSchema,
  /** The person's registration, when the ticket or id belongs to this event. */
  registrationId: z.uuid().nullable(),
  name: z.string().nullable(),
  /** Device time of the first (counted) check-in of this person (UTC ISO). */
  firstCheckedInAt: z.string().nullable(),
});
export type CheckinResult = z.infer<typeof CheckinResultSchema>;

export const CheckinBatchResultSchema = z.object({ results: z.array(CheckinResultSchema), counts: CheckinCountsSchema });
export type CheckinBatchResult = z.infer<typeof CheckinBatchResultSchema>;

export const TicketScanResultSchema = CheckinResultSchema.extend({
  status: z.enum(['checked_in', 'duplicate']),
  duplicate: z.boolean(),
  counts: CheckinCountsSchema,
});
export type TicketScanResult = z.infer<typeof TicketScanResultSchema>;

/** What the door needs offline: confirmed registrations only, no e-mail addresses. */
export const CheckinListSchema = z.object({
  event: EventSummarySchema,
  /** When the server made this list (UTC ISO). */
  generatedAt: z.string(),
  counts: CheckinCountsSchema,
  people: z.array(
    z.object({
      registrationId: z.uuid(),
      name: z.string(),
      organisation: z.string(),
      participantType: ParticipantTypeSchema,
      /** SHA-256 (hex) of the person's ticket token. */
      ticketHash: z.string().regex(/^[0-9a-f]{64}$/),
      /** Device time of the counted check-in, null if not checked in. */
      checkedInAt: z.string().nullable(),
    }),
  ),
});
export type CheckinList = z.infer<typeof CheckinListSchema>;
