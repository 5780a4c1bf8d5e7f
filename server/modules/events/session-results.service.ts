import { randomUUID } from 'node:crypto';
import {
  type EventResults,
  type NextStep,
  type NextStepBody,
  type SaveSessionResultsBody,
  type SessionResults,
  type SessionResultsPage,
} from '../../../contracts/session-results.ts';
import type { AppContext } from '../../context.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { AppError } from '../../errors.ts';
import { authorize, can, type Actor } from '../../policies.ts';
import type { AuditService } from '../audit/index.ts';
import { berlin } from './berlin-time.ts';
import { findEventBySlug, listSessionRows } from './events.repository.ts';
import { createSessionPhotoService, photoUrl, presentPhoto, requireSession } from './session-photos.service.ts';
import {
  deleteResult,
  findResult,
  insertResult,
  listNextSteps,
  listPhotoMeta,
  listPublishedResults,
  replaceNextSteps,
  updateResult,
  type NextStepRow,
  type ResultRow,
} from './session-results.repository.ts';

function presentStep(s: NextStepRow): NextStep {
  return { id: s.id, text: s.text, owner: s.owner, dueDate: s.due_date, status: s.status };
}

function stepRows(sessionId: string, steps: NextStepBody[]): NextStepRow[] {
  return steps.map((s, position) => ({
    id: randomUUID(),
    session_id: sessionId,
    text: s.text,
    owner: s.owner,
    due_date: s.dueDate,
    status: s.status,
    position,
  }));
}

/** Trusted input for the demo seed: results of a session found by event slug and session title. */
export interface DemoSessionResults {
  eventSlug: string;
  sessionTitle: string;
  text: string;
  nextSteps: NextStepBody[];
}

/**
 * What came out of a session: text, flip-chart photos and agreed next steps. Staff write drafts
 * and publish them; published results of public events are open to everyone, everything else
 * is "not found" for the public. Publishing, withdrawing and deleting are audited.
 */
