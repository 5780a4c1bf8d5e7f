/** Outgoing mail: the outbox table, SMTP delivery when configured, the admin's view of it. */
export { createMailService, type MailService, type MailMessage, type MailAttachment } from './mail.service.ts';
export { mailRoutes } from './mail.routes.ts';
