import type { Insertable, Selectable } from 'kysely';
import type { DbOrTrx, Dialect } from '../../db/database.ts';
import type { RegistrationTable, RegistrationWorkshopTable } from '../../db/schema.ts';

export type RegistrationRow = Selectable<RegistrationTable>;
export type RegistrationWorkshopRow = Selectable<RegistrationWorkshopTable>;
export type RegistrationStatus = RegistrationTable['status'];
export type WorkshopStatus = RegistrationWorkshopTable['status'];

/** Statuses that hold a seat: confirmed, and offered until the offer runs out. */
export const SEAT_HOLDING = ['confirmed', 'offered'] as const;

/**
 * Locks the event row for the rest of the transaction. PostgreSQL: `SELECT … FOR UPDATE`, so
 * concurrent allocations for one event queue up here. SQLite has a single writer (and Kysely's
 * driver one connection), so transactions already run one after another.
 */
export async function lockEvent(db: DbOrTrx, dialect: Dialect, eventId: string) {
  const q = db.selectFrom('event').selectAll().where('id', '=', eventId);
  return (dialect === 'postgres' ? q.forUpdate() : q).executeTakeFirst();
}

export async function findRegistrationByEmailKey(db: DbOrTrx, eventId: string, key: string) {
  return db.selectFrom('registration').selectAll().where('event_id', '=', eventId).where('email_key', '=', key).executeTakeFirst();
}

export async function findRegistrationByConfirmHash(db: DbOrTrx, hash: string) {
  return db.selectFrom('registration').selectAll().where('confirm_token_hash', '=', hash).executeTakeFirst();
}

export async function findRegistrationBySelfHash(db: DbOrTrx, hash: string) {
  return db.selectFrom('registration').selectAll().where('self_token_hash', '=', hash).executeTakeFirst();
}

export async function findRegistration(db: DbOrTrx, id: string) {
  return db.selectFrom('registration').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertRegistration(db: DbOrTrx, row: Insertable<RegistrationTable>): Promise<void> {
  await db.insertInto('registration').values(row).execute();
}

export async function updateRegistration(db: DbOrTrx, id: string, set: Partial<RegistrationRow>): Promise<void> {
  await db.updateTable('registration').set(set).where('id', '=', id).execute();
}

export async function listRegistrations(db: DbOrTrx, eventId: string) {
  return db.selectFrom('registration').selectAll().where('event_id', '=', eventId).orderBy('created_at').orderBy('id').execute();
}

export async function listWorkshopRowsOf(db: DbOrTrx, registrationIds: string[]) {
  if (registrationIds.length === 0) return [];
  return db.selectFrom('registration_workshop').selectAll().where('registration_id', 'in', registrationIds).execute();
}

export async function listWorkshopRowsOfEvent(db: DbOrTrx, eventId: string) {
  return db
    .selectFrom('registration_workshop')
    .innerJoin('registration', 'registration.id', 'registration_workshop.registration_id')
    .selectAll('registration_workshop')
    .where('registration.event_id', '=', eventId)
    .execute();
}

export async function upsertWorkshopRow(db: DbOrTrx, row: RegistrationWorkshopRow): Promise<void> {
  await db
    .insertInto('registration_workshop')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['registration_id', 'session_id']).doUpdateSet({
        status: row.status,
        queued_at: row.queued_at,
        queue_seq: row.queue_seq,
        offer_expires_at: row.offer_expires_at,
      }),
    )
    .execute();
}

export async function updateWorkshopRow(
  db: DbOrTrx,
  registrationId: string,
  sessionId: string,
  set: Partial<RegistrationWorkshopRow>,
): Promise<void> {
  await db
    .updateTable('registration_workshop')
    .set(set)
    .where('registration_id', '=', registrationId)
    .where('session_id', '=', sessionId)
    .execute();
}

export async function deleteWorkshopRowsOf(db: DbOrTrx, registrationId: string): Promise<void> {
  await db.deleteFrom('registration_workshop').where('registration_id', '=', registrationId).execute();
}

/** Registrations per status of one event. */
export async function eventStatusCounts(db: DbOrTrx, eventId: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('registration')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('event_id', '=', eventId)
    .groupBy('status')
    .execute();
  return new Map(rows.map((r) => [r.status, Number(r.n)]));
}

/** Workshop rows per session and status, for the sessions of one event. */
export async function sessionStatusCounts(db: DbOrTrx, eventId: string): Promise<Map<string, Map<string, number>>> {
  const rows = await db
    .selectFrom('registration_workshop')
    .innerJoin('event_session', 'event_session.id', 'registration_workshop.session_id')
    .select([
      'registration_workshop.session_id as session_id',
      'registration_workshop.status as status',
      (eb) => eb.fn.countAll<number>().as('n'),
    ])
    .where('event_session.event_id', '=', eventId)
    .groupBy(['registration_workshop.session_id', 'registration_workshop.status'])
    .execute();
  const out = new Map<string, Map<string, number>>();
  for (const r of rows) {
    const m = out.get(r.session_id) ?? new Map<string, number>();
    m.set(r.status, Number(r.n));
    out.set(r.session_id, m);
  }
  return out;
}

