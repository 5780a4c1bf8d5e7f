import type { DbOrTrx } from '../../db/database.ts';
import type { ForumNoteTable } from '../../db/schema.ts';

export type ForumNoteRow = ForumNoteTable;

/** Notes of an event, oldest first, with the display name of the staff member who wrote each. */
export async function listNoteRows(db: DbOrTrx, eventId: string) {
  const rows = await db
    .selectFrom('forum_note')
    .leftJoin('app_user', 'app_user.id', 'forum_note.created_by')
    .selectAll('forum_note')
    .select('app_user.display_name as author')
    .where('forum_note.event_id', '=', eventId)
    .orderBy('forum_note.created_at')
    .orderBy('forum_note.id')
    .execute();
  return rows.map((r) => ({ ...r, topicList: JSON.parse(r.topics) as string[] }));
}
export type NoteListRow = Awaited<ReturnType<typeof listNoteRows>>[number];

export async function findNoteRow(db: DbOrTrx, eventId: string, id: string) {
  return db.selectFrom('forum_note').selectAll().where('id', '=', id).where('event_id', '=', eventId).executeTakeFirst();
}

export async function insertNoteRow(db: DbOrTrx, row: ForumNoteRow): Promise<void> {
  await db.insertInto('forum_note').values(row).execute();
}

/** Sets the columns when the row still has `expectedVersion`; returns whether it did. */
export async function updateNoteRow(db: DbOrTrx, id: string, expectedVersion: number, set: Partial<ForumNoteRow>): Promise<boolean> {
  const r = await db
    .updateTable('forum_note')
    .set({ ...set, version: expectedVersion + 1 })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function deleteNoteRow(db: DbOrTrx, id: string): Promise<void> {
  await db.deleteFrom('forum_note').where('id', '=', id).execute();
}
