import type { AppContext } from '../../context.ts';
import { claimReminders, eventsDueForReminders } from './registration-jobs.repository.ts';
import { selfLink } from './registration-mails.ts';
import { reminderMail, type ReminderWorkshop } from './registration-reminder-mail.ts';
import { registrationOpen } from './registration-rules.ts';
import { selfTokenFor, sessionsOf, type SeatTx } from './registration-seats.ts';
import { listWorkshopRowsOf } from './registration.repository.ts';
import { ticketAttachment } from './ticket-png.ts';
import { ticketKey, ticketToken } from './ticket.ts';

export type LockedAt = <T>(eventId: string, fn: (tx: SeatTx) => Promise<T>, at?: Date) => Promise<T>;

const HOUR_MS = 3_600_000;
/** Nobody is reminded later than this before the start (a late registration just got its confirmation). */
export const REMINDER_CUTOFF_MS = 2 * HOUR_MS;

/**
 * Reminder mails: every confirmed participant gets one `reminderHours` before the event starts,
 * and nobody later than two hours before. Each event's reminders are claimed (`reminder_sent_at`)
 * and put into the outbox in one transaction under the event lock, so a registration is reminded
 * once, also when two server instances run the job at the same time.
 *
 * Self-service tokens are stored only as hashes, so the reminder carries a fresh link (as every
 * mail with a link does); the mail says that earlier links no longer work. The QR ticket is
 * attached again, so nobody has to search for the confirmation on the day.
 */
export function createRegistrationReminders(ctx: AppContext, deps: { locked: LockedAt }) {
  const { locked } = deps;
  const tickets = ticketKey(ctx.config.sessionSecret);
  return {
    /** Sends the reminders due at `now`; returns how many went into the outbox. For the minute timer. */
    async sendReminders(now: Date = ctx.clock()): Promise<number> {
      const from = new Date(now.getTime() + REMINDER_CUTOFF_MS).toISOString();
      const to = new Date(now.getTime() + ctx.config.registration.reminderHours * HOUR_MS).toISOString();
      let sent = 0;
      for (const eventId of await eventsDueForReminders(ctx.db, from, to)) {
        sent += await locked(
          eventId,
          async (tx) => {
            // The event may have been moved since the query above.
            if (tx.event.starts_at < from || tx.event.starts_at > to) return 0;
            const claimed = await claimReminders(tx.trx, eventId, tx.stamp);
            if (claimed.length === 0) return 0;
            const sessions = new Map((await sessionsOf(tx)).map((s) => [s.id, s]));
            const seats = await listWorkshopRowsOf(
              tx.trx,
              claimed.map((r) => r.id),
            );
            const changeable = registrationOpen(tx.event, tx.stamp);
            for (const reg of claimed) {
              const workshops: ReminderWorkshop[] = seats
                .filter((w) => w.registration_id === reg.id && w.status === 'confirmed')
                .flatMap((w) => {
                  const s = sessions.get(w.session_id);
                  return s ? [s] : [];
                });
              const link = selfLink(tx.publicUrl, await selfTokenFor(tx, reg.id));
              const ticket = ticketAttachment(ticketToken(tickets, reg.id));
              tx.mails.push(reminderMail(reg.email, reg.name, tx.event, workshops, link, changeable, ticket));
            }
            return claimed.length;
          },
          now,
        );
      }
      return sent;
    },
  };
}
