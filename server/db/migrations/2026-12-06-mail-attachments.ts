import type { Kysely } from 'kysely';

// Frozen in time: this migration must not change once merged. It uses Kysely<any> on purpose.
// Attachments of outgoing mails (the QR ticket of a confirmed registration, a PNG of 1–2 KB).
// `mail_outbox.attachments` holds JSON [{filename, contentType, base64, cid}] or null. Like
// `text_body` it stays while a mail waits or failed and is removed after successful delivery.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('mail_outbox').addColumn('attachments', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('mail_outbox').dropColumn('attachments').execute();
}
