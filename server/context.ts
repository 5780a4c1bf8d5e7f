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
}

export const nowIso = (ctx: Pick<AppContext, 'clock'>): string => ctx.clock().toISOString();
