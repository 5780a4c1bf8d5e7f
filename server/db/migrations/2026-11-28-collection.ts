import type { Kysely } from 'kysely';

// Frozen in time: this migration must not change once merged. It uses Kysely<any> on purpose.
// Invitation codes know whether they were used, never by which response or when: a used code
// cannot be linked to an answer set. Page reach is a bare counter per wave, channel and page.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('wave')
    .addColumn('invitation_only', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable('invitation')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('wave_id', 'text', (c) => c.notNull().references('wave.id').onDelete('cascade'))
    .addColumn('used', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('invitation_wave_idx').on('invitation').columns(['wave_id', 'seq']).execute();

  await db.schema
    .createTable('page_reach')
    .addColumn('wave_id', 'text', (c) => c.notNull().references('wave.id').onDelete('cascade'))
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('page', 'integer', (c) => c.notNull())
    .addColumn('reached', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('page_reach_pk', ['wave_id', 'channel', 'page'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('page_reach').execute();
  await db.schema.dropTable('invitation').execute();
  await db.schema.alterTable('wave').dropColumn('invitation_only').execute();
}
