import { SqliteAdapter, sql } from 'kysely';
import type { DbOrTrx } from '../../db/database.ts';
import type { AppUserTable } from '../../db/schema.ts';

const userWithOrg = (db: DbOrTrx) =>
  db
    .selectFrom('app_user')
    .innerJoin('organisation', 'organisation.id', 'app_user.organisation_id')
    .selectAll('app_user')
    .select(['organisation.slug as org_slug', 'organisation.short_name as org_short_name']);

export type UserRow = Awaited<ReturnType<ReturnType<typeof userWithOrg>['executeTakeFirstOrThrow']>>;

export async function findUserById(db: DbOrTrx, id: string): Promise<UserRow | undefined> {
  return userWithOrg(db).where('app_user.id', '=', id).executeTakeFirst();
}

export async function findUserByEmail(db: DbOrTrx, email: string): Promise<UserRow | undefined> {
  return userWithOrg(db).where('app_user.email', '=', email).executeTakeFirst();
}

export async function listUsers(
  db: DbOrTrx,
  filter: { organisationId?: string | undefined; role?: string | undefined; q?: string | undefined },
): Promise<UserRow[]> {
  let q = userWithOrg(db);
  if (filter.organisationId) q = q.where('app_user.organisation_id', '=', filter.organisationId);
  if (filter.role) q = q.where('app_user.role', '=', filter.role);
  if (filter.q) {
    // LIKE wildcards in the search text are matched literally.
    const pattern = `%${filter.q.toLowerCase().replace(/[\\%_]/g, (c) => '\\' + c)}%`;
    // ESCAPE is explicit: SQLite has no default escape character, PostgreSQL's is the backslash.
    q = q.where(
      (eb) =>
        sql<boolean>`(lower(${eb.ref('app_user.display_name')}) like ${pattern} escape '\\' or ${eb.ref('app_user.email')} like ${pattern} escape '\\')`,
    );
  }
  return q.orderBy('app_user.display_name').orderBy('app_user.id').limit(1000).execute();
}

export async function insertUser(db: DbOrTrx, row: AppUserTable): Promise<void> {
  await db.insertInto('app_user').values(row).execute();
}

/** Updates only when the stored version matches; returns whether a row was changed. */
export async function updateUserVersioned(
  db: DbOrTrx,
  id: string,
  version: number,
  patch: Partial<Omit<AppUserTable, 'id' | 'version'>>,
): Promise<boolean> {
  const r = await db
    .updateTable('app_user')
    .set((eb) => ({ ...patch, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function updateUser(db: DbOrTrx, id: string, patch: Partial<Omit<AppUserTable, 'id' | 'version'>>): Promise<void> {
  await db.updateTable('app_user').set(patch).where('id', '=', id).execute();
}

export async function deleteUser(db: DbOrTrx, id: string): Promise<void> {
  await db.deleteFrom('app_user').where('id', '=', id).execute();
}

/**
 * Locks the active admins' rows on PostgreSQL (SQLite runs one transaction at a time): without the
 * lock, two admins demoting or deleting each other concurrently both see "another admin remains"
 * and the platform ends up with none. Ordered so concurrent callers lock in the same order.
 */
export async function countActiveAdmins(db: DbOrTrx): Promise<number> {
  const q = db.selectFrom('app_user').select('id').where('role', '=', 'admin').where('status', '=', 'active').orderBy('id');
  return (await (db.getExecutor().adapter instanceof SqliteAdapter ? q : q.forUpdate()).execute()).length;
}

export async function countUsers(db: DbOrTrx): Promise<number> {
  const r = await db
    .selectFrom('app_user')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function hasDemoUsers(db: DbOrTrx): Promise<boolean> {
  const r = await db.selectFrom('app_user').select('id').where('is_demo', '=', 1).limit(1).executeTakeFirst();
  return r !== undefined;
}
