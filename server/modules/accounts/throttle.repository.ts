import type { DbOrTrx } from '../../db/database.ts';
import type { LoginThrottleTable } from '../../db/schema.ts';

export async function findThrottles(db: DbOrTrx, keys: string[]): Promise<LoginThrottleTable[]> {
  return db.selectFrom('login_throttle').selectAll().where('key', 'in', keys).execute();
}

export async function upsertThrottle(db: DbOrTrx, row: LoginThrottleTable): Promise<void> {
  await db
    .insertInto('login_throttle')
    .values(row)
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({ failures: row.failures, first_failure_at: row.first_failure_at, locked_until: row.locked_until }),
    )
    .execute();
}

export async function deleteThrottle(db: DbOrTrx, key: string): Promise<void> {
  await db.deleteFrom('login_throttle').where('key', '=', key).execute();
}

export async function deleteStaleThrottles(db: DbOrTrx, beforeIso: string): Promise<void> {
  await db.deleteFrom('login_throttle').where('first_failure_at', '<', beforeIso).execute();
}
