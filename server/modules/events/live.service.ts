import { randomInt, randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { sql } from 'kysely';
import type {
  AdminLiveQuestion,
  AdminLiveRoom,
  AudienceQuestion,
  EnableLiveBody,
  LiveAskBody,
  LiveOption,
  LiveQuestionBody,
  LiveQuestionStatusBody,
  LiveUpvoteBody,
  LiveVoteBody,
  ModerateAudienceQuestionBody,
  PublicLiveRoom,
  UpdateLiveQuestionBody,
} from '../../../contracts/live.ts';
import type { AppContext } from '../../context.ts';
import type { Dialect } from '../../db/database.ts';
import { GroupCommitter } from '../../db/group-commit.ts';
import { AppError } from '../../errors.ts';
import { authorize, can, type Actor } from '../../policies.ts';
import type { AuditService } from '../audit/index.ts';
import type { ResponseService, StudyAdminService } from '../study/index.ts';
import { deviceHash, issueDeviceToken, WindowLimiter } from './live-device.ts';
import { inProcessBus, LIVE_CHANNEL, LiveHub, postgresBus, sseMessage, type LiveBus, type StreamKind } from './live-hub.ts';
import { checkBody, liveResultsCsv, questionColumns } from './live-questions.ts';
import { normaliseAnswer } from './live-results.ts';
import { createLiveState, questionState, type QuestionState, type RoomState } from './live-state.ts';
import { createLiveStudyLink } from './live-study.ts';
import {
  addUpvote,
  bumpRevision,
  closeOtherOpen,
  countVotes,
  deleteQuestionRow,
  findAudienceQuestion,
  findQuestion,
  findRoom,
  findSessionHeader,
  insertAudienceQuestion,
  insertQuestion,
  insertRoomIfCodeFree,
  listVotes,
  nextPosition,
  setAudienceStatus,
  setRoomProjector,
  setRoomQa,
  setStudyTransfer,
  storeVotesKysely,
  updateQuestion,
  type VoteItem,
  type VoteStatus,
} from './live.repository.ts';

/** Votes, questions and upvotes one device may send per window. */
export const DEVICE_LIMIT = { max: 30, windowMs: 10_000 } as const;
const IP_WINDOW_MS = 10 * 60_000;

/**
 * Live polls and audience Q&A of a session. Staff (admin or partner staff) prepare, open and
 * close questions and moderate; the audience joins by code with an anonymous device token. Votes
 * are committed in groups (one transaction for all that arrived together) and counted in memory;
 * every committed change reaches the room's streams through the hub, coalesced per room.
 */
export function createLiveService(
  ctx: AppContext,
  deps: { audit: AuditService; responses: ResponseService; studyAdmin: StudyAdminService },
) {
  const now = () => ctx.clock().toISOString();
  const state = createLiveState(ctx);
  const study = createLiveStudyLink(deps);
  const hub = new LiveHub(
    {
      refresh: (id, structural) => state.refresh(id, structural),
      build: async (id, kind) => {
        const s = await state.room(id);
        if (!s) return null;
        const room = kind === 'public' ? state.publicRoom(s) : await state.adminRoom(s);
        return { revision: s.room.revision, json: JSON.stringify(room) };
      },
    },
    ctx.log,
  );
  const local = inProcessBus((id, structural) => hub.changed(id, structural));
  let remote: LiveBus | null = null;
  const deviceLimiter = new WindowLimiter(DEVICE_LIMIT.max, DEVICE_LIMIT.windowMs);
  const ipLimiter = new WindowLimiter(ctx.config.live.deviceLimitPerIp, IP_WINDOW_MS);
  const committer = new GroupCommitter<VoteItem, VoteStatus>(state.sqliteStore ?? ((items) => storeVotesKysely(ctx.db, items)));

  /** After a commit: this process's streams, and on PostgreSQL every other instance too. */
  function committed(sessionId: string, structural: boolean): void {
    if (structural) state.refresh(sessionId, true);
    local.publish(sessionId, structural);
    remote?.publish(sessionId, structural);
  }

  async function roomOf(sessionId: string): Promise<RoomState> {
    const s = await state.room(sessionId);
    if (!s) throw new AppError('live.not_enabled');
    return s;
  }

  async function roomByCode(code: string): Promise<RoomState> {
    const sessionId = await state.sessionOfCode(code);
    const s = sessionId ? await state.room(sessionId) : null;
    if (!s) throw new AppError('live.not_found');
    return s;
  }

  /** The device behind a token, counted against its limit. */
  function device(token: string): string {
    const hash = deviceHash(ctx.config.sessionSecret, token);
    if (!hash) throw new AppError('live.device_invalid');
    const wait = deviceLimiter.hit(hash);
    if (wait > 0) throw new AppError('live.rate_limited', { headers: { 'retry-after': String(wait) } });
    return hash;
  }

  async function staffQuestion(actor: Actor | null, id: string) {
    authorize(actor, can.manageEvents(actor));
    const row = await findQuestion(ctx.db, id);
    if (!row) throw new AppError('live.question_not_found');
    return { actor, row };
  }

  async function adminQuestion(sessionId: string, id: string): Promise<AdminLiveQuestion> {
    state.refresh(sessionId, true);
    const room = await state.adminRoom(await roomOf(sessionId));
    const q = room.questions.find((x) => x.id === id);
    if (!q) throw new AppError('live.question_not_found');
    return q;
  }

  async function checkLink(actor: Actor, body: LiveQuestionBody, options: LiveOption[]): Promise<void> {
    if (body.studyLink) await study.target(actor, body.kind, options, body.studyLink.waveId, body.studyLink.questionName);
  }

  /** Stores the votes of a closed, linked question in its wave and records the outcome. */
  async function transfer(actor: Actor, q: QuestionState): Promise<void> {
    if (!q.row.study_wave_id || !q.row.study_question_name) return;
    const votes = await listVotes(ctx.db, q.row.id);
    const outcome = await study.transfer(
      actor,
      {
        id: q.row.id,
        kind: q.row.kind,
        options: q.options,
        waveId: q.row.study_wave_id,
        name: q.row.study_question_name,
        sessionId: q.row.session_id,
      },
      votes,
    );
    await setStudyTransfer(ctx.db, q.row.id, JSON.stringify({ ...outcome, at: now() }));
    if (outcome.status === 'failed') ctx.log.warn({ questionId: q.row.id }, 'live votes not transferred to the study');
  }

  return {
    /** Starts listening for changes of other instances (PostgreSQL); the HTTP app calls it once. */
    async start(database: { dialect: Dialect; url?: string | undefined }): Promise<void> {
      if (database.dialect !== 'postgres' || !database.url || remote) return;
      remote = postgresBus({
        url: database.url,
        notify: async (id) => void (await sql`select pg_notify(${LIVE_CHANNEL}, ${id})`.execute(ctx.db)),
        onChange: (id) => hub.changed(id, true),
        onReconnect: () => hub.changedAll(),
        log: ctx.log,
      });
      await remote.start();
    },

    /** Ends all streams and the listener (shutdown). */
    async stop(): Promise<void> {
      hub.close();
      await remote?.close();
      remote = null;
    },

    /** Open streams of this process. */
    get connections(): number {
      return hub.connections;
    },

    // --- staff ---------------------------------------------------------------------------------

    async enable(actor: Actor | null, sessionId: string, body: EnableLiveBody): Promise<AdminLiveRoom> {
      authorize(actor, can.manageEvents(actor));
      if (!(await findSessionHeader(ctx.db, sessionId))) throw new AppError('event_session.not_found');
      let room = await findRoom(ctx.db, sessionId);
      for (let attempt = 0; !room && attempt < 50; attempt++) {
        const code = String(randomInt(100_000, 1_000_000));
        await insertRoomIfCodeFree(ctx.db, {
          session_id: sessionId,
          code,
          qa_open: body.qaOpen ? 1 : 0,
          projector: body.projector ?? 'results',
          revision: 1,
          created_at: now(),
        });
        room = await findRoom(ctx.db, sessionId);
      }
      if (!room) throw new Error('no free live code');
      if ((room.qa_open === 1) !== body.qaOpen) await setRoomQa(ctx.db, sessionId, body.qaOpen);
      if (body.projector && body.projector !== room.projector) await setRoomProjector(ctx.db, sessionId, body.projector);
      committed(sessionId, true);
      state.refresh(sessionId, true);
      return state.adminRoom(await roomOf(sessionId));
    },

    async adminRoom(actor: Actor | null, sessionId: string): Promise<AdminLiveRoom> {
      authorize(actor, can.manageEvents(actor));
      return state.adminRoom(await roomOf(sessionId));
    },

    async createQuestion(actor: Actor | null, sessionId: string, body: LiveQuestionBody): Promise<AdminLiveQuestion> {
      authorize(actor, can.manageEvents(actor));
      await roomOf(sessionId);
      const { options, scaleLabels } = checkBody(body);
      await checkLink(actor, body, options);
      const id = randomUUID();
      await ctx.db.transaction().execute(async (trx) => {
        await insertQuestion(trx, {
          id,
          session_id: sessionId,
          position: await nextPosition(trx, sessionId),
          ...questionColumns(body, options, scaleLabels),
          status: 'draft',
          opened_at: null,
          closed_at: null,
          study_transfer: null,
          version: 1,
          created_at: now(),
        });
        await bumpRevision(trx, sessionId);
      });
      committed(sessionId, true);
      return adminQuestion(sessionId, id);
    },

    async updateQuestion(actor: Actor | null, id: string, body: UpdateLiveQuestionBody): Promise<AdminLiveQuestion> {
      const { actor: a, row } = await staffQuestion(actor, id);
      if (row.version !== body.version) throw new AppError('live.version_conflict');
      if (row.status !== 'draft' || (await countVotes(ctx.db, id)) > 0) throw new AppError('live.question_locked');
      const { options, scaleLabels } = checkBody(body, JSON.parse(row.options) as LiveOption[]);
      await checkLink(a, body, options);
      await ctx.db.transaction().execute(async (trx) => {
        const ok = await updateQuestion(trx, id, body.version, questionColumns(body, options, scaleLabels));
        if (!ok) throw new AppError('live.version_conflict');
        await bumpRevision(trx, row.session_id);
      });
      state.forgetTally(id);
      committed(row.session_id, true);
      return adminQuestion(row.session_id, id);
    },

    /** Drafts and closed questions without votes; a question with votes stays (its results count). */
    async deleteQuestion(actor: Actor | null, id: string): Promise<void> {
      const { row } = await staffQuestion(actor, id);
      if ((await countVotes(ctx.db, id)) > 0) throw new AppError('live.question_has_votes');
      if (row.status === 'open') throw new AppError('live.question_locked');
      await ctx.db.transaction().execute(async (trx) => {
        await deleteQuestionRow(trx, id);
        await bumpRevision(trx, row.session_id);
      });
      state.forgetTally(id);
      committed(row.session_id, true);
    },

    /**
     * Opens (closing the room's other open question) or closes a question; closed → open opens it
     * again. Closing a linked question stores its votes in the study wave; closing a closed one
     * again repeats that transfer (nothing is stored twice).
     */
    async setStatus(actor: Actor | null, id: string, body: LiveQuestionStatusBody): Promise<AdminLiveQuestion> {
      const { actor: a, row } = await staffQuestion(actor, id);
      if (row.version !== body.version) throw new AppError('live.version_conflict');
      const at = now();
      let closedOthers: string[] = [];
      if (body.status !== row.status) {
        if (body.status === 'draft') throw new AppError('live.question_locked');
        await ctx.db.transaction().execute(async (trx) => {
          if (body.status === 'open') closedOthers = await closeOtherOpen(trx, row.session_id, id, at);
          const ok = await updateQuestion(
            trx,
            id,
            body.version,
            body.status === 'open' ? { status: 'open', opened_at: at, closed_at: null } : { status: 'closed', closed_at: at },
          );
          if (!ok) throw new AppError('live.version_conflict');
          await bumpRevision(trx, row.session_id);
          const entries = [
            ...closedOthers.map((qid) => ({ qid, action: 'live.question_closed' as const })),
            { qid: id, action: body.status === 'open' ? ('live.question_opened' as const) : ('live.question_closed' as const) },
          ];
          for (const { qid, action } of entries) {
            await deps.audit.record(
              { action, actorId: a.userId, targetType: 'live_question', targetId: qid, details: { session: row.session_id } },
              trx,
            );
          }
        });
        committed(row.session_id, true);
      }
      const closedNow = body.status === 'closed' ? [id, ...closedOthers] : closedOthers;
      for (const qid of closedNow) {
        const fresh = await findQuestion(ctx.db, qid);
        if (fresh?.status === 'closed') await transfer(a, questionState(fresh));
      }
      if (closedNow.length > 0) committed(row.session_id, true);
      return adminQuestion(row.session_id, id);
    },

    async moderate(actor: Actor | null, id: string, body: ModerateAudienceQuestionBody): Promise<AudienceQuestion> {
      authorize(actor, can.manageEvents(actor));
      const row = await findAudienceQuestion(ctx.db, id);
      if (!row) throw new AppError('live.audience_question_not_found');
      if (row.status !== body.status) {
        await ctx.db.transaction().execute(async (trx) => {
          await setAudienceStatus(trx, id, body.status);
          await bumpRevision(trx, row.session_id);
        });
        committed(row.session_id, true);
      }
      return { id: row.id, text: row.text, status: body.status, upvotes: row.upvotes, createdAt: row.created_at };
    },

    /** CSV: one row per question × option / value / word, with counts (formula-safe). */
    async exportCsv(actor: Actor | null, sessionId: string): Promise<{ filename: string; body: string }> {
      authorize(actor, can.manageEvents(actor));
      const s = await roomOf(sessionId);
      const room = await state.adminRoom(s);
      const body = liveResultsCsv(room);
      return { filename: `live-ergebnisse-${s.header.code}.csv`, body };
    },

    // --- audience ------------------------------------------------------------------------------

    async publicRoom(code: string): Promise<PublicLiveRoom> {
      return state.publicRoom(await roomByCode(code));
    },

    async issueDevice(code: string, address: string): Promise<{ deviceToken: string }> {
      await roomByCode(code);
      const wait = ipLimiter.hit(address);
      if (wait > 0) throw new AppError('live.rate_limited', { headers: { 'retry-after': String(wait) } });
      return { deviceToken: issueDeviceToken(ctx.config.sessionSecret) };
    },

    async vote(code: string, questionId: string, body: LiveVoteBody): Promise<{ accepted: true }> {
      const s = await roomByCode(code);
      const hash = device(body.deviceToken);
      const q = s.questions.find((x) => x.row.id === questionId);
      if (!q) throw new AppError('live.question_not_found');
      if (q.row.status !== 'open') throw new AppError('live.question_closed');
      const answer = normaliseAnswer(q.row.kind, q.optionIds, body.answer);
      if (!answer) throw new AppError('live.answer_invalid');
      const status = await committer.add({ questionId, deviceHash: hash, answer: JSON.stringify(answer), createdAt: now() });
      if (status === 'duplicate') throw new AppError('live.already_voted');
      if (status === 'closed') throw new AppError('live.question_closed');
      state.votesCommitted(questionId);
      committed(s.room.session_id, false);
      return { accepted: true };
    },

    async ask(code: string, body: LiveAskBody): Promise<{ status: 'pending' }> {
      const s = await roomByCode(code);
      const hash = device(body.deviceToken);
      if (!s.header.qaOpen) throw new AppError('live.qa_closed');
      await insertAudienceQuestion(ctx.db, {
        id: randomUUID(),
        session_id: s.room.session_id,
        text: body.text,
        status: 'pending',
        upvotes: 0,
        device_hash: hash,
        created_at: now(),
      });
      // Pending questions are seen by staff only: the audience's room (and its revision) stays.
      committed(s.room.session_id, true);
      return { status: 'pending' };
    },

    async upvote(code: string, questionId: string, body: LiveUpvoteBody): Promise<{ upvotes: number }> {
      const s = await roomByCode(code);
      const hash = device(body.deviceToken);
      const row = await findAudienceQuestion(ctx.db, questionId);
      if (!row || row.session_id !== s.room.session_id || (row.status !== 'approved' && row.status !== 'answered')) {
        throw new AppError('live.audience_question_not_found');
      }
      const added = await ctx.db.transaction().execute(async (trx) => {
        const ok = await addUpvote(trx, questionId, hash);
        if (ok) await bumpRevision(trx, row.session_id);
        return ok;
      });
      if (!added) throw new AppError('live.already_upvoted');
      committed(s.room.session_id, true);
      return { upvotes: (await findAudienceQuestion(ctx.db, questionId))?.upvotes ?? row.upvotes + 1 };
    },

    /**
     * Opens a stream: writes the current room as the first message and registers the response.
     * `once`: only that message, then the end.
     */
    async openStream(kind: StreamKind, sessionId: string, res: ServerResponse, headers: Record<string, string>, once: boolean) {
      const s = await roomOf(sessionId);
      const room = kind === 'public' ? state.publicRoom(s) : await state.adminRoom(s);
      const json = JSON.stringify(room);
      res.writeHead(200, headers);
      res.write(`retry: 3000\n${sseMessage(s.room.revision, json)}`);
      if (once) res.end();
      else hub.add(sessionId, kind, res, json);
    },

    async sessionOfCode(code: string): Promise<string> {
      return (await roomByCode(code)).room.session_id;
    },

    async authorizeStream(actor: Actor | null, sessionId: string): Promise<void> {
      authorize(actor, can.manageEvents(actor));
      await roomOf(sessionId);
    },
  };
}
export type LiveService = ReturnType<typeof createLiveService>;
