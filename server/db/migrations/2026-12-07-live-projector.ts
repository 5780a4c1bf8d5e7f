import type { Kysely } from 'kysely';

// Frozen in time: this migration must not change once merged. It uses Kysely<any> on purpose.
// What the hall's screen of a live room shows — `results` (the poll) or `questions` (the approved
// audience questions) — is part of the room, so the moderator can switch it from another device.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('live_room')
    .addColumn('projector', 'text', (c) => c.notNull().defaultTo('results'))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('live_room').dropColumn('projector').execute();
}
