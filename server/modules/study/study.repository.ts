import type { DbOrTrx } from '../../db/database.ts';
import type { QuestionnaireVersionTable, ResponseTable, StudyTable, WaveTable } from '../../db/schema.ts';

export async function insertStudy(db: DbOrTrx, row: StudyTable): Promise<void> {
  await db.insertInto('study').values(row).execute();
}
export async function findStudyBySlug(db: DbOrTrx, slug: string) {
  return db.selectFrom('study').selectAll().where('slug', '=', slug).executeTakeFirst();
}
export async function insertVersion(db: DbOrTrx, row: QuestionnaireVersionTable): Promise<void> {
  await db.insertInto('questionnaire_version').values(row).execute();
}
export async function findVersion(db: DbOrTrx, id: string) {
  return db.selectFrom('questionnaire_version').selectAll().where('id', '=', id).executeTakeFirst();
}
export async function insertWave(db: DbOrTrx, row: WaveTable): Promise<void> {
  await db.insertInto('wave').values(row).execute();
}
export async function findWaveByCode(db: DbOrTrx, code: string) {
  return db
    .selectFrom('wave')
    .innerJoin('study', 'study.id', 'wave.study_id')
    .selectAll('wave')
    .select(['study.title as study_title'])
    .where('wave.code', '=', code)
    .executeTakeFirst();
}

/** Stores the response unless its id exists; returns whether this call stored it. */
export async function insertResponseIfNew(db: DbOrTrx, row: ResponseTable): Promise<boolean> {
  const r = await db
    .insertInto('response')
    .values(row)
    .onConflict((oc) => oc.column('id').doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0n) === 1;
}
export async function findResponseHash(db: DbOrTrx, id: string) {
  return db.selectFrom('response').select(['content_hash', 'wave_id']).where('id', '=', id).executeTakeFirst();
}
export async function insertConflict(db: DbOrTrx, row: ResponseTable & { response_id: string }): Promise<void> {
  const { collected_on: _c, ...rest } = row;
  await db.insertInto('response_conflict').values(rest).execute();
}
export async function countResponses(db: DbOrTrx, waveId: string): Promise<number> {
  const r = await db
    .selectFrom('response')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('wave_id', '=', waveId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Marks an unused invitation code of the wave as used; false when unknown or already used. */
export async function useInvitation(db: DbOrTrx, waveId: string, code: string): Promise<boolean> {
  const r = await db
    .updateTable('invitation')
    .set({ used: 1 })
    .where('code', '=', code)
    .where('wave_id', '=', waveId)
    .where('used', '=', 0)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
