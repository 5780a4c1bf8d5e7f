import type SQLite from 'better-sqlite3';
import type { Db } from '../../db/database.ts';
import type { ResponseTable } from '../../db/schema.ts';

export type StoreStatus = 'stored' | 'duplicate' | 'conflict' | 'invitation_used';
export interface StoreItem {
  row: ResponseTable;
  invitation?: string | undefined;
}

/**
 * The hot path of the submission API on the embedded database: prepared once, run as one
 * synchronous better-sqlite3 transaction per group. Through Kysely every statement is compiled
 * and prepared anew (about a third of the CPU time per response in the benchmark); these
 * statements are compiled once. The same rules as `storeResponse` in response.service.ts,
 * which serves PostgreSQL: a test runs both. The group runs while holding Kysely's connection,
 * so it never interleaves with a Kysely transaction on the same SQLite connection.
 */
export function sqliteResponseStore(db: Db, sqlite: SQLite.Database) {
  let statements: ReturnType<typeof prepare> | undefined;
  function prepare() {
    const insert = sqlite.prepare(
      `INSERT INTO response (id, wave_id, version_id, channel, answers, content_hash, collected_on, received_on, paradata)
       VALUES (@id, @wave_id, @version_id, @channel, @answers, @content_hash, @collected_on, @received_on, @paradata)
       ON CONFLICT (id) DO NOTHING`,
    );
    const find = sqlite.prepare<[string], { content_hash: string; wave_id: string }>(
      'SELECT content_hash, wave_id FROM response WHERE id = ?',
    );
    const conflict = sqlite.prepare(
      `INSERT INTO response_conflict (id, response_id, wave_id, version_id, channel, answers, content_hash, received_on, paradata)
       VALUES (@conflict_id, @id, @wave_id, @version_id, @channel, @answers, @content_hash, @received_on, @paradata)`,
    );
    const invite = sqlite.prepare('UPDATE invitation SET used = 1 WHERE code = ? AND wave_id = ? AND used = 0');
    const storeOne = ({ row, invitation }: StoreItem): StoreStatus => {
      if (invitation === undefined && insert.run(row).changes === 1) return 'stored';
      const existing = find.get(row.id);
      if (!existing) {
        if (invitation !== undefined && invite.run(invitation, row.wave_id).changes !== 1) return 'invitation_used';
        insert.run(row);
        return 'stored';
      }
      if (existing.content_hash === row.content_hash && existing.wave_id === row.wave_id) return 'duplicate';
      conflict.run({ ...row, conflict_id: crypto.randomUUID() });
      return 'conflict';
    };
    return { group: sqlite.transaction((items: StoreItem[]) => items.map(storeOne)) };
  }

  return (items: StoreItem[]): Promise<StoreStatus[]> =>
    db.connection().execute(async () => {
      statements ??= prepare();
      return statements.group(items);
    });
}