export async function countEventSeats(db: DbOrTrx, eventId: string): Promise<number> {
  const r = await db
    .selectFrom('registration')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('event_id', '=', eventId)
    .where('status', 'in', SEAT_HOLDING)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function countSessionSeats(db: DbOrTrx, sessionId: string): Promise<number> {
  const r = await db
    .selectFrom('registration_workshop')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('session_id', '=', sessionId)
    .where('status', 'in', SEAT_HOLDING)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** The head of the event's waitlist (lowest queue number). */
export async function nextWaitlisted(db: DbOrTrx, eventId: string) {
  return db
    .selectFrom('registration')
    .selectAll()
    .where('event_id', '=', eventId)
    .where('status', '=', 'waitlisted')
    .orderBy('queue_seq')
    .limit(1)
    .executeTakeFirst();
}

export async function nextWaitlistedInSession(db: DbOrTrx, sessionId: string) {
  return db
    .selectFrom('registration_workshop')
    .selectAll()
    .where('session_id', '=', sessionId)
    .where('status', '=', 'waitlisted')
    .orderBy('queue_seq')
    .limit(1)
    .executeTakeFirst();
}

export async function nextEventSeq(db: DbOrTrx, eventId: string): Promise<number> {
  const r = await db
    .selectFrom('registration')
    .select((eb) => eb.fn.max('queue_seq').as('m'))
    .where('event_id', '=', eventId)
    .executeTakeFirst();
  return Number(r?.m ?? 0) + 1;
}

export async function nextSessionSeq(db: DbOrTrx, sessionId: string): Promise<number> {
  const r = await db
    .selectFrom('registration_workshop')
    .select((eb) => eb.fn.max('queue_seq').as('m'))
    .where('session_id', '=', sessionId)
    .executeTakeFirst();
  return Number(r?.m ?? 0) + 1;
}

/** 1-based waitlist place of a registration (people ahead of it + 1). */
export async function eventWaitlistPosition(db: DbOrTrx, eventId: string, seq: number): Promise<number> {
  const r = await db
    .selectFrom('registration')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('event_id', '=', eventId)
    .where('status', '=', 'waitlisted')
    .where('queue_seq', '<', seq)
    .executeTakeFirstOrThrow();
  return Number(r.n) + 1;
}

export async function sessionWaitlistPosition(db: DbOrTrx, sessionId: string, seq: number): Promise<number> {
  const r = await db
    .selectFrom('registration_workshop')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('session_id', '=', sessionId)
    .where('status', '=', 'waitlisted')
    .where('queue_seq', '<', seq)
    .executeTakeFirstOrThrow();
  return Number(r.n) + 1;
}

/** Events with an offer (of the event or one of its workshops) that ran out before `now`. */
export async function eventsWithExpiredOffers(db: DbOrTrx, now: string, eventId?: string): Promise<string[]> {
  let a = db.selectFrom('registration').select('event_id').where('status', '=', 'offered').where('offer_expires_at', '<=', now);
  let b = db
    .selectFrom('registration_workshop')
    .innerJoin('registration', 'registration.id', 'registration_workshop.registration_id')
    .select('registration.event_id as event_id')
    .where('registration_workshop.status', '=', 'offered')
    .where('registration_workshop.offer_expires_at', '<=', now);
  if (eventId) {
    a = a.where('event_id', '=', eventId);
    b = b.where('registration.event_id', '=', eventId);
  }
  const rows = await a.union(b).execute();
  return [...new Set(rows.map((r) => r.event_id))];
}

/** Marks the event's run-out offers `expired`; returns the registrations concerned. */
export async function expireEventOffers(db: DbOrTrx, eventId: string, now: string): Promise<RegistrationRow[]> {
  const rows = await db
    .selectFrom('registration')
    .selectAll()
    .where('event_id', '=', eventId)
    .where('status', '=', 'offered')
    .where('offer_expires_at', '<=', now)
    .execute();
  if (rows.length > 0)
    await db
      .updateTable('registration')
      .set({ status: 'expired', offer_expires_at: null, updated_at: now })
      .where(
        'id',
        'in',
        rows.map((r) => r.id),
      )
      .execute();
  return rows;
}

/** Marks run-out workshop offers of the event `expired`; returns how many. */
export async function expireWorkshopOffers(db: DbOrTrx, eventId: string, now: string): Promise<number> {
  const r = await db
    .updateTable('registration_workshop')
    .set({ status: 'expired', offer_expires_at: null })
    .where('status', '=', 'offered')
    .where('offer_expires_at', '<=', now)
    .where('registration_id', 'in', (eb) => eb.selectFrom('registration').select('id').where('event_id', '=', eventId))
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Ends every active workshop seat of a registration (cancel or expiry of the event seat). */
export async function endWorkshopRows(db: DbOrTrx, registrationId: string, status: 'cancelled' | 'expired'): Promise<void> {
  await db
    .updateTable('registration_workshop')
    .set({ status, offer_expires_at: null })
    .where('registration_id', '=', registrationId)
    .where('status', 'in', ['confirmed', 'waitlisted', 'offered'])
    .execute();
}

export async function setSessionCapacity(db: DbOrTrx, eventId: string, sessionId: string, capacity: number | null): Promise<void> {
  await db.updateTable('event_session').set({ capacity }).where('id', '=', sessionId).where('event_id', '=', eventId).execute();
}
