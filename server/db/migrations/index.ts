import { Migrator, type Kysely, type Migration } from 'kysely';
import * as m20261126foundation from './2026-11-26-foundation.ts';
import * as m20261127study from './2026-11-27-study.ts';
import * as m20261128collection from './2026-11-28-collection.ts';
import * as m20261129responseOrder from './2026-11-29-response-order.ts';
import * as m20261129results from './2026-11-29-results.ts';
import * as m20261130events from './2026-11-30-events.ts';
import * as m20261201registration from './2026-12-01-registration.ts';
import * as m20261203live from './2026-12-03-live.ts';
import * as m20261204sessionResults from './2026-12-04-session-results.ts';
import * as m20261202checkin from './2026-12-02-checkin.ts';
import * as m20261205registrationRetention from './2026-12-05-registration-retention.ts';
import * as m20261206mailAttachments from './2026-12-06-mail-attachments.ts';
import * as m20261207liveProjector from './2026-12-07-live-projector.ts';

/** Static list: works under tsx and in bundles alike. Names sort by date. */
const MIGRATIONS: Record<string, Migration> = {
  '2026-11-26-foundation': m20261126foundation,
  '2026-11-27-study': m20261127study,
  '2026-11-28-collection': m20261128collection,
  '2026-11-29-response-order': m20261129responseOrder,
  '2026-11-29-results': m20261129results,
  '2026-11-30-events': m20261130events,
  '2026-12-01-registration': m20261201registration,
  '2026-12-02-checkin': m20261202checkin,
  '2026-12-03-live': m20261203live,
  '2026-12-04-session-results': m20261204sessionResults,
  '2026-12-05-registration-retention': m20261205registrationRetention,
  '2026-12-06-mail-attachments': m20261206mailAttachments,
  '2026-12-07-live-projector': m20261207liveProjector,
};

export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => MIGRATIONS } });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error('migration failed');
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
