import type {
  AdminLiveQuestion,
  AdminLiveRoom,
  AudienceQuestion,
  LiveAnswer,
  LiveOption,
  PublicLiveQuestion,
  PublicLiveRoom,
} from '../../../contracts/live.ts';
import type { AppContext } from '../../context.ts';
import { berlin } from './berlin-time.ts';
import { addAnswer, emptyTally, presentResults, type Tally } from './live-results.ts';
import {
  findRoom,
  findRoomByCode,
  findSessionHeader,
  listAudienceQuestions,
  listQuestions,
  sqliteVoteStore,
  voteGroups,
  type AudienceQuestionRow,
  type LiveQuestionRow,
  type LiveRoomRow,
  type VoteItem,
  type VoteStatus,
} from './live.repository.ts';

export interface QuestionState {
  row: LiveQuestionRow;
  options: LiveOption[];
  optionIds: string[];
  scaleLabels: { min: string; max: string } | null;
}

export interface RoomState {
  room: LiveRoomRow;
  header: Omit<PublicLiveRoom, 'current' | 'questions' | 'revision'>;
  questions: QuestionState[];
  audience: AudienceQuestionRow[];
}

export function questionState(row: LiveQuestionRow): QuestionState {
  const options = JSON.parse(row.options) as LiveOption[];
  return {
    row,
    options,
    optionIds: options.map((o) => o.id),
    scaleLabels: row.scale_labels ? (JSON.parse(row.scale_labels) as { min: string; max: string }) : null,
  };
}

const presentAudience = (a: AudienceQuestionRow): AudienceQuestion => ({
  id: a.id,
  text: a.text,
  status: a.status,
  upvotes: a.upvotes,
  createdAt: a.created_at,
});

function presentPublicQuestion(q: QuestionState): PublicLiveQuestion {
  return { id: q.row.id, kind: q.row.kind, prompt: q.row.prompt, options: q.options, scaleLabels: q.scaleLabels, status: q.row.status };
}

/**
 * What the live rooms of this process hold in memory: room state per session (read from the
 * database, forgotten on every change), the code → session map, and the running tallies of
 * questions. On SQLite one process writes, so a tally is seeded once and then grows with every
 * committed vote inside the same turn as the commit; on PostgreSQL several instances write, so a
 * room's tallies are dropped on every change notification and seeded anew (grouped by answer).
 */
