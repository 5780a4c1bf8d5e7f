import type { DbOrTrx } from '../../db/database.ts';
import type { MailOutboxTable } from '../../db/schema.ts';

/** An attachment as the outbox keeps it (JSON in `mail_outbox.attachments`). */
export interface StoredAttachment {
  filename: string;
  contentType: string;
  base64: string;
  cid: string | null;
}

export function attachmentsJson(list: StoredAttachment[]): string | null {
  return list.length > 0 ? JSON.stringify(list) : null;
}

export function parseAttachments(json: string | null): StoredAttachment[] {
  return json ? (JSON.parse(json) as StoredAttachment[]) : [];
}

export async function insertMail(db: DbOrTrx, row: MailOutboxTable): Promise<void> {
  await db.insertInto('mail_outbox').values(row).execute();
}

export async function markMail(
  db: DbOrTrx,
  id: string,
  patch: Pick<MailOutboxTable, 'status' | 'sent_at' | 'error' | 'text_body'> & { attempts: number; attachments?: null },
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

export async function findMailAttachments(db: DbOrTrx, id: string): Promise<StoredAttachment[] | undefined> {
  const row = await db.selectFrom('mail_outbox').select('attachments').where('id', '=', id).executeTakeFirst();
  return row ? parseAttachments(row.attachments) : undefined;
}
