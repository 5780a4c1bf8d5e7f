import { createHash, randomBytes } from 'node:crypto';
import type { DbOrTrx } from '../../db/database.ts';
import type { MailMessage } from '../mail/index.ts';
import type { EventRow, SessionRow } from './events.repository.ts';
import { listSessionRows } from './events.repository.ts';
import { offerMail, selfLink } from './registration-mails.ts';
import { freeSeats } from './registration-rules.ts';
import {
  countEventSeats,
  countSessionSeats,
  endWorkshopRows,
  expireEventOffers,
  expireWorkshopOffers,
  findRegistration,
  nextEventSeq,
  nextSessionSeq,
  nextWaitlisted,
  nextWaitlistedInSession,
  updateRegistration,
  updateWorkshopRow,
  upsertWorkshopRow,
  type RegistrationRow,
} from './registration.repository.ts';

export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
export const newToken = () => randomBytes(32).toString('base64url');

/**
 * One locked unit of seat work: the transaction, the locked event row, the time, and the mails
 * to store in the outbox before commit. A registration's self-service token is rotated at most
 * once per unit, so two mails of one unit carry the same working link.
 */
export interface SeatTx {
  trx: DbOrTrx;
  event: EventRow;
  stamp: string;
  offerMs: number;
  publicUrl: string;
  mails: MailMessage[];
  tokens: Map<string, string>;
  sessions?: SessionRow[];
}

export async function sessionsOf(tx: SeatTx): Promise<SessionRow[]> {
  tx.sessions ??= await listSessionRows(tx.trx, tx.event.id);
  return tx.sessions;
}

/** A fresh self-service token for the registration (stored hashed), once per unit. */
export async function selfTokenFor(tx: SeatTx, registrationId: string): Promise<string> {
  const known = tx.tokens.get(registrationId);
  if (known) return known;
  const token = newToken();
  await updateRegistration(tx.trx, registrationId, { self_token_hash: sha256(token), updated_at: tx.stamp });
  tx.tokens.set(registrationId, token);
  return token;
}

const offerUntil = (tx: SeatTx) => new Date(Date.parse(tx.stamp) + tx.offerMs).toISOString();

async function offerEventSeat(tx: SeatTx, reg: RegistrationRow): Promise<void> {
  const expires = offerUntil(tx);
  await updateRegistration(tx.trx, reg.id, { status: 'offered', offer_expires_at: expires, updated_at: tx.stamp });
  const link = selfLink(tx.publicUrl, await selfTokenFor(tx, reg.id));
  tx.mails.push(offerMail(reg.email, reg.name, tx.event, tx.event.title, expires, link));
}

async function offerWorkshopSeat(tx: SeatTx, session: SessionRow, registrationId: string): Promise<void> {
  const expires = offerUntil(tx);
  await updateWorkshopRow(tx.trx, registrationId, session.id, { status: 'offered', offer_expires_at: expires });
  const reg = await findRegistration(tx.trx, registrationId);
  if (!reg) return;
  const link = selfLink(tx.publicUrl, await selfTokenFor(tx, reg.id));
  tx.mails.push(offerMail(reg.email, reg.name, tx.event, session.title, expires, link));
}

/**
 * Brings the event's seats up to date: offers that ran out become `expired` (an expired event
 * seat also gives up its workshops), then free seats go to the head of each waitlist as offers.
 */
export async function settle(tx: SeatTx): Promise<void> {
  const expired = await expireEventOffers(tx.trx, tx.event.id, tx.stamp);
  for (const reg of expired) await endWorkshopRows(tx.trx, reg.id, 'expired');
  await expireWorkshopOffers(tx.trx, tx.event.id, tx.stamp);

  let free = freeSeats(tx.event.capacity, await countEventSeats(tx.trx, tx.event.id));
  while (free > 0) {
    const next = await nextWaitlisted(tx.trx, tx.event.id);
    if (!next) break;
    await offerEventSeat(tx, next);
    free -= 1;
  }
  for (const session of await sessionsOf(tx)) {
    let open = freeSeats(session.capacity, await countSessionSeats(tx.trx, session.id));
    while (open > 0) {
      const next = await nextWaitlistedInSession(tx.trx, session.id);
      if (!next) break;
      await offerWorkshopSeat(tx, session, next.registration_id);
      open -= 1;
    }
  }
}

/** The event seat at confirmation: confirmed while seats are free, else the end of the waitlist. */
export async function allocateEventSeat(tx: SeatTx, reg: RegistrationRow): Promise<'confirmed' | 'waitlisted'> {
  const seq = await nextEventSeq(tx.trx, tx.event.id);
  const free = freeSeats(tx.event.capacity, await countEventSeats(tx.trx, tx.event.id));
  const status = free > 0 ? 'confirmed' : 'waitlisted';
  await updateRegistration(tx.trx, reg.id, { status, queued_at: tx.stamp, queue_seq: seq, offer_expires_at: null, updated_at: tx.stamp });
  return status;
}

export async function allocateWorkshopSeat(tx: SeatTx, registrationId: string, session: SessionRow): Promise<void> {
  const seq = await nextSessionSeq(tx.trx, session.id);
  const free = freeSeats(session.capacity, await countSessionSeats(tx.trx, session.id));
  await upsertWorkshopRow(tx.trx, {
    registration_id: registrationId,
    session_id: session.id,
    status: free > 0 ? 'confirmed' : 'waitlisted',
    queued_at: tx.stamp,
    queue_seq: seq,
    offer_expires_at: null,
  });
}
