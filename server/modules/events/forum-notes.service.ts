import { randomUUID } from 'node:crypto';
import {
  FORUM_DISTRICT_LABELS,
  FORUM_DISTRICTS,
  FORUM_TOPIC_LABELS,
  FORUM_TOPICS,
  type CreateForumNoteBody,
  type ForumDistrict,
  type ForumNote,
  type ForumNoteQuery,
  type ForumOverview,
  type ForumTopic,
  type UpdateForumNoteBody,
} from '../../../contracts/session-results.ts';
import type { AppContext } from '../../context.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { AppError } from '../../errors.ts';
import { authorize, can, type Actor } from '../../policies.ts';
import type { AuditService } from '../audit/index.ts';
import { CSV_BOM, csvLine } from '../study/index.ts';
import { berlin } from './berlin-time.ts';
import { findEventById, listSessionRows } from './events.repository.ts';
import { deleteNoteRow, findNoteRow, insertNoteRow, listNoteRows, updateNoteRow, type NoteListRow } from './forum-notes.repository.ts';

/** Notes per topic and per district, every key listed (zeros too), in the fixed order. */
export function countNotes(notes: { topics: ForumTopic[]; district: ForumDistrict }[]): Pick<ForumOverview, 'byTopic' | 'byDistrict'> {
  return {
    byTopic: FORUM_TOPICS.map((key) => ({ key, count: notes.filter((n) => n.topics.includes(key)).length })),
    byDistrict: FORUM_DISTRICTS.map((key) => ({ key, count: notes.filter((n) => n.district === key).length })),
  };
}

function presentNote(r: NoteListRow): ForumNote {
  return {
    id: r.id,
    eventId: r.event_id,
    sessionId: r.session_id,
    text: r.text,
    topics: r.topicList as ForumTopic[],
    district: r.district as ForumDistrict,
    createdAt: berlin(r.created_at).iso,
    updatedAt: berlin(r.updated_at).iso,
    createdBy: r.author,
    version: r.version,
  };
}

const matches = (q: ForumNoteQuery) => (n: ForumNote) => (!q.thema || n.topics.includes(q.thema)) && (!q.kreis || n.district === q.kreis);

/**
 * Short notes of conversations at a Bürgerforum (what moves people, no names). Internal: staff
 * write them, staff and analysts read them. Any staff member may correct or delete any note of
 * the team (notes are shared work at the forum); deletions are audited with who did it.
 */
