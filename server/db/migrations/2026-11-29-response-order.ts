import type { Kysely } from 'kysely';

// Frozen in time: this migration must not change once merged. It uses Kysely<any> on purpose.
// Responses of a wave in id order (keyset paging of exports): with the old (wave_id, channel)
// index every page re-sorted the whole wave. (wave_id, id) serves per-wave counts as well, so it
// replaces the old index rather than adding a third one to every insert.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('response_wave_id_idx').on('response').columns(['wave_id', 'id']).execute();
  await db.schema.dropIndex('response_wave_idx').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('response_wave_idx').on('response').columns(['wave_id', 'channel']).execute();
  await db.schema.dropIndex('response_wave_id_idx').execute();
}
