import type SQLite from 'better-sqlite3';
import { sql, type Insertable } from 'kysely';
import type { Db, DbOrTrx } from '../../db/database.ts';
import type { LiveProjectorView } from '../../../contracts/live.ts';
import type { AudienceQuestionTable, LiveQuestionTable, LiveRoomTable } from '../../db/schema.ts';

export type LiveRoomRow = LiveRoomTable;
export type LiveQuestionRow = LiveQuestionTable;
export type AudienceQuestionRow = AudienceQuestionTable;

export async function findRoomByCode(db: DbOrTrx, code: string) {
  return db.selectFrom('live_room').selectAll().where('code', '=', code).executeTakeFirst();
}

export async function findRoom(db: DbOrTrx, sessionId: string) {
  return db.selectFrom('live_room').selectAll().where('session_id', '=', sessionId).executeTakeFirst();
}

/** Inserts the room unless the code is taken; returns whether it did. */
export async function insertRoomIfCodeFree(db: DbOrTrx, row: LiveRoomRow): Promise<boolean> {
  const r = await db
    .insertInto('live_room')
    .values(row)
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
}

export async function setRoomQa(db: DbOrTrx, sessionId: string, qaOpen: boolean): Promise<void> {
  await db
    .updateTable('live_room')
    .set((eb) => ({ qa_open: qaOpen ? 1 : 0, revision: eb('revision', '+', 1) }))
    .where('session_id', '=', sessionId)
    .execute();
}

export async function setRoomProjector(db: DbOrTrx, sessionId: string, projector: LiveProjectorView): Promise<void> {
  await db
    .updateTable('live_room')
    .set((eb) => ({ projector, revision: eb('revision', '+', 1) }))
    .where('session_id', '=', sessionId)
    .execute();
}

/** Every change the audience can see raises the room's revision (the SSE id). */
export async function bumpRevision(db: DbOrTrx, sessionId: string): Promise<void> {
  await db
    .updateTable('live_room')
    .set((eb) => ({ revision: eb('revision', '+', 1) }))
    .where('session_id', '=', sessionId)
    .execute();
}

/** The session and its event, for the room header. */
export async function findSessionHeader(db: DbOrTrx, sessionId: string) {
  return db
    .selectFrom('event_session as s')
    .innerJoin('event as e', 'e.id', 's.event_id')
    .select(['s.id', 's.title', 's.starts_at', 's.ends_at', 's.room', 'e.slug as event_slug', 'e.title as event_title'])
    .where('s.id', '=', sessionId)
    .executeTakeFirst();
}

export async function listQuestions(db: DbOrTrx, sessionId: string) {
  return db.selectFrom('live_question').selectAll().where('session_id', '=', sessionId).orderBy('position').orderBy('id').execute();
}

