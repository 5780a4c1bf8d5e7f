import { sql, type Kysely } from 'kysely';

// Frozen in time: this migration must not change once merged. It uses Kysely<any> on purpose.
// Registration for events and workshops with capacity, waitlist and double opt-in.
// - Capacities are nullable: null means "no limit".
// - `email` keeps the address as typed (for mails); `email_key` (trimmed, NFC, lower case) makes
//   case variants one person: unique per event.
// - `requested_session_ids` (JSON text array) keeps the workshops chosen while the registration is
//   pending; seats (registration_workshop rows) exist only from confirmation on.
// - Tokens are stored as SHA-256 hashes only.
// - Queue order: `queue_seq` is handed out while the event row is locked (PostgreSQL
//   `FOR UPDATE`; SQLite has one writer), so it is the order of confirmation even when several
//   confirmations carry the same millisecond in `queued_at`.
// SQLite adds one column per ALTER TABLE statement.

const REGISTRATION_STATUSES = ['pending', 'confirmed', 'waitlisted', 'offered', 'cancelled', 'expired'];
const WORKSHOP_STATUSES = ['confirmed', 'waitlisted', 'offered', 'cancelled', 'expired'];
const inList = (values: string[]) => sql.join(values.map((v) => sql.lit(v)));

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('event').addColumn('capacity', 'integer').execute();
  await db.schema.alterTable('event').addColumn('registration_closes_at', 'text').execute();
  await db.schema.alterTable('event_session').addColumn('capacity', 'integer').execute();

  await db.schema
    .createTable('registration')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('event_id', 'text', (c) => c.notNull().references('event.id').onDelete('cascade'))
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('email_key', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('organisation', 'text', (c) => c.notNull())
    .addColumn('participant_type', 'text', (c) => c.notNull())
    .addColumn('accessibility_needs', 'text', (c) => c.notNull())
    .addColumn('requested_session_ids', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('queued_at', 'text')
    .addColumn('queue_seq', 'integer')
    .addColumn('offer_expires_at', 'text')
    .addColumn('confirm_token_hash', 'text', (c) => c.unique())
    .addColumn('self_token_hash', 'text', (c) => c.unique())
    .addColumn('consent_at', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('registration_event_email_key_unique', ['event_id', 'email_key'])
    .addCheckConstraint('registration_status_check', sql`status in (${inList(REGISTRATION_STATUSES)})`)
    .execute();
  // Seats taken (confirmed + offered) and the head of the waitlist of one event.
  await db.schema
    .createIndex('registration_event_status_seq_idx')
    .on('registration')
    .columns(['event_id', 'status', 'queue_seq'])
    .execute();
  // Offers that ran out, across events (expireOffers).
  await db.schema.createIndex('registration_offer_expires_idx').on('registration').columns(['status', 'offer_expires_at']).execute();

  await db.schema
    .createTable('registration_workshop')
    .addColumn('registration_id', 'text', (c) => c.notNull().references('registration.id').onDelete('cascade'))
    .addColumn('session_id', 'text', (c) => c.notNull().references('event_session.id').onDelete('cascade'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('queued_at', 'text', (c) => c.notNull())
    .addColumn('queue_seq', 'integer', (c) => c.notNull())
    .addColumn('offer_expires_at', 'text')
    .addPrimaryKeyConstraint('registration_workshop_pk', ['registration_id', 'session_id'])
    .addCheckConstraint('registration_workshop_status_check', sql`status in (${inList(WORKSHOP_STATUSES)})`)
    .execute();
  await db.schema
    .createIndex('registration_workshop_session_status_seq_idx')
    .on('registration_workshop')
    .columns(['session_id', 'status', 'queue_seq'])
    .execute();
  await db.schema
    .createIndex('registration_workshop_offer_expires_idx')
    .on('registration_workshop')
    .columns(['status', 'offer_expires_at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('registration_workshop').execute();
  await db.schema.dropTable('registration').execute();
  await db.schema.alterTable('event_session').dropColumn('capacity').execute();
  await db.schema.alterTable('event').dropColumn('registration_closes_at').execute();
  await db.schema.alterTable('event').dropColumn('capacity').execute();
}
