import { randomUUID } from 'node:crypto';
import nodemailer, { type Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';
import type { OutboxMail } from '../../../contracts/admin.ts';
import type { AppContext } from '../../context.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { authorize, can, type Actor } from '../../policies.ts';
import { AppError } from '../../errors.ts';
import { attachmentsJson, findMailAttachments, insertMail, listMails, markMail, parseAttachments } from './outbox.repository.ts';

export interface MailAttachment {
  filename: string;
  contentType: string;
  content: Buffer;
  /** Content-ID, for mails that show the attachment inline. */
  cid?: string;
}

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  attachments?: MailAttachment[];
}

/**
 * Every mail is first written to the outbox table (in the caller's transaction, so a mail exists
 * exactly when the change that caused it exists). With SMTP_URL it is then delivered and its
 * body and attachments removed from the table; without SMTP the outbox is the mailbox admins read
 * in the UI (attachments downloadable there).
 */
export function createMailService(ctx: AppContext) {
  const transport: Transporter | null = ctx.config.smtpUrl
    ? nodemailer.createTransport({
        url: ctx.config.smtpUrl,
        // A hanging mail server must not hold deliveries (or shutdown) for minutes.
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: 20_000,
      } as SMTPTransport.Options)
    : null;
  const log = ctx.log.child({ module: 'mail' });
  const mode: 'smtp' | 'outbox' = transport ? 'smtp' : 'outbox';
  const pending = new Set<Promise<void>>();

  async function deliver(id: string, message: MailMessage): Promise<void> {
    if (!transport) return;
    try {
      await transport.sendMail({
        from: ctx.config.mailFrom,
        to: message.to,
        subject: message.subject,
        text: message.text,
        attachments: (message.attachments ?? []).map((a) => ({
          filename: a.filename,
          contentType: a.contentType,
          content: a.content,
          ...(a.cid ? { cid: a.cid } : {}),
        })),
      });
      await markMail(ctx.db, id, {
        status: 'sent',
        sent_at: ctx.clock().toISOString(),
        error: null,
        text_body: null,
        attachments: null,
        attempts: 1,
      });
    } catch (err) {
      // Body and attachments stay in the outbox so an admin can see what did not arrive.
      const reason = err instanceof Error ? err.message.slice(0, 300) : 'unknown';
      await markMail(ctx.db, id, { status: 'failed', sent_at: null, error: reason, text_body: message.text, attempts: 1 });
      log.warn({ mailId: id, err: reason }, 'mail delivery failed');
    }
  }

  return {
    mode,

    /**
     * Stores the mail; returns a function to call once the transaction has committed. It starts
     * delivery in the background: a request never waits for the mail server, so neither its
     * speed nor its failures show whether an address has an account.
     */
    async enqueue(message: MailMessage, db: DbOrTrx = ctx.db): Promise<() => void> {
      const id = randomUUID();
      await insertMail(db, {
        id,
        created_at: ctx.clock().toISOString(),
        to_address: message.to,
        subject: message.subject,
        text_body: message.text,
        status: 'stored',
        sent_at: null,
        error: null,
        attempts: 0,
        attachments: attachmentsJson(
          (message.attachments ?? []).map((a) => ({
            filename: a.filename,
            contentType: a.contentType,
            base64: a.content.toString('base64'),
            cid: a.cid ?? null,
          })),
        ),
      });
      return () => {
        const p: Promise<void> = deliver(id, message).finally(() => pending.delete(p));
        pending.add(p);
      };
    },

    async list(actor: Actor | null, page: { limit: number; offset: number }) {
      authorize(actor, can.readOutbox(actor));
      const { items, total } = await listMails(ctx.db, page.limit, page.offset);
      return {
        total,
        items: items.map((r): OutboxMail => ({
          id: r.id,
          createdAt: r.created_at,
          to: r.to_address,
          subject: r.subject,
          text: r.text_body,
          status: r.status as OutboxMail['status'],
          sentAt: r.sent_at,
          error: r.error,
          attachments: parseAttachments(r.attachments).map((a) => ({
            filename: a.filename,
            contentType: a.contentType,
            size: Buffer.byteLength(a.base64, 'base64'),
          })),
        })),
      };
    },

    /** One attachment of a kept mail (admins only); gone once the mail was delivered. */
    async attachment(
      actor: Actor | null,
      mailId: string,
      index: number,
    ): Promise<{ filename: string; contentType: string; bytes: Buffer }> {
      authorize(actor, can.readOutbox(actor));
      const found = (await findMailAttachments(ctx.db, mailId))?.[index];
      if (!found) throw new AppError('mail.attachment_not_found');
      return { filename: found.filename, contentType: found.contentType, bytes: Buffer.from(found.base64, 'base64') };
    },

    /** Resolves when every delivery started so far has finished (sent or failed). */
    async settled(): Promise<void> {
      while (pending.size > 0) await Promise.allSettled([...pending]);
    },

    async close(): Promise<void> {
      await this.settled();
      transport?.close();
    },
  };
}
export type MailService = ReturnType<typeof createMailService>;
