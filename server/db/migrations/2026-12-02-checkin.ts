import { sql, type Kysely } from 'kysely';

// Frozen in time: this migration must not change once merged. It uses Kysely<any> on purpose.
// Check-in at the door of an event.
// - `id` is made by the scanning device for each scan, so a batch sent twice is stored once.
// - `checked_in_at` is the device's time of the scan (untrusted); `recorded_at` the server's.
// - One scan per registration counts (`duplicate` = 0); later scans of the same person are kept
//   with `duplicate` = 1, so staff can see that a ticket was shown twice. Scans that matched no
//   confirmed registration of the event are not stored.
// - Booleans are integers (0/1) on both databases.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('checkin')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('event_id', 'text', (c) => c.notNull().references('event.id').onDelete('cascade'))
    .addColumn('registration_id', 'text', (c) => c.notNull().references('registration.id').onDelete('cascade'))
    .addColumn('checked_in_at', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('by_user_id', 'text', (c) => c.references('app_user.id').onDelete('set null'))
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('duplicate', 'integer', (c) => c.notNull())
    .addCheckConstraint('checkin_method_check', sql`method in ('qr', 'name')`)
    .addCheckConstraint('checkin_duplicate_check', sql`duplicate in (0, 1)`)
    .execute();
  // The scans of one registration (first check-in) and the counted ones of an event.
  await db.schema.createIndex('checkin_registration_idx').on('checkin').columns(['registration_id', 'duplicate']).execute();
  await db.schema.createIndex('checkin_event_idx').on('checkin').columns(['event_id', 'duplicate']).execute();
  // At most one counted scan per registration, whatever the order of the devices' uploads.
  await db.schema
    .createIndex('checkin_counted_unique')
    .unique()
    .on('checkin')
    .column('registration_id')
    .where(sql.ref('duplicate'), '=', 0)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('checkin').execute();
}