export function createForumNoteService(ctx: AppContext, audit: AuditService) {
  const now = () => ctx.clock().toISOString();

  /** The event, when it is a Bürgerforum or has one on its programme; its forum sessions. */
  async function forumOf(db: DbOrTrx, eventId: string) {
    const event = await findEventById(db, eventId);
    if (!event) throw new AppError('event.not_found');
    const sessions = (await listSessionRows(db, eventId)).filter((s) => s.type === 'buergerforum');
    if (event.format !== 'buergerforum' && sessions.length === 0) throw new AppError('forum_note.not_a_forum');
    return { event, sessions };
  }

  function checkSession(sessions: { id: string }[], sessionId: string | null): void {
    if (sessionId && !sessions.some((s) => s.id === sessionId))
      throw new AppError('validation.failed', {
        fields: [{ path: 'sessionId', message: 'Bitte wählen Sie ein Bürgerforum aus dem Programm dieser Veranstaltung.' }],
      });
  }

  async function notesOf(eventId: string, query: ForumNoteQuery): Promise<ForumNote[]> {
    return (await listNoteRows(ctx.db, eventId)).map(presentNote).filter(matches(query));
  }

  async function one(eventId: string, id: string): Promise<ForumNote> {
    const note = (await listNoteRows(ctx.db, eventId)).find((n) => n.id === id);
    if (!note) throw new AppError('forum_note.not_found');
    return presentNote(note);
  }

  return {
    async overview(actor: Actor | null, eventId: string, query: ForumNoteQuery): Promise<ForumOverview> {
      authorize(actor, can.readForumNotes(actor));
      const { event, sessions } = await forumOf(ctx.db, eventId);
      const items = await notesOf(eventId, query);
      return {
        event: { id: event.id, slug: event.slug, title: event.title, format: event.format as ForumOverview['event']['format'] },
        sessions: sessions.map((s) => ({ id: s.id, title: s.title })),
        total: items.length,
        ...countNotes(items),
        items: [...items].reverse(),
      };
    },

    /** The (filtered) notes for spreadsheets: `;`-separated, UTF-8 with BOM, formulas defused. */
    async exportCsv(actor: Actor | null, eventId: string, query: ForumNoteQuery): Promise<{ slug: string; body: string }> {
      authorize(actor, can.readForumNotes(actor));
      const { event, sessions } = await forumOf(ctx.db, eventId);
      const titles = new Map(sessions.map((s) => [s.id, s.title]));
      const items = await notesOf(eventId, query);
      const lines = [
        csvLine(['Erfasst am', 'Programmpunkt', 'Kreis', 'Kreisschlüssel', 'Themen', 'Notiz'], ';'),
        ...items.map((n) =>
          csvLine(
            [
              n.createdAt,
              n.sessionId ? (titles.get(n.sessionId) ?? '') : '',
              FORUM_DISTRICT_LABELS[n.district],
              n.district === 'ausserhalb' ? '' : n.district,
              n.topics.map((t) => FORUM_TOPIC_LABELS[t]).join(', '),
              n.text,
            ],
            ';',
          ),
        ),
      ];
      await audit.record({
        action: 'forum_notes.exported',
        actorId: actor.userId,
        targetType: 'event',
        targetId: eventId,
        details: { event: event.slug, notes: items.length },
      });
      return { slug: event.slug, body: CSV_BOM + lines.join('') };
    },

    async create(actor: Actor | null, eventId: string, input: CreateForumNoteBody): Promise<ForumNote> {
      authorize(actor, can.manageEvents(actor));
      const id = randomUUID();
      await ctx.db.transaction().execute(async (trx) => {
        const { sessions } = await forumOf(trx, eventId);
        checkSession(sessions, input.sessionId);
        const stamp = now();
        await insertNoteRow(trx, {
          id,
          event_id: eventId,
          session_id: input.sessionId,
          text: input.text,
          topics: JSON.stringify(input.topics),
          district: input.district,
          is_demo: 0,
          created_by: actor.userId,
          created_at: stamp,
          updated_at: stamp,
          version: 1,
        });
      });
      return one(eventId, id);
    },

    async update(actor: Actor | null, eventId: string, id: string, input: UpdateForumNoteBody): Promise<ForumNote> {
      authorize(actor, can.manageEvents(actor));
      await ctx.db.transaction().execute(async (trx) => {
        const { sessions } = await forumOf(trx, eventId);
        const row = await findNoteRow(trx, eventId, id);
        if (!row) throw new AppError('forum_note.not_found');
        if (row.version !== input.version) throw new AppError('forum_note.version_conflict');
        checkSession(sessions, input.sessionId);
        const ok = await updateNoteRow(trx, id, input.version, {
          session_id: input.sessionId,
          text: input.text,
          topics: JSON.stringify(input.topics),
          district: input.district,
          updated_at: now(),
        });
        if (!ok) throw new AppError('forum_note.version_conflict');
      });
      return one(eventId, id);
    },

    async remove(actor: Actor | null, eventId: string, id: string): Promise<void> {
      authorize(actor, can.manageEvents(actor));
      await ctx.db.transaction().execute(async (trx) => {
        const event = await findEventById(trx, eventId);
        if (!event) throw new AppError('event.not_found');
        if (!(await findNoteRow(trx, eventId, id))) throw new AppError('forum_note.not_found');
        await deleteNoteRow(trx, id);
        // The note's text stays out of the log: only which note of which event.
        await audit.record(
          { action: 'forum_note.deleted', actorId: actor.userId, targetType: 'forum_note', targetId: id, details: { event: event.slug } },
          trx,
        );
      });
    },
  };
}
export type ForumNoteService = ReturnType<typeof createForumNoteService>;
