import { randomUUID } from 'node:crypto';
import type { AuditAction, AuditEvent } from '../../../contracts/admin.ts';
import type { AppContext } from '../../context.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { authorize, can, type Actor } from '../../policies.ts';
import { insertAuditEvent, listAuditEvents } from './audit.repository.ts';

export type AuditDetails = Record<string, string | number | boolean | null>;

export interface AuditInput {
  action: AuditAction;
  actorId?: string | null;
  targetType?: string | null;
  targetId?: string | null;
  /** Never personal data of third parties, never secrets or answers. */
  details?: AuditDetails;
}

/**
 * The security log: one row per event in the database (admins read it in the UI) and one
 * structured log line. Written inside the caller's transaction when one is given, so an event
 * is recorded exactly when the change it describes is committed.
 */
export function createAuditService(ctx: AppContext) {
  return {
    async record(event: AuditInput, db: DbOrTrx = ctx.db): Promise<void> {
      const row = {
        id: randomUUID(),
        at: ctx.clock().toISOString(),
        action: event.action,
        actor_id: event.actorId ?? null,
        target_type: event.targetType ?? null,
        target_id: event.targetId ?? null,
        details: JSON.stringify(event.details ?? {}),
      };
      await insertAuditEvent(db, row);
      ctx.log.info(
        { audit: { action: row.action, actorId: row.actor_id, targetType: row.target_type, targetId: row.target_id } },
        'security event',
      );
    },

    async list(actor: Actor | null, filter: { action?: AuditAction | undefined; limit: number; offset: number }) {
      authorize(actor, can.readAudit(actor));
      const { items, total } = await listAuditEvents(ctx.db, filter);
      return {
        total,
        items: items.map((r): AuditEvent => ({
          id: r.id,
          at: r.at,
          action: r.action as AuditAction,
          actor: r.actor_id ? { id: r.actor_id, displayName: r.actor_name ?? '—' } : null,
          targetType: r.target_type,
          targetId: r.target_id,
          details: JSON.parse(r.details) as AuditDetails,
        })),
      };
    },
  };
}
export type AuditService = ReturnType<typeof createAuditService>;