export function createSessionResultService(ctx: AppContext, audit: AuditService) {
  const now = () => ctx.clock().toISOString();
  const sessionOf = requireSession;
  const photos = createSessionPhotoService(ctx, audit);

  async function load(db: DbOrTrx, sessionId: string): Promise<SessionResults> {
    const [row, photos, steps] = await Promise.all([
      findResult(db, sessionId),
      listPhotoMeta(db, [sessionId]),
      listNextSteps(db, [sessionId]),
    ]);
    return {
      sessionId,
      text: row?.text ?? '',
      published: row?.published === 1,
      version: row?.version ?? 0,
      updatedAt: row ? berlin(row.updated_at).iso : null,
      demo: row?.is_demo === 1,
      photos: photos.map(presentPhoto),
      nextSteps: steps.map(presentStep),
    };
  }

  /** The row at the version the caller saw, or the matching error. */
  async function current(db: DbOrTrx, sessionId: string, version: number): Promise<ResultRow> {
    const row = await findResult(db, sessionId);
    if (!row) throw new AppError('session_results.not_found');
    if (row.version !== version) throw new AppError('session_results.version_conflict');
    return row;
  }

  async function setPublished(actor: Actor, eventId: string, sessionId: string, version: number, published: boolean) {
    await ctx.db.transaction().execute(async (trx) => {
      const { event } = await sessionOf(trx, eventId, sessionId);
      const row = await current(trx, sessionId, version);
      if (published) {
        const [photos, steps] = await Promise.all([listPhotoMeta(trx, [sessionId]), listNextSteps(trx, [sessionId])]);
        if (!row.text.trim() && photos.length === 0 && steps.length === 0) throw new AppError('session_results.empty');
      }
      const stamp = now();
      const set = { published: published ? 1 : 0, published_at: published ? stamp : null, updated_at: stamp, updated_by: actor.userId };
      if (!(await updateResult(trx, sessionId, version, set))) throw new AppError('session_results.version_conflict');
      await audit.record(
        {
          action: published ? 'session_results.published' : 'session_results.unpublished',
          actorId: actor.userId,
          targetType: 'event_session',
          targetId: sessionId,
          details: { event: event.slug },
        },
        trx,
      );
    });
    return load(ctx.db, sessionId);
  }

  return {
    ...photos,

    async get(actor: Actor | null, eventId: string, sessionId: string): Promise<SessionResultsPage> {
      authorize(actor, can.manageEvents(actor));
      const { event, session } = await sessionOf(ctx.db, eventId, sessionId);
      return {
        event: { id: event.id, slug: event.slug, title: event.title, visibility: event.visibility as 'public' | 'internal' },
        session: {
          id: session.id,
          title: session.title,
          type: session.type as SessionResultsPage['session']['type'],
          startsAt: berlin(session.starts_at).iso,
          endsAt: berlin(session.ends_at).iso,
        },
        results: await load(ctx.db, sessionId),
      };
    },

    /** Saves text and next steps; version 0 creates the results (as a draft). */
    async save(actor: Actor | null, eventId: string, sessionId: string, input: SaveSessionResultsBody): Promise<SessionResults> {
      authorize(actor, can.manageEvents(actor));
      await ctx.db.transaction().execute(async (trx) => {
        await sessionOf(trx, eventId, sessionId);
        const stamp = now();
        if (input.version === 0) {
          if (await findResult(trx, sessionId)) throw new AppError('session_results.version_conflict');
          await insertResult(trx, {
            session_id: sessionId,
            text: input.text,
            published: 0,
            published_at: null,
            is_demo: 0,
            version: 1,
            updated_at: stamp,
            updated_by: actor.userId,
          });
        } else {
          await current(trx, sessionId, input.version);
          const ok = await updateResult(trx, sessionId, input.version, { text: input.text, updated_at: stamp, updated_by: actor.userId });
          if (!ok) throw new AppError('session_results.version_conflict');
        }
        await replaceNextSteps(trx, sessionId, stepRows(sessionId, input.nextSteps));
      });
      return load(ctx.db, sessionId);
    },

    async publish(actor: Actor | null, eventId: string, sessionId: string, version: number): Promise<SessionResults> {
      authorize(actor, can.manageEvents(actor));
      return setPublished(actor, eventId, sessionId, version, true);
    },

    async unpublish(actor: Actor | null, eventId: string, sessionId: string, version: number): Promise<SessionResults> {
      authorize(actor, can.manageEvents(actor));
      return setPublished(actor, eventId, sessionId, version, false);
    },

    /** Deletes text, photos and next steps of a session. */
    async remove(actor: Actor | null, eventId: string, sessionId: string): Promise<void> {
      authorize(actor, can.manageEvents(actor));
      await ctx.db.transaction().execute(async (trx) => {
        const { event } = await sessionOf(trx, eventId, sessionId);
        const [row, photos, steps] = await Promise.all([
          findResult(trx, sessionId),
          listPhotoMeta(trx, [sessionId]),
          listNextSteps(trx, [sessionId]),
        ]);
        if (!row && photos.length === 0 && steps.length === 0) throw new AppError('session_results.not_found');
        await deleteResult(trx, sessionId);
        await audit.record(
          {
            action: 'session_results.deleted',
            actorId: actor.userId,
            targetType: 'event_session',
            targetId: sessionId,
            details: { event: event.slug, photos: photos.length },
          },
          trx,
        );
      });
    },

    /** Published results of an event's sessions, for whoever may see the event. */
    async eventResults(actor: Actor | null, slug: string): Promise<EventResults> {
      const event = await findEventBySlug(ctx.db, slug);
      if (!event || (event.visibility !== 'public' && !can.readInternalEvents(actor))) throw new AppError('event.not_found');
      const sessionIds = (await listSessionRows(ctx.db, event.id)).map((s) => s.id);
      const rows = await listPublishedResults(ctx.db, sessionIds);
      const ids = rows.map((r) => r.session_id);
      const [photos, steps] = await Promise.all([listPhotoMeta(ctx.db, ids), listNextSteps(ctx.db, ids)]);
      const order = new Map(sessionIds.map((id, i) => [id, i]));
      return {
        items: rows
          .sort((a, b) => (order.get(a.session_id) ?? 0) - (order.get(b.session_id) ?? 0))
          .map((r) => ({
            sessionId: r.session_id,
            text: r.text,
            updatedAt: berlin(r.updated_at).iso,
            demo: r.is_demo === 1,
            photos: photos
              .filter((p) => p.session_id === r.session_id)
              .map((p) => ({ id: p.id, alt: p.alt, width: p.width, height: p.height, url: photoUrl(p) })),
            nextSteps: steps
              .filter((s) => s.session_id === r.session_id)
              .map((s) => ({ text: s.text, owner: s.owner, dueDate: s.due_date, status: s.status })),
          })),
      };
    },

    /** Demo results ("Demo-Daten"), published; trusted input, no actor. Sessions not found are skipped. */
    async seedDemo(items: DemoSessionResults[]): Promise<void> {
      const stamp = now();
      await ctx.db.transaction().execute(async (trx) => {
        for (const item of items) {
          const event = await findEventBySlug(trx, item.eventSlug);
          const session = event && (await listSessionRows(trx, event.id)).find((s) => s.title === item.sessionTitle);
          if (!session || (await findResult(trx, session.id))) continue;
          await insertResult(trx, {
            session_id: session.id,
            text: item.text,
            published: 1,
            published_at: stamp,
            is_demo: 1,
            version: 1,
            updated_at: stamp,
            updated_by: null,
          });
          await replaceNextSteps(trx, session.id, stepRows(session.id, item.nextSteps));
        }
      });
    },
  };
}
export type SessionResultService = ReturnType<typeof createSessionResultService>;
