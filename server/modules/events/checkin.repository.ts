import type { Selectable } from 'kysely';
import type { DbOrTrx } from '../../db/database.ts';
import type { CheckinTable } from '../../db/schema.ts';

export type CheckinRow = Selectable<CheckinTable>;

/** Confirmed registrations of an event with what the door and the badge sheet need (no e-mail). */
export async function listConfirmed(db: DbOrTrx, eventId: string) {
  return db
    .selectFrom('registration')
    .select(['id', 'name', 'organisation', 'participant_type'])
    .where('event_id', '=', eventId)
    .where('status', '=', 'confirmed')
    .orderBy('name')
    .orderBy('id')
    .execute();
}

export async function countConfirmed(db: DbOrTrx, eventId: string): Promise<number> {
  const row = await db
    .selectFrom('registration')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('event_id', '=', eventId)
    .where('status', '=', 'confirmed')
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Distinct registrations checked in (one counted scan each). */
export async function countCheckedIn(db: DbOrTrx, eventId: string): Promise<number> {
  const row = await db
    .selectFrom('checkin')
    .select((eb) => eb.fn.count<number>('registration_id').distinct().as('n'))
    .where('event_id', '=', eventId)
    .where('duplicate', '=', 0)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** The counted scan of each checked-in registration of an event. */
export async function listCounted(db: DbOrTrx, eventId: string) {
  return db
    .selectFrom('checkin')
    .select(['registration_id', 'checked_in_at'])
    .where('event_id', '=', eventId)
    .where('duplicate', '=', 0)
    .execute();
}

export async function findScans(db: DbOrTrx, ids: string[]): Promise<CheckinRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('checkin').selectAll().where('id', 'in', ids).execute();
}

export async function findCounted(db: DbOrTrx, registrationId: string): Promise<CheckinRow | undefined> {
  return db.selectFrom('checkin').selectAll().where('registration_id', '=', registrationId).where('duplicate', '=', 0).executeTakeFirst();
}

export async function insertScan(db: DbOrTrx, row: CheckinRow): Promise<void> {
  await db.insertInto('checkin').values(row).execute();
}

/** Registrations by id (any event, any state): what a scanned ticket or a chosen name points to. */
export async function findRegistrations(db: DbOrTrx, ids: string[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('registration').select(['id', 'event_id', 'name', 'status']).where('id', 'in', ids).execute();
}
