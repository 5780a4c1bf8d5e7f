import type { Selectable } from 'kysely';
import type { DbOrTrx } from '../../db/database.ts';
import type { RegistrationTallyTable } from '../../db/schema.ts';
import type { RegistrationRow } from './registration.repository.ts';

/** SQL of the background work around registrations: reminder mails, retention, rate limits. */

export type TallyRow = Selectable<RegistrationTallyTable>;

/** Events starting in (`from`, `to`] with confirmed registrations that have had no reminder yet. */
export async function eventsDueForReminders(db: DbOrTrx, from: string, to: string): Promise<string[]> {
  const rows = await db
    .selectFrom('event')
    .innerJoin('registration', 'registration.event_id', 'event.id')
    .select('event.id as id')
    .distinct()
    .where('event.starts_at', '>=', from)
    .where('event.starts_at', '<=', to)
    .where('registration.status', '=', 'confirmed')
    .where('registration.reminder_sent_at', 'is', null)
    .execute();
  return rows.map((r) => r.id);
}

/**
 * Marks the event's confirmed registrations without reminder as reminded and returns them. The
 * `reminder_sent_at is null` condition makes it a claim: a concurrent run (another server
 * instance) that updates the same rows waits for this transaction and then finds none left.
 */
export async function claimReminders(db: DbOrTrx, eventId: string, stamp: string): Promise<RegistrationRow[]> {
  return db
    .updateTable('registration')
    .set({ reminder_sent_at: stamp })
    .where('event_id', '=', eventId)
    .where('status', '=', 'confirmed')
    .where('reminder_sent_at', 'is', null)
    .returningAll()
    .execute();
}

/** Events that ended at or before `cutoff` and still hold personal registration rows. */
export async function eventsDueForPurge(db: DbOrTrx, cutoff: string): Promise<string[]> {
  const rows = await db
    .selectFrom('event')
    .select('id')
    .where('registrations_purged_at', 'is', null)
    .where('ends_at', '<=', cutoff)
    .execute();
  return rows.map((r) => r.id);
}

/** The counts to keep: per status and participant type for the event and for each session. */
/** Tally status of people checked in at the door (not a registration status). */
export const CHECKED_IN_TALLY = 'checked_in';

export async function countsToKeep(db: DbOrTrx, eventId: string): Promise<Omit<TallyRow, 'id' | 'event_id'>[]> {
  const seats = await db
    .selectFrom('registration')
    .select(['status', 'participant_type', (eb) => eb.fn.countAll<number>().as('n')])
    .where('event_id', '=', eventId)
    .groupBy(['status', 'participant_type'])
    .execute();
  const workshops = await db
    .selectFrom('registration_workshop')
    .innerJoin('registration', 'registration.id', 'registration_workshop.registration_id')
    .select([
      'registration_workshop.session_id as session_id',
      'registration_workshop.status as status',
      'registration.participant_type as participant_type',
      (eb) => eb.fn.countAll<number>().as('n'),
    ])
    .where('registration.event_id', '=', eventId)
    .groupBy(['registration_workshop.session_id', 'registration_workshop.status', 'registration.participant_type'])
    .execute();
  // Attendance survives the deletion of the scans: one tally row per participant type with the
  // pseudo status `checked_in` (people with a counted scan).
  const attended = await db
    .selectFrom('checkin')
    .innerJoin('registration', 'registration.id', 'checkin.registration_id')
    .select([
      'registration.participant_type as participant_type',
      (eb) => eb.fn.count<number>('checkin.registration_id').distinct().as('n'),
    ])
    .where('checkin.event_id', '=', eventId)
    .where('checkin.duplicate', '=', 0)
    .groupBy('registration.participant_type')
    .execute();
  return [
    ...seats.map((r) => ({ session_id: null, status: r.status, participant_type: r.participant_type, count: Number(r.n) })),
    ...attended.map((r) => ({ session_id: null, status: CHECKED_IN_TALLY, participant_type: r.participant_type, count: Number(r.n) })),
    ...workshops.map((r) => ({ session_id: r.session_id, status: r.status, participant_type: r.participant_type, count: Number(r.n) })),
  ];
}

export async function insertTally(db: DbOrTrx, rows: TallyRow[]): Promise<void> {
  if (rows.length > 0) await db.insertInto('registration_tally').values(rows).execute();
}

export async function listTally(db: DbOrTrx, eventId: string): Promise<TallyRow[]> {
  return db.selectFrom('registration_tally').selectAll().where('event_id', '=', eventId).execute();
}

/**
 * Deletes the event's registrations. Rows that reference a registration go with it through their
 * foreign keys (ON DELETE CASCADE): its workshop seats and its check-in scans.
 */
export async function deleteRegistrationsOf(db: DbOrTrx, eventId: string): Promise<number> {
  const r = await db.deleteFrom('registration').where('event_id', '=', eventId).executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** Not a content change of the event: the version stays, so open edit forms keep working. */
export async function markPurged(db: DbOrTrx, eventId: string, stamp: string): Promise<void> {
  await db.updateTable('event').set({ registrations_purged_at: stamp }).where('id', '=', eventId).execute();
}

/**
 * Counts one registration attempt for `key` in a fixed window and returns the window's count and
 * start. One statement (insert or update), so parallel requests never lose a count. A window that
 * started at or before `expired` begins anew with this attempt.
 */
export async function hitThrottle(db: DbOrTrx, key: string, now: string, expired: string) {
  return db
    .insertInto('registration_throttle')
    .values({ key, hits: 1, window_started_at: now })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet((eb) => {
        const stale = eb('registration_throttle.window_started_at', '<=', expired);
        return {
          hits: eb
            .case()
            .when(stale)
            .then(1)
            .else(eb('registration_throttle.hits', '+', 1))
            .end(),
          window_started_at: eb.case().when(stale).then(now).else(eb.ref('registration_throttle.window_started_at')).end(),
        };
      }),
    )
    .returning(['hits', 'window_started_at'])
    .executeTakeFirstOrThrow();
}

export async function deleteStaleThrottles(db: DbOrTrx, before: string): Promise<void> {
  await db.deleteFrom('registration_throttle').where('window_started_at', '<', before).execute();
}
