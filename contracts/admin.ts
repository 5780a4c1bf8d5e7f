import { z } from 'zod';
import { IdSchema } from './common.ts';

export const OutboxMailSchema = z.object({
  id: IdSchema,
  createdAt: z.string(),
  to: z.string(),
  subject: z.string(),
  text: z.string().nullable(),
  status: z.enum(['stored', 'sent', 'failed']),
  sentAt: z.string().nullable(),
  error: z.string().nullable(),
  /** Kept like `text` until delivery; each is downloaded by its position (`outboxAttachment`). */
  attachments: z.array(z.object({ filename: z.string(), contentType: z.string(), size: z.number().int() })),
});
export type OutboxMail = z.infer<typeof OutboxMailSchema>;

export const AUDIT_ACTIONS = [
  'login.succeeded',
  'login.failed',
  'login.throttled',
  'logout',
  'session.revoked',
  'sessions.ended',
  'password.changed',
  'password.reset_requested',
  'password.reset_completed',
  'user.created',
  'user.updated',
  'user.role_changed',
  'user.disabled',
  'user.deleted',
  'organisation.created',
  'organisation.updated',
  'export.created',
  'study.created',
  'study.version_created',
  'wave.created',
  'wave.updated',
  'wave.published',
  'wave.closed',
  'wave.margins_set',
  'wave.results_published',
  'wave.results_withdrawn',
  'invitations.created',
  'responses.imported',
  'event.created',
  'event.updated',
  'event.session_created',
  'event.session_updated',
  'event.session_deleted',
  'event.capacity_updated',
  'registration.exported',
  'live.question_opened',
  'live.question_closed',
  'registration.purged',
  'registration.checkins_synced',
  'registration.badges_printed',
  'session_results.published',
  'session_results.unpublished',
  'session_results.deleted',
  'session_photo.deleted',
  'forum_note.deleted',
  'forum_notes.exported',
  'person.created',
  'backup.created',
  'backup.restored',
] as const;
export const AuditActionSchema = z.enum(AUDIT_ACTIONS);
export type AuditAction = z.infer<typeof AuditActionSchema>;

export const AuditEventSchema = z.object({
  id: IdSchema,
  at: z.string(),
  action: AuditActionSchema,
  actor: z.object({ id: IdSchema, displayName: z.string() }).nullable(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
});
export type AuditEvent = z.infer<typeof AuditEventSchema>;

export const AuditQuerySchema = z.strictObject({
  action: AuditActionSchema.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export const MetaSchema = z.object({
  version: z.string(),
  demo: z.boolean(),
  mailMode: z.enum(['smtp', 'outbox']),
});
export type Meta = z.infer<typeof MetaSchema>;

/** A page of a longer list. */
export const pageOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), total: z.number().int() });
export const OutboxPageSchema = pageOf(OutboxMailSchema);
export const AuditPageSchema = pageOf(AuditEventSchema);
export const EndedSessionsSchema = z.object({ ended: z.number().int() });
