import type { DbOrTrx } from '../../db/database.ts';
import type { AuditEventTable } from '../../db/schema.ts';

export async function insertAuditEvent(db: DbOrTrx, row: AuditEventTable): Promise<void> {
  await db.insertInto('audit_event').values(row).execute();
}

export async function listAuditEvents(db: DbOrTrx, filter: { action?: string | undefined; limit: number; offset: number }) {
  let q = db
    .selectFrom('audit_event')
    .leftJoin('app_user', 'app_user.id', 'audit_event.actor_id')
    .select([
      'audit_event.id',
      'audit_event.at',
      'audit_event.action',
      'audit_event.actor_id',
      'audit_event.target_type',
      'audit_event.target_id',
      'audit_event.details',
      'app_user.display_name as actor_name',
    ]);
  let count = db.selectFrom('audit_event').select((eb) => eb.fn.countAll<number>().as('n'));
  if (filter.action) {
    q = q.where('audit_event.action', '=', filter.action);
    count = count.where('audit_event.action', '=', filter.action);
  }
  const [items, total] = await Promise.all([
    q.orderBy('audit_event.at', 'desc').orderBy('audit_event.id').limit(filter.limit).offset(filter.offset).execute(),
    count.executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}
