import { mkdirSync } from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteAdapter, SqliteDialect, sql, type Transaction } from 'kysely';
import pg from 'pg';
import { startBackgroundCheckpoints } from './checkpointer.ts';
import type { Database } from './schema.ts';

export type Db = Kysely<Database>;
export type DbOrTrx = Kysely<Database> | Transaction<Database>;
export type Dialect = 'sqlite' | 'postgres';

export interface DatabaseHandle {
  db: Db;
  dialect: Dialect;
  /** The raw SQLite connection, for the online backup API. */
  sqlite?: SQLite.Database;
  /** PostgreSQL only: where it is, for connections of their own (LISTEN for live updates). */
  url?: string;
  close(): Promise<void>;
}

export type DatabaseTarget = { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };

/**
 * Opens the embedded SQLite file or a PostgreSQL pool.
 * SQLite: WAL for concurrent readers, foreign keys on, and synchronous=FULL so that every
 * commit we acknowledge to a person survives a power loss (WAL+NORMAL may lose the last ones).
 */
export function openDatabase(target: DatabaseTarget, opts: { backgroundCheckpoints?: boolean } = {}): DatabaseHandle {
  if (target.kind === 'sqlite') {
    if (target.file !== ':memory:') mkdirSync(path.dirname(target.file), { recursive: true });
    const sqlite = new SQLite(target.file);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    // 64 MiB page cache (default 2 MiB): random-id inserts touch index pages all over the file;
    // once the indexes outgrow a small cache every commit waits for reads.
    sqlite.pragma('cache_size = -65536');
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
    // The server checkpoints from a worker thread; short-lived CLI runs and tests keep SQLite's own.
    const checkpoints = opts.backgroundCheckpoints && target.file !== ':memory:' ? startBackgroundCheckpoints(sqlite, target.file) : null;
    return {
      db,
      dialect: 'sqlite',
      sqlite,
      close: async () => {
        await db.destroy();
        await checkpoints?.stop();
      },
    };
  }
  // Keep integer/bigint counts as numbers; text timestamps are never parsed by the driver.
  pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
  const pool = new pg.Pool({ connectionString: target.url, max: 10, idleTimeoutMillis: 30_000 });
  // A dropped connection while idle must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, dialect: 'postgres', url: target.url, close: () => db.destroy() };
}

export function isSqlite(db: Kysely<unknown>): boolean {
  return db.getExecutor().adapter instanceof SqliteAdapter;
}

/** Cheap round trip used by /readyz. */
export async function ping(db: Db): Promise<void> {
  await sql`select 1`.execute(db);
}
