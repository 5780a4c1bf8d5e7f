import { SqliteAdapter, sql, type Kysely } from 'kysely';

// Frozen in time: this migration must not change once merged. It uses Kysely<any> on purpose.
// Results of sessions (text, flip-chart photos, next steps) and Bürgerforum notes.
// - Photos live in the database (bytea / blob): the app stays stateless behind a load balancer
//   and backups hold everything. `sha256` (hex) names the bytes in the image address.
// - One result row per session; it is a draft until `published` = 1.
// - Forum note topics are a JSON text array, read with their note.

const STEP_STATUSES = ['offen', 'in_arbeit', 'erledigt'];
const inList = (values: string[]) => sql.join(values.map((v) => sql.lit(v)));

export async function up(db: Kysely<any>): Promise<void> {
  const bytes = db.getExecutor().adapter instanceof SqliteAdapter ? sql`blob` : sql`bytea`;

  await db.schema
    .createTable('session_result')
    .addColumn('session_id', 'text', (c) => c.primaryKey().references('event_session.id').onDelete('cascade'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('published', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('published_at', 'text')
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.references('app_user.id').onDelete('set null'))
    .execute();

  await db.schema
    .createTable('session_result_photo')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('session_id', 'text', (c) => c.notNull().references('event_session.id').onDelete('cascade'))
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('bytes', bytes, (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('width', 'integer')
    .addColumn('height', 'integer')
    .addColumn('alt', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('app_user.id').onDelete('set null'))
    .addCheckConstraint('session_result_photo_type_check', sql`content_type in (${inList(['image/jpeg', 'image/png', 'image/webp'])})`)
    .execute();
  await db.schema.createIndex('session_result_photo_session_idx').on('session_result_photo').columns(['session_id', 'position']).execute();

  await db.schema
    .createTable('session_next_step')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('session_id', 'text', (c) => c.notNull().references('event_session.id').onDelete('cascade'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('due_date', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addCheckConstraint('session_next_step_status_check', sql`status in (${inList(STEP_STATUSES)})`)
    .execute();
  await db.schema.createIndex('session_next_step_session_idx').on('session_next_step').columns(['session_id', 'position']).execute();

  await db.schema
    .createTable('forum_note')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('event_id', 'text', (c) => c.notNull().references('event.id').onDelete('cascade'))
    .addColumn('session_id', 'text', (c) => c.references('event_session.id').onDelete('set null'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('topics', 'text', (c) => c.notNull())
    .addColumn('district', 'text', (c) => c.notNull())
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'text', (c) => c.references('app_user.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('forum_note_event_idx').on('forum_note').columns(['event_id', 'created_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('forum_note').execute();
  await db.schema.dropTable('session_next_step').execute();
  await db.schema.dropTable('session_result_photo').execute();
  await db.schema.dropTable('session_result').execute();
}
