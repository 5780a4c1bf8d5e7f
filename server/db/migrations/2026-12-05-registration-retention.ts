import type { Kysely } from 'kysely';

// Frozen in time: this migration must not change once merged. It uses Kysely<any> on purpose.
// Reminder mails, retention of registrations and the rate limit of the public registration form.
// - `registration.reminder_sent_at`: set in the same transaction that puts the reminder into the
//   outbox, so each registration gets at most one reminder, also with several server instances.
// - `event.registrations_purged_at`: when the personal registration rows of the event were
//   deleted after the retention period; `registration_tally` keeps the counts (per event, and per
//   workshop session with `session_id`) by status and participant type, without personal data.
// - `registration_throttle`: fixed-window counters of registrations per client address and per
//   e-mail address; keys are HMACs, neither address is stored in clear.
// SQLite adds one column per ALTER TABLE statement.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('registration').addColumn('reminder_sent_at', 'text').execute();
  await db.schema.alterTable('event').addColumn('registrations_purged_at', 'text').execute();

  await db.schema
    .createTable('registration_tally')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('event_id', 'text', (c) => c.notNull().references('event.id').onDelete('cascade'))
    .addColumn('session_id', 'text', (c) => c.references('event_session.id').onDelete('cascade'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('participant_type', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('registration_tally_event_idx').on('registration_tally').column('event_id').execute();

  await db.schema
    .createTable('registration_throttle')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('hits', 'integer', (c) => c.notNull())
    .addColumn('window_started_at', 'text', (c) => c.notNull())
    .execute();

  // Reminders due: confirmed registrations of an event without a reminder yet.
  await db.schema.createIndex('registration_reminder_idx').on('registration').columns(['event_id', 'status', 'reminder_sent_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('registration_reminder_idx').execute();
  await db.schema.dropTable('registration_throttle').execute();
  await db.schema.dropTable('registration_tally').execute();
  await db.schema.alterTable('event').dropColumn('registrations_purged_at').execute();
  await db.schema.alterTable('registration').dropColumn('reminder_sent_at').execute();
}