export async function findQuestion(db: DbOrTrx, id: string) {
  return db.selectFrom('live_question').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function nextPosition(db: DbOrTrx, sessionId: string): Promise<number> {
  const r = await db
    .selectFrom('live_question')
    .select((eb) => eb.fn.max<number | null>('position').as('p'))
    .where('session_id', '=', sessionId)
    .executeTakeFirst();
  return Number(r?.p ?? 0) + 1;
}

export async function insertQuestion(db: DbOrTrx, row: Insertable<LiveQuestionRow>): Promise<void> {
  await db.insertInto('live_question').values(row).execute();
}

/** Sets the columns when the row still has `expectedVersion`; returns whether it did. */
export async function updateQuestion(db: DbOrTrx, id: string, expectedVersion: number, set: Partial<LiveQuestionRow>): Promise<boolean> {
  const r = await db
    .updateTable('live_question')
    .set({ ...set, version: expectedVersion + 1 })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function setStudyTransfer(db: DbOrTrx, id: string, transfer: string): Promise<void> {
  await db.updateTable('live_question').set({ study_transfer: transfer }).where('id', '=', id).execute();
}

export async function deleteQuestionRow(db: DbOrTrx, id: string): Promise<void> {
  await db.deleteFrom('live_question').where('id', '=', id).execute();
}

/** Closes the open questions of a room other than `exceptId`; returns their ids. */
export async function closeOtherOpen(db: DbOrTrx, sessionId: string, exceptId: string, at: string): Promise<string[]> {
  const open = await db
    .selectFrom('live_question')
    .select(['id', 'version'])
    .where('session_id', '=', sessionId)
    .where('status', '=', 'open')
    .where('id', '!=', exceptId)
    .execute();
  for (const q of open) {
    await db
      .updateTable('live_question')
      .set({ status: 'closed', closed_at: at, version: q.version + 1 })
      .where('id', '=', q.id)
      .execute();
  }
  return open.map((q) => q.id);
}

export async function countVotes(db: DbOrTrx, questionId: string): Promise<number> {
  const r = await db
    .selectFrom('live_vote')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('question_id', '=', questionId)
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

/** Votes grouped by identical answer, in the order their answer was first given. */
export async function voteGroups(db: DbOrTrx, questionId: string) {
  const rows = await db
    .selectFrom('live_vote')
    .select(['answer', (eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.min<string>('created_at').as('first')])
    .where('question_id', '=', questionId)
    .groupBy('answer')
    .orderBy('first')
    .orderBy('answer')
    .execute();
  return rows.map((r) => ({ answer: r.answer, n: Number(r.n) }));
}

/** All votes of a question (for the transfer into a study wave): device hash only as a key. */
export async function listVotes(db: DbOrTrx, questionId: string) {
  return db
    .selectFrom('live_vote')
    .select(['device_hash', 'answer', 'created_at'])
    .where('question_id', '=', questionId)
    .orderBy('created_at')
    .orderBy('device_hash')
    .execute();
}

export async function listAudienceQuestions(db: DbOrTrx, sessionId: string) {
  return db
    .selectFrom('audience_question')
    .selectAll()
    .where('session_id', '=', sessionId)
    .orderBy('upvotes', 'desc')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export async function findAudienceQuestion(db: DbOrTrx, id: string) {
  return db.selectFrom('audience_question').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertAudienceQuestion(db: DbOrTrx, row: AudienceQuestionRow): Promise<void> {
  await db.insertInto('audience_question').values(row).execute();
}

export async function setAudienceStatus(db: DbOrTrx, id: string, status: AudienceQuestionRow['status']): Promise<void> {
  await db.updateTable('audience_question').set({ status }).where('id', '=', id).execute();
}

/** One upvote per device: returns false when this device had already upvoted. */
export async function addUpvote(db: DbOrTrx, questionId: string, deviceHash: string): Promise<boolean> {
  const r = await db
    .insertInto('audience_upvote')
    .values({ question_id: questionId, device_hash: deviceHash })
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  if (Number(r.numInsertedOrUpdatedRows ?? 0) !== 1) return false;
  await db
    .updateTable('audience_question')
    .set((eb) => ({ upvotes: eb('upvotes', '+', 1) }))
    .where('id', '=', questionId)
    .execute();
  return true;
}

// --- the vote hot path ---------------------------------------------------------------------

export interface VoteItem {
  questionId: string;
  deviceHash: string;
  /** The normalised answer as JSON. */
  answer: string;
  createdAt: string;
}
/** stored; duplicate: this device had voted already; closed: the question was not open at commit. */
export type VoteStatus = 'stored' | 'duplicate' | 'closed';

/**
 * Writes a group of votes in one transaction, each only while its question is open. PostgreSQL:
 * the group first takes a share lock on its questions, so a question closed concurrently waits
 * for the group and the transfer at closing sees every vote that was accepted.
 */
export async function storeVotesKysely(db: Db, items: VoteItem[]): Promise<VoteStatus[]> {
  return db.transaction().execute(async (trx) => {
    const ids = [...new Set(items.map((i) => i.questionId))];
    const open = new Set(
      (
        await sql<{ id: string }>`select id from live_question where id in (${sql.join(ids)}) and status = 'open' for share`.execute(trx)
      ).rows.map((r) => r.id),
    );
    const out: VoteStatus[] = [];
    for (const item of items) {
      if (!open.has(item.questionId)) {
        out.push('closed');
        continue;
      }
      const r = await trx
        .insertInto('live_vote')
        .values({ question_id: item.questionId, device_hash: item.deviceHash, answer: item.answer, created_at: item.createdAt })
        .onConflict((oc) => oc.columns(['question_id', 'device_hash']).doNothing())
        .executeTakeFirst();
      out.push(Number(r.numInsertedOrUpdatedRows ?? 0) === 1 ? 'stored' : 'duplicate');
    }
    return out;
  });
}

/**
 * The same rules on the embedded database with statements prepared once, run as one synchronous
 * transaction (see study/sqlite-store.ts for why). `after` runs inside the same turn, holding
 * Kysely's connection, so nothing else reads between the commit and what `after` records.
 */
export function sqliteVoteStore(db: Db, sqlite: SQLite.Database) {
  let statements:
    { group: (items: VoteItem[]) => VoteStatus[]; groups: SQLite.Statement<[string], { answer: string; n: number }> } | undefined;
  function prepare() {
    const insert = sqlite.prepare(
      `INSERT INTO live_vote (question_id, device_hash, answer, created_at)
       SELECT @questionId, @deviceHash, @answer, @createdAt
       WHERE EXISTS (SELECT 1 FROM live_question WHERE id = @questionId AND status = 'open')
       ON CONFLICT (question_id, device_hash) DO NOTHING`,
    );
    const isOpen = sqlite.prepare<[string], { n: number }>(`SELECT 1 AS n FROM live_question WHERE id = ? AND status = 'open'`);
    const storeOne = (item: VoteItem): VoteStatus => {
      if (insert.run(item).changes === 1) return 'stored';
      return isOpen.get(item.questionId) ? 'duplicate' : 'closed';
    };
    const groups = sqlite.prepare<[string], { answer: string; n: number }>(
      `SELECT answer, count(*) AS n, min(created_at) AS first FROM live_vote WHERE question_id = ?
       GROUP BY answer ORDER BY first, answer`,
    );
    return { group: sqlite.transaction((items: VoteItem[]) => items.map(storeOne)), groups };
  }
  return {
    store: (items: VoteItem[], after: (items: VoteItem[], statuses: VoteStatus[]) => void): Promise<VoteStatus[]> =>
      db.connection().execute(async () => {
        statements ??= prepare();
        const statuses = statements.group(items);
        after(items, statuses);
        return statuses;
      }),
    /** Reads the grouped votes of a question and hands them to `use` in the same turn. */
    withGroups: <T>(questionId: string, use: (rows: { answer: string; n: number }[]) => T): Promise<T> =>
      db.connection().execute(async () => {
        statements ??= prepare();
        return use(statements.groups.all(questionId));
      }),
  };
}
