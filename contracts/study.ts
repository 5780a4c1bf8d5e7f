import { z } from 'zod';

export const CHANNELS = ['online', 'interviewer', 'kiosk', 'import', 'live'] as const;
export const ChannelSchema = z.enum(CHANNELS);
export type Channel = z.infer<typeof ChannelSchema>;

/** The largest batch one request may carry; a tablet sends a longer queue in several batches. */
export const MAX_BATCH = 1000;

export const WaveCodeSchema = z.string().regex(/^[a-z0-9]{6,16}$/, 'Ungültiger Wellen-Code.');

const DaySchema = z.iso.date();

export const ResponseItemSchema = z.strictObject({
  /** Made on the device; the same id sent again is the same response (idempotent). */
  id: z.uuid(),
  versionId: z.uuid(),
  /** Answers keyed by variable name; checked against the exact questionnaire version. */
  answers: z.record(z.string().max(64), z.unknown()),
  /** Day of collection on the device (untrusted; only the day is kept). */
  collectedOn: DaySchema.optional(),
  /** Where an interview took place, e.g. "Bürgerforum Chemnitz, Markt" (interviewer channel). */
  place: z.string().max(120).optional(),
  /** Single-use invitation code of a panel wave; consumed with the response, never stored with it. */
  invitation: z
    .string()
    .regex(/^[a-z0-9]{10}$/)
    .optional(),
});
export type ResponseItem = z.infer<typeof ResponseItemSchema>;

export const SubmitBatchSchema = z.strictObject({
  channel: ChannelSchema,
  responses: z
    .array(ResponseItemSchema)
    .min(1)
    .max(MAX_BATCH, 'Höchstens 1.000 Antworten je Anfrage; bitte senden Sie größere Mengen in mehreren Stapeln.'),
});
export type SubmitBatch = z.infer<typeof SubmitBatchSchema>;

export const ItemResultSchema = z.object({
  id: z.string(),
  status: z.enum(['stored', 'duplicate', 'conflict', 'invalid']),
  errors: z.record(z.string(), z.string()).optional(),
});
export type ItemResult = z.infer<typeof ItemResultSchema>;

export const SubmitResultSchema = z.object({
  results: z.array(ItemResultSchema),
  counts: z.object({ stored: z.number().int(), duplicate: z.number().int(), conflict: z.number().int(), invalid: z.number().int() }),
});
export type SubmitResult = z.infer<typeof SubmitResultSchema>;

export const PublicWaveSchema = z.object({
  code: z.string(),
  studyTitle: z.string(),
  waveName: z.string(),
  status: z.enum(['draft', 'open', 'closed']),
  channels: z.array(ChannelSchema),
  consent: z.object({ de: z.string(), en: z.string() }),
  versionId: z.uuid(),
  /** Panel waves answer only with a single-use invitation code. */
  invitationOnly: z.boolean(),
  definition: z.record(z.string(), z.unknown()),
});
export type PublicWave = z.infer<typeof PublicWaveSchema>;
