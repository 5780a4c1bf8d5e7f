import type { Kysely } from 'kysely';

// Frozen in time: this migration must not change once merged. It uses Kysely<any> on purpose.
// Anonymous answers keep no exact time: collected_on and received_on hold the day only.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('study')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisation.id'))
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('questionnaire_version')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('study_id', 'text', (c) => c.notNull().references('study.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('definition', 'text', (c) => c.notNull())
    .addColumn('definition_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('questionnaire_version_study_version_uq', ['study_id', 'version'])
    .execute();

  await db.schema
    .createTable('wave')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('study_id', 'text', (c) => c.notNull().references('study.id').onDelete('cascade'))
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('opens_on', 'text', (c) => c.notNull())
    .addColumn('closes_on', 'text', (c) => c.notNull())
    .addColumn('channels', 'text', (c) => c.notNull())
    .addColumn('consent_de', 'text', (c) => c.notNull())
    .addColumn('consent_en', 'text', (c) => c.notNull())
    .addColumn('districts', 'text', (c) => c.notNull())
    .addColumn('version_id', 'text', (c) => c.notNull().references('questionnaire_version.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();

  await db.schema
    .createTable('response')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('wave_id', 'text', (c) => c.notNull().references('wave.id'))
    .addColumn('version_id', 'text', (c) => c.notNull().references('questionnaire_version.id'))
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('answers', 'text', (c) => c.notNull())
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('collected_on', 'text')
    .addColumn('received_on', 'text', (c) => c.notNull())
    .addColumn('paradata', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('response_wave_idx').on('response').columns(['wave_id', 'channel']).execute();

  await db.schema
    .createTable('response_conflict')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('response_id', 'text', (c) => c.notNull())
    .addColumn('wave_id', 'text', (c) => c.notNull().references('wave.id'))
    .addColumn('version_id', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('answers', 'text', (c) => c.notNull())
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('received_on', 'text', (c) => c.notNull())
    .addColumn('paradata', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('response_conflict_wave_idx').on('response_conflict').column('wave_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['response_conflict', 'response', 'wave', 'questionnaire_version', 'study']) await db.schema.dropTable(t).execute();
}
