import { sql } from 'kysely';
import type { DbOrTrx } from '../../db/database.ts';
import type { InvitationTable } from '../../db/schema.ts';

export async function listStudyRows(db: DbOrTrx) {
  return db
    .selectFrom('study')
    .innerJoin('organisation', 'organisation.id', 'study.organisation_id')
    .selectAll('study')
    .select(['organisation.name as organisation_name'])
    .orderBy('study.created_at', 'desc')
    .execute();
}

export async function findStudyRow(db: DbOrTrx, id: string) {
  return db
    .selectFrom('study')
    .innerJoin('organisation', 'organisation.id', 'study.organisation_id')
    .selectAll('study')
    .select(['organisation.name as organisation_name'])
    .where('study.id', '=', id)
    .executeTakeFirst();
}

export async function listVersionRows(db: DbOrTrx, studyId: string) {
  return db.selectFrom('questionnaire_version').selectAll().where('study_id', '=', studyId).orderBy('version', 'desc').execute();
}

export async function maxVersion(db: DbOrTrx, studyId: string): Promise<number> {
  const r = await db
    .selectFrom('questionnaire_version')
    .select((eb) => eb.fn.max<number>('version').as('v'))
    .where('study_id', '=', studyId)
    .executeTakeFirst();
  return Number(r?.v ?? 0);
}

export async function listWaveRows(db: DbOrTrx, studyId?: string) {
  let q = db.selectFrom('wave').selectAll();
  if (studyId) q = q.where('study_id', '=', studyId);
  return q.orderBy('opens_on', 'desc').orderBy('created_at', 'desc').execute();
}

export async function findWaveRow(db: DbOrTrx, id: string) {
  return db.selectFrom('wave').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Complete responses per wave, per version or per study (one grouped query each). */
export async function responseCountsBy(db: DbOrTrx, column: 'wave_id' | 'version_id'): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('response')
    .select([column, (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy(column)
    .execute();
  return new Map(rows.map((r) => [(r as unknown as Record<string, string>)[column]!, Number(r.n)]));
}

export async function channelCounts(db: DbOrTrx, waveId: string, today: string) {
  return db
    .selectFrom('response')
    .select([
      'channel',
      (eb) => eb.fn.countAll<number>().as('complete'),
      (eb) => eb.fn.sum<number>(eb.case().when('received_on', '=', today).then(1).else(0).end()).as('today'),
    ])
    .where('wave_id', '=', waveId)
    .groupBy('channel')
    .execute();
}

export async function pageReachRows(db: DbOrTrx, waveId: string) {
  return db
    .selectFrom('page_reach')
    .select(['page', (eb) => eb.fn.sum<number>('reached').as('reached')])
    .where('wave_id', '=', waveId)
    .groupBy('page')
    .execute();
}

export async function countConflicts(db: DbOrTrx, waveId: string): Promise<number> {
  const r = await db
    .selectFrom('response_conflict')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('wave_id', '=', waveId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function invitationCounts(db: DbOrTrx, waveId: string) {
  const r = await db
    .selectFrom('invitation')
    .select([(eb) => eb.fn.countAll<number>().as('total'), (eb) => eb.fn.sum<number>('used').as('used')])
    .where('wave_id', '=', waveId)
    .executeTakeFirstOrThrow();
  return { total: Number(r.total), used: Number(r.used ?? 0) };
}

export async function listInvitationRows(db: DbOrTrx, waveId: string) {
  return db.selectFrom('invitation').select(['code', 'used']).where('wave_id', '=', waveId).orderBy('seq').execute();
}

export async function maxInvitationSeq(db: DbOrTrx, waveId: string): Promise<number> {
  const r = await db
    .selectFrom('invitation')
    .select((eb) => eb.fn.max<number>('seq').as('s'))
    .where('wave_id', '=', waveId)
    .executeTakeFirst();
  return Number(r?.s ?? 0);
}

export async function insertInvitations(db: DbOrTrx, rows: InvitationTable[]): Promise<void> {
  // 4 parameters per row: stay well below SQLite's limit of bound parameters per statement.
  for (let i = 0; i < rows.length; i += 500)
    await db
      .insertInto('invitation')
      .values(rows.slice(i, i + 500))
      .execute();
}

export async function findInvitation(db: DbOrTrx, waveId: string, code: string) {
  return db.selectFrom('invitation').select(['used']).where('wave_id', '=', waveId).where('code', '=', code).executeTakeFirst();
}

/** Counts one more respondent on a page; the same statement works on SQLite and PostgreSQL. */
export async function bumpPageReach(db: DbOrTrx, waveId: string, channel: string, page: number): Promise<void> {
  await db
    .insertInto('page_reach')
    .values({ wave_id: waveId, channel, page, reached: 1 })
    .onConflict((oc) => oc.columns(['wave_id', 'channel', 'page']).doUpdateSet({ reached: sql<number>`page_reach.reached + 1` }))
    .execute();
}

/**
 * Open answers of one wave. Answers are stored as canonical JSON, so a text answer to `name`
 * contains `"name":"`; that prefilter keeps the scan to the responses that answered it.
 */
export async function responsesMentioning(db: DbOrTrx, waveId: string, names: string[]) {
  const escape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
  return db
    .selectFrom('response')
    .select(['answers', 'received_on', 'channel'])
    .where('wave_id', '=', waveId)
    .where((eb) => eb.or(names.map((n) => sql<boolean>`${eb.ref('answers')} like ${`%"${escape(n)}":"%`} escape '\\'`)))
    .orderBy('received_on', 'desc')
    .orderBy('id')
    .execute();
}
