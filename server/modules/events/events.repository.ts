import { sql, type Insertable } from 'kysely';
import type { DbOrTrx } from '../../db/database.ts';
import type { EventSeriesTable, EventSessionTable, EventTable, PersonTable } from '../../db/schema.ts';

export type EventRow = EventTable;
export type SessionRow = EventSessionTable;
export type PersonRow = PersonTable;

export async function listEventRows(
  db: DbOrTrx,
  filter: { publicOnly: boolean; zeit?: 'kommend' | 'vergangen' | undefined; format?: string | undefined; now: string },
) {
  let q = db.selectFrom('event').selectAll();
  if (filter.publicOnly) q = q.where('visibility', '=', 'public');
  if (filter.format) q = q.where('format', '=', filter.format);
  if (filter.zeit === 'kommend') return q.where('ends_at', '>=', filter.now).orderBy('starts_at', 'asc').orderBy('id').execute();
  if (filter.zeit === 'vergangen') q = q.where('ends_at', '<', filter.now);
  return q.orderBy('starts_at', 'desc').orderBy('id').execute();
}

export async function findEventBySlug(db: DbOrTrx, slug: string) {
  return db.selectFrom('event').selectAll().where('slug', '=', slug).executeTakeFirst();
}

export async function findEventById(db: DbOrTrx, id: string) {
  return db.selectFrom('event').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertEvent(db: DbOrTrx, row: Insertable<EventRow>): Promise<void> {
  await db.insertInto('event').values(row).execute();
}

/** Sets the columns when the row still has `expectedVersion`; returns whether it did. */
export async function updateEventRow(db: DbOrTrx, id: string, expectedVersion: number, set: Partial<EventRow>): Promise<boolean> {
  const r = await db
    .updateTable('event')
    .set({ ...set, version: expectedVersion + 1 })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function listSeriesRows(db: DbOrTrx) {
  return db.selectFrom('event_series').selectAll().orderBy('title').execute();
}

export async function findSeries(db: DbOrTrx, id: string) {
  return db.selectFrom('event_series').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findSeriesBySlug(db: DbOrTrx, slug: string) {
  return db.selectFrom('event_series').selectAll().where('slug', '=', slug).executeTakeFirst();
}

export async function insertSeries(db: DbOrTrx, row: EventSeriesTable): Promise<void> {
  await db.insertInto('event_series').values(row).execute();
}

export async function sessionCounts(db: DbOrTrx): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('event_session')
    .select(['event_id', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('event_id')
    .execute();
  return new Map(rows.map((r) => [r.event_id, Number(r.n)]));
}

export async function listSessionRows(db: DbOrTrx, eventId: string) {
  return db.selectFrom('event_session').selectAll().where('event_id', '=', eventId).orderBy('starts_at').orderBy('id').execute();
}

export async function findSessionRow(db: DbOrTrx, eventId: string, id: string) {
  return db.selectFrom('event_session').selectAll().where('id', '=', id).where('event_id', '=', eventId).executeTakeFirst();
}

export async function insertSessionRow(db: DbOrTrx, row: Insertable<SessionRow>): Promise<void> {
  await db.insertInto('event_session').values(row).execute();
}

export async function updateSessionRow(db: DbOrTrx, id: string, expectedVersion: number, set: Partial<SessionRow>): Promise<boolean> {
  const r = await db
    .updateTable('event_session')
    .set({ ...set, version: expectedVersion + 1 })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function deleteSessionRow(db: DbOrTrx, id: string): Promise<void> {
  await db.deleteFrom('event_session').where('id', '=', id).execute();
}

/** Moderators and speakers of the given sessions, in their order. */
export async function listSessionPeople(db: DbOrTrx, sessionIds: string[]) {
  if (sessionIds.length === 0) return [];
  return db
    .selectFrom('event_session_person')
    .selectAll()
    .where('session_id', 'in', sessionIds)
    .orderBy('session_id')
    .orderBy('role')
    .orderBy('position')
    .execute();
}

export async function replaceSessionPeople(db: DbOrTrx, sessionId: string, moderators: string[], speakers: string[]): Promise<void> {
  await db.deleteFrom('event_session_person').where('session_id', '=', sessionId).execute();
  const rows = [
    ...moderators.map((person_id, position) => ({ session_id: sessionId, person_id, role: 'moderator' as const, position })),
    ...speakers.map((person_id, position) => ({ session_id: sessionId, person_id, role: 'speaker' as const, position })),
  ];
  if (rows.length > 0) await db.insertInto('event_session_person').values(rows).execute();
}

export async function listPersonRows(db: DbOrTrx, q?: string) {
  let query = db.selectFrom('person').selectAll();
  if (q) {
    const escaped = q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`);
    const pattern = `%${escaped}%`;
    query = query.where((eb) =>
      eb.or([
        sql<boolean>`lower(${eb.ref('name')}) like ${pattern} escape '\\'`,
        sql<boolean>`lower(${eb.ref('organisation')}) like ${pattern} escape '\\'`,
      ]),
    );
  }
  return query.orderBy('name').orderBy('id').limit(500).execute();
}

export async function findPersonRows(db: DbOrTrx, ids: string[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('person').selectAll().where('id', 'in', ids).execute();
}

export async function insertPerson(db: DbOrTrx, row: PersonRow): Promise<void> {
  await db.insertInto('person').values(row).execute();
}
