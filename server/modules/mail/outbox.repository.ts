import type { DbOrTrx } from '../../db/database.ts';
import type { MailOutboxTable } from '../../db/schema.ts';

export async function insertMail(db: DbOrTrx, row: MailOutboxTable): Promise<void> {
  await db.insertInto('mail_outbox').values(row).execute();
}

export async function markMail(
  db: DbOrTrx,
  id: string,
  patch: Pick<MailOutboxTable, 'status' | 'sent_at' | 'error' | 'text_body'> & { attempts: number },
): Promise<void> {
  await db.updateTable('mail_outbox').set(patch).where('id', '=', id).execute();
}

export async function listMails(db: DbOrTrx, limit: number, offset: number) {
  const [items, total] = await Promise.all([
    db.selectFrom('mail_outbox').selectAll().orderBy('created_at', 'desc').orderBy('id').limit(limit).offset(offset).execute(),
    db
      .selectFrom('mail_outbox')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}
