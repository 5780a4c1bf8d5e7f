import type { DbOrTrx } from '../../db/database.ts';
import type { AuthTokenTable, SessionTable } from '../../db/schema.ts';

export async function insertSession(db: DbOrTrx, row: SessionTable): Promise<void> {
  await db.insertInto('session').values(row).execute();
}

export async function findSessionWithUser(db: DbOrTrx, id: string) {
  return db
    .selectFrom('session')
    .innerJoin('app_user', 'app_user.id', 'session.user_id')
    .select([
      'session.id',
      'session.user_id',
      'session.last_seen_at',
      'session.expires_at',
      'app_user.role',
      'app_user.organisation_id',
      'app_user.display_name',
      'app_user.status',
    ])
    .where('session.id', '=', id)
    .executeTakeFirst();
}

export async function touchSession(db: DbOrTrx, id: string, at: string): Promise<void> {
  await db.updateTable('session').set({ last_seen_at: at }).where('id', '=', id).execute();
}

export async function deleteSession(db: DbOrTrx, id: string): Promise<void> {
  await db.deleteFrom('session').where('id', '=', id).execute();
}

export async function deleteSessionOfUser(db: DbOrTrx, userId: string, id: string): Promise<boolean> {
  const r = await db.deleteFrom('session').where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}

/** Ends every session of a user, optionally keeping one. Returns how many ended. */
export async function deleteSessionsOfUser(db: DbOrTrx, userId: string, keepId?: string): Promise<number> {
  let q = db.deleteFrom('session').where('user_id', '=', userId);
  if (keepId) q = q.where('id', '!=', keepId);
  const r = await q.executeTakeFirst();
  return Number(r.numDeletedRows);
}

export async function listSessionsOfUser(db: DbOrTrx, userId: string) {
  return db.selectFrom('session').selectAll().where('user_id', '=', userId).orderBy('last_seen_at', 'desc').execute();
}

export async function deleteExpiredSessions(db: DbOrTrx, nowIso: string, idleCutoffIso: string): Promise<void> {
  await db
    .deleteFrom('session')
    .where((eb) => eb.or([eb('expires_at', '<=', nowIso), eb('last_seen_at', '<=', idleCutoffIso)]))
    .execute();
}

export async function insertToken(db: DbOrTrx, row: AuthTokenTable): Promise<void> {
  await db.insertInto('auth_token').values(row).execute();
}

export async function findToken(db: DbOrTrx, id: string) {
  return db.selectFrom('auth_token').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Marks a token used only if it was unused: two concurrent uses cannot both succeed. */
export async function consumeToken(db: DbOrTrx, id: string, at: string): Promise<boolean> {
  const r = await db.updateTable('auth_token').set({ used_at: at }).where('id', '=', id).where('used_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** A new link makes the older unused ones of the same purpose worthless. */
export async function invalidateTokens(db: DbOrTrx, userId: string, at: string): Promise<void> {
  await db.updateTable('auth_token').set({ used_at: at }).where('user_id', '=', userId).where('used_at', 'is', null).execute();
}