export function createLiveState(ctx: AppContext) {
  const rooms = new Map<string, Promise<RoomState | null>>();
  const codes = new Map<string, string>();
  const tallies = new Map<string, Tally>();
  const seeding = new Map<string, Promise<Tally>>();
  /** Question ids with a tally, per session (PostgreSQL drops them per room). */
  const tallied = new Map<string, Set<string>>();
  const sqliteStore = ctx.sqlite ? sqliteVoteStore(ctx.db, ctx.sqlite) : null;

  async function load(sessionId: string): Promise<RoomState | null> {
    // One snapshot: the revision must describe exactly the questions read with it.
    const begin = ctx.db.transaction();
    // SQLite has one writer and serialisable transactions anyway.
    const read = await (ctx.dialect === 'postgres' ? begin.setIsolationLevel('repeatable read') : begin).execute(async (trx) => {
      const room = await findRoom(trx, sessionId);
      const header = await findSessionHeader(trx, sessionId);
      if (!room || !header) return null;
      return { room, header, questions: await listQuestions(trx, sessionId), audience: await listAudienceQuestions(trx, sessionId) };
    });
    if (!read) return null;
    const { room, header, questions, audience } = read;
    codes.set(room.code, sessionId);
    return {
      room,
      header: {
        code: room.code,
        joinUrl: `${ctx.config.publicUrl}/live/${room.code}`,
        session: {
          id: header.id,
          title: header.title,
          startsAt: berlin(header.starts_at).iso,
          endsAt: berlin(header.ends_at).iso,
          room: header.room,
        },
        event: { slug: header.event_slug, title: header.event_title },
        qaOpen: room.qa_open === 1,
      },
      questions: questions.map(questionState),
      audience,
    };
  }

  function room(sessionId: string): Promise<RoomState | null> {
    let p = rooms.get(sessionId);
    if (!p) {
      p = load(sessionId);
      rooms.set(sessionId, p);
      const mine = p;
      p.catch(() => {
        if (rooms.get(sessionId) === mine) rooms.delete(sessionId);
      });
    }
    return p;
  }

  async function sessionOfCode(code: string): Promise<string | null> {
    const known = codes.get(code);
    if (known) return known;
    const row = await findRoomByCode(ctx.db, code);
    if (!row) return null;
    codes.set(code, row.session_id);
    return row.session_id;
  }

  function tallyFrom(kind: QuestionState['row']['kind'], groups: { answer: string; n: number }[]): Tally {
    const t = emptyTally(kind);
    for (const g of groups) addAnswer(t, JSON.parse(g.answer) as LiveAnswer, Number(g.n));
    return t;
  }

  /** Bumped whenever a question's tally is dropped: a seeding that started before must not install. */
  const generation = new Map<string, number>();
  function forget(id: string): void {
    tallies.delete(id);
    seeding.delete(id);
    generation.set(id, (generation.get(id) ?? 0) + 1);
  }

  async function tally(q: QuestionState): Promise<Tally> {
    const id = q.row.id;
    const have = tallies.get(id);
    if (have && have.kind === q.row.kind) return have;
    let p = seeding.get(id);
    if (!p) {
      const gen = generation.get(id) ?? 0;
      const install = (t: Tally) => {
        if ((generation.get(id) ?? 0) !== gen) return t;
        tallies.set(id, t);
        tallied.set(q.row.session_id, (tallied.get(q.row.session_id) ?? new Set<string>()).add(id));
        return t;
      };
      p = sqliteStore
        ? sqliteStore.withGroups(id, (rows) => install(tallyFrom(q.row.kind, rows)))
        : voteGroups(ctx.db, id).then((rows) => install(tallyFrom(q.row.kind, rows)));
      const mine = p;
      const done = () => {
        if (seeding.get(id) === mine) seeding.delete(id);
      };
      p.then(done, done);
      seeding.set(id, p);
    }
    return p;
  }

  return {
    room,
    sessionOfCode,

    /** Forgets the room's cached state (`structural`), and on PostgreSQL its tallies too. */
    refresh(sessionId: string, structural: boolean): void {
      if (structural || !sqliteStore) rooms.delete(sessionId);
      if (!sqliteStore) {
        for (const id of tallied.get(sessionId) ?? []) forget(id);
        tallied.delete(sessionId);
      }
    },

    /** Drops the tally of a question whose options or votes changed outside the vote path. */
    forgetTally: forget,

    /**
     * After votes were committed on PostgreSQL: their question is counted anew on next use (on
     * SQLite the tally already grew in the commit's turn).
     */
    votesCommitted(questionId: string): void {
      if (!sqliteStore) forget(questionId);
    },

    /** Stores a group of votes on SQLite and counts the stored ones in the same turn. */
    sqliteStore: sqliteStore
      ? (items: VoteItem[]): Promise<VoteStatus[]> =>
          sqliteStore.store(items, (stored, statuses) => {
            stored.forEach((item, i) => {
              if (statuses[i] !== 'stored') return;
              const t = tallies.get(item.questionId);
              if (t) addAnswer(t, JSON.parse(item.answer) as LiveAnswer);
            });
          })
      : null,

    publicRoom(s: RoomState): PublicLiveRoom {
      const open = s.questions.find((q) => q.row.status === 'open');
      return {
        ...s.header,
        current: open ? presentPublicQuestion(open) : null,
        questions: s.audience.filter((a) => a.status === 'approved' || a.status === 'answered').map(presentAudience),
        revision: s.room.revision,
      };
    },

    async adminRoom(s: RoomState): Promise<AdminLiveRoom> {
      const questions: AdminLiveQuestion[] = [];
      for (const q of s.questions) {
        const results = presentResults(q.row.kind, q.options, await tally(q));
        questions.push({
          ...presentPublicQuestion(q),
          position: q.row.position,
          studyLink:
            q.row.study_wave_id && q.row.study_question_name
              ? { waveId: q.row.study_wave_id, questionName: q.row.study_question_name }
              : null,
          openedAt: q.row.opened_at,
          closedAt: q.row.closed_at,
          version: q.row.version,
          results,
          studyTransfer: q.row.study_transfer ? (JSON.parse(q.row.study_transfer) as AdminLiveQuestion['studyTransfer']) : null,
        });
      }
      const projector = s.room.projector === 'questions' ? 'questions' : 'results';
      return { ...s.header, projector, questions, audienceQuestions: s.audience.map(presentAudience), revision: s.room.revision };
    },
  };
}
export type LiveState = ReturnType<typeof createLiveState>;
