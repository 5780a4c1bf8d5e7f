import { sql, type Kysely } from 'kysely';

// Frozen in time: this migration must not change once merged. It uses Kysely<any> on purpose.
// Live polls and audience Q&A for a session of an event.
// - One live room per session (`live_room.session_id`), joined by a unique 6-digit code.
//   `revision` grows with every change of what the audience sees (the SSE id).
// - Options of a question are JSON text [{id,label}] with short ids that stay stable while the
//   question is edited; votes and answers refer to those ids.
// - Devices are known only by the SHA-256 hash of their token: no IP, no user agent.
// - One vote per device and question, one upvote per device and audience question (unique keys).

const KINDS = ['single', 'multiple', 'scale', 'words', 'ranking'];
const QUESTION_STATUSES = ['draft', 'open', 'closed'];
const AUDIENCE_STATUSES = ['pending', 'approved', 'answered', 'hidden'];
const inList = (values: string[]) => sql.join(values.map((v) => sql.lit(v)));

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('live_room')
    .addColumn('session_id', 'text', (c) => c.primaryKey().references('event_session.id').onDelete('cascade'))
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('qa_open', 'integer', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('live_question')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('session_id', 'text', (c) => c.notNull().references('live_room.session_id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('prompt', 'text', (c) => c.notNull())
    .addColumn('options', 'text', (c) => c.notNull())
    .addColumn('scale_labels', 'text')
    .addColumn('study_wave_id', 'text')
    .addColumn('study_question_name', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('opened_at', 'text')
    .addColumn('closed_at', 'text')
    // Outcome of the last transfer of the votes into the linked study wave (JSON), or null.
    .addColumn('study_transfer', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addCheckConstraint('live_question_kind_check', sql`kind in (${inList(KINDS)})`)
    .addCheckConstraint('live_question_status_check', sql`status in (${inList(QUESTION_STATUSES)})`)
    .execute();
  await db.schema.createIndex('live_question_session_position_idx').on('live_question').columns(['session_id', 'position']).execute();

  await db.schema
    .createTable('live_vote')
    .addColumn('question_id', 'text', (c) => c.notNull().references('live_question.id').onDelete('cascade'))
    .addColumn('device_hash', 'text', (c) => c.notNull())
    .addColumn('answer', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('live_vote_question_device_unique', ['question_id', 'device_hash'])
    .execute();

  await db.schema
    .createTable('audience_question')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('session_id', 'text', (c) => c.notNull().references('live_room.session_id').onDelete('cascade'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('upvotes', 'integer', (c) => c.notNull())
    .addColumn('device_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addCheckConstraint('audience_question_status_check', sql`status in (${inList(AUDIENCE_STATUSES)})`)
    .execute();
  await db.schema.createIndex('audience_question_session_idx').on('audience_question').columns(['session_id', 'status']).execute();

  await db.schema
    .createTable('audience_upvote')
    .addColumn('question_id', 'text', (c) => c.notNull().references('audience_question.id').onDelete('cascade'))
    .addColumn('device_hash', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('audience_upvote_pk', ['question_id', 'device_hash'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('audience_upvote').execute();
  await db.schema.dropTable('audience_question').execute();
  await db.schema.dropTable('live_vote').execute();
  await db.schema.dropTable('live_question').execute();
  await db.schema.dropTable('live_room').execute();
}
