import type { Insertable } from 'kysely';
import type { DbOrTrx, Dialect } from '../../db/database.ts';
import type { SessionNextStepTable, SessionResultPhotoTable, SessionResultTable } from '../../db/schema.ts';

export type ResultRow = SessionResultTable;
export type NextStepRow = SessionNextStepTable;
/** A photo without its bytes: what lists need. */
export type PhotoMeta = Omit<SessionResultPhotoTable, 'bytes'>;

const PHOTO_META = [
  'id',
  'session_id',
  'content_type',
  'size',
  'sha256',
  'width',
  'height',
  'alt',
  'position',
  'created_at',
  'created_by',
] as const;

/**
 * Locks the session row until the transaction ends, so two uploads cannot both take the last
 * free photo place. SQLite has a single writer already; PostgreSQL needs `FOR UPDATE`.
 */
export async function lockSession(db: DbOrTrx, dialect: Dialect, sessionId: string): Promise<boolean> {
  const q = db.selectFrom('event_session').select('id').where('id', '=', sessionId);
  const row = await (dialect === 'postgres' ? q.forUpdate() : q).executeTakeFirst();
  return row !== undefined;
}

export async function findSessionEvent(db: DbOrTrx, sessionId: string) {
  return db.selectFrom('event_session').select(['id', 'event_id']).where('id', '=', sessionId).executeTakeFirst();
}

export async function findResult(db: DbOrTrx, sessionId: string) {
  return db.selectFrom('session_result').selectAll().where('session_id', '=', sessionId).executeTakeFirst();
}

export async function insertResult(db: DbOrTrx, row: Insertable<ResultRow>): Promise<void> {
  await db.insertInto('session_result').values(row).execute();
}

/** Sets the columns when the row still has `expectedVersion`; returns whether it did. */
export async function updateResult(db: DbOrTrx, sessionId: string, expectedVersion: number, set: Partial<ResultRow>): Promise<boolean> {
  const r = await db
    .updateTable('session_result')
    .set({ ...set, version: expectedVersion + 1 })
    .where('session_id', '=', sessionId)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Removes the results of a session: text, photos and next steps. */
export async function deleteResult(db: DbOrTrx, sessionId: string): Promise<void> {
  await db.deleteFrom('session_result_photo').where('session_id', '=', sessionId).execute();
  await db.deleteFrom('session_next_step').where('session_id', '=', sessionId).execute();
  await db.deleteFrom('session_result').where('session_id', '=', sessionId).execute();
}

/** Published results of the given sessions. */
export async function listPublishedResults(db: DbOrTrx, sessionIds: string[]) {
  if (sessionIds.length === 0) return [];
  return db.selectFrom('session_result').selectAll().where('session_id', 'in', sessionIds).where('published', '=', 1).execute();
}

export async function listNextSteps(db: DbOrTrx, sessionIds: string[]) {
  if (sessionIds.length === 0) return [];
  return db
    .selectFrom('session_next_step')
    .selectAll()
    .where('session_id', 'in', sessionIds)
    .orderBy('session_id')
    .orderBy('position')
    .execute();
}

export async function replaceNextSteps(db: DbOrTrx, sessionId: string, rows: NextStepRow[]): Promise<void> {
  await db.deleteFrom('session_next_step').where('session_id', '=', sessionId).execute();
  if (rows.length > 0) await db.insertInto('session_next_step').values(rows).execute();
}

export async function listPhotoMeta(db: DbOrTrx, sessionIds: string[]): Promise<PhotoMeta[]> {
  if (sessionIds.length === 0) return [];
  return db
    .selectFrom('session_result_photo')
    .select(PHOTO_META)
    .where('session_id', 'in', sessionIds)
    .orderBy('session_id')
    .orderBy('position')
    .orderBy('id')
    .execute();
}

export async function findPhotoMeta(db: DbOrTrx, id: string): Promise<PhotoMeta | undefined> {
  return db.selectFrom('session_result_photo').select(PHOTO_META).where('id', '=', id).executeTakeFirst();
}

export async function findPhotoBytes(db: DbOrTrx, id: string): Promise<Buffer | undefined> {
  const row = await db.selectFrom('session_result_photo').select('bytes').where('id', '=', id).executeTakeFirst();
  return row ? Buffer.from(row.bytes) : undefined;
}

export async function photoStats(db: DbOrTrx, sessionId: string): Promise<{ count: number; maxPosition: number }> {
  const row = await db
    .selectFrom('session_result_photo')
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max<number | null>('position').as('p')])
    .where('session_id', '=', sessionId)
    .executeTakeFirst();
  return { count: Number(row?.n ?? 0), maxPosition: row?.p === null || row?.p === undefined ? -1 : Number(row.p) };
}

export async function insertPhoto(db: DbOrTrx, row: SessionResultPhotoTable): Promise<void> {
  await db.insertInto('session_result_photo').values(row).execute();
}

export async function updatePhotoAlt(db: DbOrTrx, id: string, alt: string): Promise<void> {
  await db.updateTable('session_result_photo').set({ alt }).where('id', '=', id).execute();
}

export async function deletePhoto(db: DbOrTrx, id: string): Promise<void> {
  await db.deleteFrom('session_result_photo').where('id', '=', id).execute();
}
