import { buildApp } from './app.ts';
import { loadConfig } from './config.ts';
import { openDatabase } from './db/database.ts';
import { migrateToLatest } from './db/migrations/index.ts';
import { createLogger, type Logger } from './logger.ts';
import type { RegistrationService } from './modules/events/index.ts';
import { seedDemoIfEmpty } from './seed/demo.ts';

/**
 * loadConfig → openDatabase → migrate → (demo seed on an empty database) → buildApp → listen.
 * SIGTERM/SIGINT: stop accepting, let in-flight requests finish, close the database.
 */
export async function serve(opts: { seedDemo?: boolean } = {}): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config.logLevel);
  const database = openDatabase(config.database, { backgroundCheckpoints: true });
  const applied = await migrateToLatest(database.db);
  if (applied.length > 0) log.info({ migrations: applied }, 'database migrated');
  if (opts.seedDemo !== false) await seedDemoIfEmpty({ database, config, log });

  const app = await buildApp({ config, database });
  const offers = startOfferExpiry(app.services.registrations, log);
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    try {
      await offers.stop();
      await app.close();
      await database.close();
      process.exit(0);
    } catch (err) {
      log.error({ err }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));

  await app.listen({ port: config.port, host: config.host });
  log.info({ url: config.publicUrl, database: database.dialect }, 'ITAS-Plattform bereit');
}

/**
 * Background job: waitlist offers that ran out pass to the next person once a minute, even when
 * nobody looks at the event (looking at the seats processes them too); then reminder mails and
 * retention (`registrationJobs`). Runs never overlap.
 */
function startOfferExpiry(registrations: RegistrationService, log: Logger, everyMs = 60_000): { stop(): Promise<void> } {
  let running: Promise<unknown> | null = null;
  const jobs = registrationJobs(registrations, log);
  const failed = jobFailed(log);
  const timer = setInterval(() => {
    if (running) return;
    running = registrations
      .expireOffers(new Date())
      .then((events) => events > 0 && log.info({ events }, 'waitlist offers expired'))
      .catch(failed('offer expiry'))
      .then(() => jobs.run(new Date()))
      .finally(() => (running = null));
  }, everyMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}

/** Logs a failed background run (the message only: errors may carry data) and lets the next run try again. */
const jobFailed = (log: Logger) => (job: string) => (err: unknown) =>
  log.warn({ err: err instanceof Error ? err.message : 'unknown' }, `${job} failed`);

/**
 * Reminder mails before events (every minute) and the retention of registrations (hourly; a
 * cheap query when nothing is due). Both are safe with several server instances.
 */
function registrationJobs(registrations: RegistrationService, log: Logger, purgeEveryMs = 3_600_000) {
  let lastPurge = Number.NEGATIVE_INFINITY;
  const failed = jobFailed(log);
  return {
    async run(now: Date): Promise<void> {
      await registrations
        .sendReminders(now)
        .then((reminders) => reminders > 0 && log.info({ reminders }, 'registration reminders queued'))
        .catch(failed('registration reminders'));
      if (now.getTime() - lastPurge < purgeEveryMs) return;
      lastPurge = now.getTime();
      await registrations
        .purgeExpiredRegistrations(now)
        .then((r) => r.events > 0 && log.info(r, 'registration data purged after retention period'))
        .catch(failed('registration retention'));
    },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  serve().catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
