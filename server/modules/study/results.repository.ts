import type { DbOrTrx } from '../../db/database.ts';
import type { WaveMarginsTable } from '../../db/schema.ts';

/** Staff-set population margins of a wave, or undefined when the shipped table applies. */
export async function findWaveMarginsRow(db: DbOrTrx, waveId: string) {
  return db.selectFrom('wave_margins').selectAll().where('wave_id', '=', waveId).executeTakeFirst();
}

export async function upsertWaveMarginsRow(db: DbOrTrx, row: WaveMarginsTable): Promise<void> {
  await db
    .insertInto('wave_margins')
    .values(row)
    .onConflict((oc) =>
      oc.column('wave_id').doUpdateSet({
        title: row.title,
        source: row.source,
        licence: row.licence,
        margins: row.margins,
        updated_at: row.updated_at,
      }),
    )
    .execute();
}

export async function setResultsPublishedFlag(db: DbOrTrx, waveId: string, published: boolean, now: string): Promise<void> {
  await db
    .updateTable('wave')
    .set({ results_published: published ? 1 : 0, updated_at: now })
    .where('id', '=', waveId)
    .execute();
}

/** Changes whenever a response of the wave is added or removed: the key of the in-process column cache. */
export async function responseStamp(db: DbOrTrx, waveId: string): Promise<{ count: number; lastReceivedOn: string | null }> {
  const r = await db
    .selectFrom('response')
    .select((eb) => [eb.fn.countAll<number | string>().as('n'), eb.fn.max<string | null>('received_on').as('last')])
    .where('wave_id', '=', waveId)
    .executeTakeFirst();
  return { count: Number(r?.n ?? 0), lastReceivedOn: r?.last ?? null };
}

/** The latest earlier wave of the same study that has responses: the comparison of 'change vs previous wave'. */
export async function previousWaveWithResponses(db: DbOrTrx, studyId: string, opensOn: string) {
  return db
    .selectFrom('wave')
    .selectAll('wave')
    .where('wave.study_id', '=', studyId)
    .where('wave.opens_on', '<', opensOn)
    .where((eb) => eb.exists(eb.selectFrom('response').select('response.id').whereRef('response.wave_id', '=', 'wave.id')))
    .orderBy('wave.opens_on', 'desc')
    .executeTakeFirst();
}
