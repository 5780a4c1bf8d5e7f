import { randomUUID } from 'node:crypto';
import type {
  AcceptOfferBody,
  ChangeWorkshopsBody,
  RegisterBody,
  RegisterResult,
  RegistrationInfo,
  RegistrationView,
} from '../../../contracts/registration.ts';
import { BOOKABLE_SESSION_TYPES } from '../../../contracts/registration.ts';
import type { AppContext } from '../../context.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { AppError } from '../../errors.ts';
import { can, type Actor } from '../../policies.ts';
import type { AuditService } from '../audit/index.ts';
import type { MailService } from '../mail/index.ts';
import { berlin } from './berlin-time.ts';
import { createRegistrationExtras } from './registration-extras.ts';
import { createRegistrationStaff } from './registration-staff.ts';
import { findEventById, findEventBySlug, listSessionRows, type EventRow, type SessionRow } from './events.repository.ts';
import { alreadyRegisteredMail, confirmLink, confirmedMail, optInMail, seatAcceptedMail, selfLink } from './registration-mails.ts';
import { emailKey, freeSeats, registrationOpen, workshopChoiceErrors } from './registration-rules.ts';
import { ticketAttachment } from './ticket-png.ts';
import { ticketKey, ticketToken } from './ticket.ts';
import {
  allocateEventSeat,
  allocateWorkshopSeat,
  newToken,
  selfTokenFor,
  sessionsOf,
  settle,
  sha256,
  type SeatTx,
} from './registration-seats.ts';
import {
  countEventSeats,
  countSessionSeats,
  deleteWorkshopRowsOf,
  endWorkshopRows,
  eventWaitlistPosition,
  eventsWithExpiredOffers,
  findRegistration,
  findRegistrationByConfirmHash,
  findRegistrationByEmailKey,
  findRegistrationBySelfHash,
  insertRegistration,
  listWorkshopRowsOf,
  lockEvent,
  sessionWaitlistPosition,
  updateRegistration,
  updateWorkshopRow,
  type RegistrationRow,
} from './registration.repository.ts';

const ACTIVE = new Set(['confirmed', 'waitlisted', 'offered']);
const bookable = (s: SessionRow) => (BOOKABLE_SESSION_TYPES as readonly string[]).includes(s.type);
const local = (utc: string | null) => (utc ? berlin(utc).iso : null);
/** Repeated registrations of one address within this time get no further mail. */
export const RESEND_COOLDOWN_MS = 2 * 60_000;
const recent = (updatedAt: string, now: string) => Date.parse(now) - Date.parse(updatedAt) < RESEND_COOLDOWN_MS;

/**
 * Registration for events and workshops with capacity, waitlist and double opt-in. Every change
 * of seats runs in one transaction that first locks the event row (see `lockEvent`), so two
 * people racing for the last seat never both get it, and queue numbers follow the order of
 * confirmation. Mails go through the outbox in the same transaction and are delivered after
 * commit. Nothing here logs names, addresses or tokens.
 */
