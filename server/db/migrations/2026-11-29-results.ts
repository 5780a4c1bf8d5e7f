import type { Kysely } from 'kysely';

// Frozen in time: this migration must not change once merged. It uses Kysely<any> on purpose.
// Results of a wave: population margins set by staff for raking (without a row the shipped
// population table applies) and whether the aggregated results are public.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('wave_margins')
    .addColumn('wave_id', 'text', (c) => c.primaryKey().references('wave.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('licence', 'text', (c) => c.notNull())
    .addColumn('margins', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .alterTable('wave')
    .addColumn('results_published', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('wave').dropColumn('results_published').execute();
  await db.schema.dropTable('wave_margins').execute();
}
