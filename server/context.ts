import type SQLite from 'better-sqlite3';
import type { Config } from './config.ts';
import type { Db, Dialect } from './db/database.ts';
import type { Logger } from './logger.ts';

/** What every service gets: the database, configuration, a clock (tests move it) and a logger. */
export interface AppContext {
  db: Db;
  dialect: Dialect;
  config: Config;
  clock: () => Date;
  log: Logger;
  /** The raw embedded connection, for hot paths that prepare their statements once (SQLite only). */
  sqlite?: SQLite.Database | undefined;
}

export const nowIso = (ctx: Pick<AppContext, 'clock'>): string => ctx.clock().toISOString();