export function createRegistrationService(ctx: AppContext, deps: { mail: MailService; audit: AuditService }) {
  const { mail, audit } = deps;
  const now = () => ctx.clock().toISOString();
  const offerMs = ctx.config.registration.offerHours * 3_600_000;
  const tickets = ticketKey(ctx.config.sessionSecret);

  /** Runs `fn` with the event row locked; stores its mails in the outbox, delivers them after commit. */
  async function locked<T>(eventId: string, fn: (tx: SeatTx) => Promise<T>, at?: Date): Promise<T> {
    const deliveries: (() => void)[] = [];
    const result = await ctx.db.transaction().execute(async (trx) => {
      const event = await lockEvent(trx, ctx.dialect, eventId);
      if (!event) throw new AppError('event.not_found');
      const tx: SeatTx = {
        trx,
        event,
        stamp: (at ?? ctx.clock()).toISOString(),
        offerMs,
        publicUrl: ctx.config.publicUrl,
        mails: [],
        tokens: new Map(),
      };
      const out = await fn(tx);
      for (const m of tx.mails) deliveries.push(await mail.enqueue(m, trx));
      return out;
    });
    for (const deliver of deliveries) deliver();
    return result;
  }

  /** Offers that ran out are processed whenever someone looks at the seats (no cron needed). */
  async function settleIfDue(eventId: string): Promise<void> {
    if ((await eventsWithExpiredOffers(ctx.db, now(), eventId)).length > 0) await locked(eventId, settle);
  }

  async function visibleEvent(actor: Actor | null, slug: string): Promise<EventRow> {
    const row = await findEventBySlug(ctx.db, slug);
    if (!row || (row.visibility !== 'public' && !can.readInternalEvents(actor))) throw new AppError('event.not_found');
    return row;
  }

  function checkChoice(sessions: SessionRow[], chosen: string[]): void {
    const fields = workshopChoiceErrors(
      sessions.map((s) => ({ id: s.id, type: s.type, startsAt: s.starts_at, endsAt: s.ends_at })),
      chosen,
    );
    if (fields.length > 0) throw new AppError('registration.workshop_invalid', { fields });
  }

  async function view(db: DbOrTrx, reg: RegistrationRow, event: EventRow): Promise<RegistrationView> {
    const sessions = new Map((await listSessionRows(db, event.id)).map((s) => [s.id, s]));
    const rows = (await listWorkshopRowsOf(db, [reg.id])).filter((r) => sessions.has(r.session_id));
    rows.sort((a, b) => sessions.get(a.session_id)!.starts_at.localeCompare(sessions.get(b.session_id)!.starts_at));
    return {
      event: {
        id: event.id,
        slug: event.slug,
        title: event.title,
        startsAt: berlin(event.starts_at).iso,
        endsAt: berlin(event.ends_at).iso,
        venue: { name: event.venue_name, street: event.venue_street, postalCode: event.venue_postal_code, city: event.venue_city },
      },
      name: reg.name,
      organisation: reg.organisation,
      participantType: reg.participant_type as RegistrationView['participantType'],
      accessibilityNeeds: reg.accessibility_needs,
      status: reg.status,
      waitlistPosition:
        reg.status === 'waitlisted' && reg.queue_seq !== null ? await eventWaitlistPosition(db, event.id, reg.queue_seq) : null,
      offerExpiresAt: reg.status === 'offered' ? local(reg.offer_expires_at) : null,
      changeable: ACTIVE.has(reg.status) && registrationOpen(event, now()),
      ticket: reg.status === 'confirmed' ? ticketToken(tickets, reg.id) : null,
      workshops: await Promise.all(
        rows.map(async (r) => {
          const s = sessions.get(r.session_id)!;
          return {
            sessionId: s.id,
            title: s.title,
            startsAt: berlin(s.starts_at).iso,
            endsAt: berlin(s.ends_at).iso,
            status: r.status,
            waitlistPosition: r.status === 'waitlisted' ? await sessionWaitlistPosition(db, s.id, r.queue_seq) : null,
            offerExpiresAt: r.status === 'offered' ? local(r.offer_expires_at) : null,
          };
        }),
      ),
    };
  }

  async function bySelfToken(db: DbOrTrx, token: string): Promise<RegistrationRow> {
    const reg = await findRegistrationBySelfHash(db, sha256(token));
    if (!reg) throw new AppError('registration.not_found');
    return reg;
  }

  /** Seat work for the holder of a self-service token; the token is looked up again under the lock. */
  async function withSelf<T>(token: string, fn: (tx: SeatTx, reg: RegistrationRow) => Promise<T>): Promise<T> {
    const first = await bySelfToken(ctx.db, token);
    return locked(first.event_id, async (tx) => fn(tx, await bySelfToken(tx.trx, token)));
  }

  async function freshView(tx: SeatTx, id: string): Promise<RegistrationView> {
    return view(tx.trx, (await findRegistration(tx.trx, id))!, tx.event);
  }

  const staff = createRegistrationStaff(ctx, { audit, locked, settleIfDue });
  const service = {
    ...staff,
    ...createRegistrationExtras(ctx, { audit, locked, list: staff.listRegistrations }),

    /** Public: whether registration is open and which workshops have seats left. */
    async info(actor: Actor | null, slug: string): Promise<RegistrationInfo> {
      const event = await visibleEvent(actor, slug);
      await settleIfDue(event.id);
      const sessions = (await listSessionRows(ctx.db, event.id)).filter(bookable);
      const left = (capacity: number | null, taken: number) => (capacity === null ? null : freeSeats(capacity, taken));
      return {
        eventId: event.id,
        open: registrationOpen(event, now()),
        closesAt: local(event.registration_closes_at),
        capacity: event.capacity,
        seatsLeft: left(event.capacity, await countEventSeats(ctx.db, event.id)),
        workshops: await Promise.all(
          sessions.map(async (s) => ({
            sessionId: s.id,
            type: s.type as RegistrationInfo['workshops'][number]['type'],
            title: s.title,
            startsAt: berlin(s.starts_at).iso,
            endsAt: berlin(s.ends_at).iso,
            capacity: s.capacity,
            seatsLeft: left(s.capacity, await countSessionSeats(ctx.db, s.id)),
          })),
        ),
      };
    },

    /**
     * Always the same answer, whether or not the address is registered already: a new or pending
     * registration gets the opt-in mail, an existing one a mail with its self-service link.
     */
    async register(actor: Actor | null, slug: string, input: RegisterBody): Promise<RegisterResult> {
      const event = await visibleEvent(actor, slug);
      if (!registrationOpen(event, now())) throw new AppError('registration.closed');
      checkChoice(await listSessionRows(ctx.db, event.id), input.workshopSessionIds);
      const key = emailKey(input.email);
      await locked(event.id, async (tx) => {
        if (!registrationOpen(tx.event, tx.stamp)) throw new AppError('registration.closed');
        const existing = await findRegistrationByEmailKey(tx.trx, event.id, key);
        // Against mail bombing through the public form: one mail per registration and cool-down.
        // Nothing changes then, so the link of the last mail keeps working.
        if (existing && existing.status !== 'cancelled' && existing.status !== 'expired' && recent(existing.updated_at, tx.stamp)) return;
        if (existing && ACTIVE.has(existing.status)) {
          const link = selfLink(tx.publicUrl, await selfTokenFor(tx, existing.id));
          tx.mails.push(alreadyRegisteredMail(existing.email, existing.name, tx.event, link));
          return;
        }
        const token = newToken();
        const fields = {
          email: input.email,
          name: input.name,
          organisation: input.organisation,
          participant_type: input.participantType,
          accessibility_needs: input.accessibilityNeeds,
          requested_session_ids: JSON.stringify(input.workshopSessionIds),
          status: 'pending' as const,
          queued_at: null,
          queue_seq: null,
          offer_expires_at: null,
          confirm_token_hash: sha256(token),
          self_token_hash: null,
          consent_at: tx.stamp,
          updated_at: tx.stamp,
        };
        if (existing) {
          // Pending, cancelled or expired: start over with the new details.
          await deleteWorkshopRowsOf(tx.trx, existing.id);
          await updateRegistration(tx.trx, existing.id, fields);
        } else {
          await insertRegistration(tx.trx, { id: randomUUID(), event_id: event.id, email_key: key, created_at: tx.stamp, ...fields });
        }
        tx.mails.push(optInMail(input.email, input.name, tx.event, confirmLink(tx.publicUrl, token)));
      });
      return { status: 'pending' };
    },

    /** Double opt-in: allocates the seats (idempotent: a second click shows the registration). */
    async confirm(token: string): Promise<RegistrationView> {
      const first = await findRegistrationByConfirmHash(ctx.db, sha256(token));
      if (!first) throw new AppError('registration.not_found');
      return locked(first.event_id, async (tx) => {
        const reg = await findRegistrationByConfirmHash(tx.trx, sha256(token));
        if (!reg) throw new AppError('registration.not_found');
        if (reg.status !== 'pending') return view(tx.trx, reg, tx.event);
        if (!registrationOpen(tx.event, tx.stamp)) throw new AppError('registration.closed');
        await settle(tx);
        const status = await allocateEventSeat(tx, reg);
        const sessions = new Map((await sessionsOf(tx)).filter(bookable).map((s) => [s.id, s]));
        for (const id of JSON.parse(reg.requested_session_ids) as string[]) {
          const session = sessions.get(id);
          if (session) await allocateWorkshopSeat(tx, reg.id, session);
        }
        const link = selfLink(tx.publicUrl, await selfTokenFor(tx, reg.id));
        const line =
          status === 'confirmed'
            ? 'Ihr Platz ist reserviert.'
            : 'Zurzeit sind alle Plätze vergeben; Sie stehen auf der Warteliste. Wird ein Platz frei, schreiben wir Ihnen.';
        // Only a seat of the event gets a ticket; on the waitlist the seat is not the person's yet.
        const ticket = status === 'confirmed' ? ticketAttachment(ticketToken(tickets, reg.id)) : null;
        tx.mails.push(confirmedMail(reg.email, reg.name, tx.event, line, link, ticket));
        return freshView(tx, reg.id);
      });
    },

    async get(token: string): Promise<RegistrationView> {
      const reg = await bySelfToken(ctx.db, token);
      await settleIfDue(reg.event_id);
      const fresh = await bySelfToken(ctx.db, token);
      const event = await findEventById(ctx.db, fresh.event_id);
      if (!event) throw new AppError('registration.not_found');
      return view(ctx.db, fresh, event);
    },

    async changeWorkshops(input: ChangeWorkshopsBody): Promise<RegistrationView> {
      return withSelf(input.token, async (tx, reg) => {
        if (!ACTIVE.has(reg.status)) throw new AppError('registration.cancelled');
        if (!registrationOpen(tx.event, tx.stamp)) throw new AppError('registration.closed');
        const sessions = await sessionsOf(tx);
        checkChoice(sessions, input.workshopSessionIds);
        await settle(tx);
        const wanted = new Set(input.workshopSessionIds);
        const rows = await listWorkshopRowsOf(tx.trx, [reg.id]);
        const active = new Set(rows.filter((r) => ACTIVE.has(r.status)).map((r) => r.session_id));
        for (const id of active)
          if (!wanted.has(id)) await updateWorkshopRow(tx.trx, reg.id, id, { status: 'cancelled', offer_expires_at: null });
        // Freed seats go to the people already waiting before this person's new choices queue up.
        await settle(tx);
        for (const s of sessions) if (wanted.has(s.id) && !active.has(s.id)) await allocateWorkshopSeat(tx, reg.id, s);
        await updateRegistration(tx.trx, reg.id, {
          requested_session_ids: JSON.stringify(input.workshopSessionIds),
          updated_at: tx.stamp,
        });
        return freshView(tx, reg.id);
      });
    },

    /** Frees the seats; the next people on the waitlists get offers. Idempotent. */
    async cancel(token: string): Promise<RegistrationView> {
      return withSelf(token, async (tx, reg) => {
        if (ACTIVE.has(reg.status)) {
          await updateRegistration(tx.trx, reg.id, { status: 'cancelled', offer_expires_at: null, updated_at: tx.stamp });
          await endWorkshopRows(tx.trx, reg.id, 'cancelled');
          await settle(tx);
        }
        return freshView(tx, reg.id);
      });
    },

    /** Accepts an offered seat (the event's, or a workshop's with `sessionId`); late → 409, the seat moves on. */
    async accept(input: AcceptOfferBody): Promise<RegistrationView> {
      const outcome = await withSelf(input.token, async (tx, reg) => {
        const target = input.sessionId ? (await listWorkshopRowsOf(tx.trx, [reg.id])).find((r) => r.session_id === input.sessionId) : reg;
        if (!target) throw new AppError('registration.no_offer');
        if (target.status === 'confirmed') return { late: false, view: await freshView(tx, reg.id) };
        const inTime = target.status === 'offered' && target.offer_expires_at !== null && tx.stamp < target.offer_expires_at;
        if (inTime) {
          if (input.sessionId) await updateWorkshopRow(tx.trx, reg.id, input.sessionId, { status: 'confirmed', offer_expires_at: null });
          else {
            await updateRegistration(tx.trx, reg.id, { status: 'confirmed', offer_expires_at: null, updated_at: tx.stamp });
            tx.mails.push(seatAcceptedMail(reg.email, reg.name, tx.event, ticketAttachment(ticketToken(tickets, reg.id))));
          }
          return { late: false, view: await freshView(tx, reg.id) };
        }
        if (target.status !== 'offered' && target.status !== 'expired') throw new AppError('registration.no_offer');
        // Too late: the expiry is committed and the seat offered to the next person, then 409.
        await settle(tx);
        return { late: true, view: null };
      });
      if (outcome.late || !outcome.view) throw new AppError('registration.offer_expired');
      return outcome.view;
    },

    /** Processes every offer that ran out by `at`; returns the number of events touched. For `itas serve`. */
    async expireOffers(at: Date = ctx.clock()): Promise<number> {
      const ids = await eventsWithExpiredOffers(ctx.db, at.toISOString());
      for (const id of ids) await locked(id, settle, at);
      return ids.length;
    },
  };
  return service;
}
export type RegistrationService = ReturnType<typeof createRegistrationService>;
