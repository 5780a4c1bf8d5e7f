import type { Kysely } from 'kysely';

// Frozen in time: this migration must not change once merged. It uses Kysely<any> on purpose.
// Events and their programme. Instants are UTC ISO strings (`2025-06-12T07:00:00.000Z`), so text
// order is time order on both dialects. Organisers and fields of action are JSON text arrays:
// they are read with their event and never queried on their own.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('event_series')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('event')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('series_id', 'text', (c) => c.references('event_series.id').onDelete('set null'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('ends_at', 'text', (c) => c.notNull())
    .addColumn('venue_name', 'text', (c) => c.notNull())
    .addColumn('venue_street', 'text', (c) => c.notNull())
    .addColumn('venue_postal_code', 'text', (c) => c.notNull())
    .addColumn('venue_city', 'text', (c) => c.notNull())
    .addColumn('organisers', 'text', (c) => c.notNull())
    .addColumn('fields_of_action', 'text', (c) => c.notNull())
    .addColumn('visibility', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  // The public list: visible events that are (not) over yet, by time.
  await db.schema.createIndex('event_visibility_ends_idx').on('event').columns(['visibility', 'ends_at']).execute();
  await db.schema.createIndex('event_starts_idx').on('event').column('starts_at').execute();
  await db.schema.createIndex('event_series_idx').on('event').column('series_id').execute();

  await db.schema
    .createTable('person')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('organisation', 'text', (c) => c.notNull())
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('person_name_idx').on('person').column('name').execute();

  await db.schema
    .createTable('event_session')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('event_id', 'text', (c) => c.notNull().references('event.id').onDelete('cascade'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('abstract', 'text', (c) => c.notNull())
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('ends_at', 'text', (c) => c.notNull())
    .addColumn('room', 'text', (c) => c.notNull())
    .addColumn('track', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  // The programme of one event in time order; the overlap check looks up one event's sessions.
  await db.schema.createIndex('event_session_event_starts_idx').on('event_session').columns(['event_id', 'starts_at']).execute();

  // Who moderates or speaks in a session, in the order shown. A person on a programme cannot be
  // deleted (restrict); deleting a session removes its rows.
  await db.schema
    .createTable('event_session_person')
    .addColumn('session_id', 'text', (c) => c.notNull().references('event_session.id').onDelete('cascade'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('person.id').onDelete('restrict'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('event_session_person_pk', ['session_id', 'role', 'person_id'])
    .execute();
  await db.schema.createIndex('event_session_person_person_idx').on('event_session_person').column('person_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('event_session_person').execute();
  await db.schema.dropTable('event_session').execute();
  await db.schema.dropTable('person').execute();
  await db.schema.dropTable('event').execute();
  await db.schema.dropTable('event_series').execute();
}
