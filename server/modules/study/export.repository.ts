import type { DbOrTrx } from '../../db/database.ts';

/** Definitions of every questionnaire version the wave has answers for, plus its current one. */
export async function versionsOfWave(db: DbOrTrx, waveId: string, currentVersionId: string) {
  const used = await db.selectFrom('response').select('version_id').distinct().where('wave_id', '=', waveId).execute();
  const ids = [...new Set([currentVersionId, ...used.map((u) => u.version_id)])];
  return db.selectFrom('questionnaire_version').select(['id', 'version', 'definition']).where('id', 'in', ids).orderBy('version').execute();
}

/** One page of a wave's responses in id order, after `afterId` (keyset paging: constant memory). */
export async function responsePage(db: DbOrTrx, waveId: string, afterId: string, limit: number) {
  return db
    .selectFrom('response')
    .select(['id', 'channel', 'received_on', 'collected_on', 'answers'])
    .where('wave_id', '=', waveId)
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** Number of responses of a wave. */
export async function countResponses(db: DbOrTrx, waveId: string): Promise<number> {
  const row = await db
    .selectFrom('response')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('wave_id', '=', waveId)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Title of the study a wave belongs to. */
export async function studyTitle(db: DbOrTrx, studyId: string): Promise<string> {
  const row = await db.selectFrom('study').select('title').where('id', '=', studyId).executeTakeFirst();
  return row?.title ?? '';
}
