import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { OkSchema } from '../../../contracts/common.ts';
import {
  CreateForumNoteBodySchema,
  ForumNoteQuerySchema,
  ForumNoteSchema,
  ForumOverviewSchema,
  UpdateForumNoteBodySchema,
} from '../../../contracts/session-results.ts';
import { route } from '../../http.ts';
import type { ForumNoteService } from './forum-notes.service.ts';

const tags = ['Bürgerforum-Notizen'];
const IdParams = z.strictObject({ id: z.uuid() });
const NoteParams = z.strictObject({ id: z.uuid(), noteId: z.uuid() });

/** Internal notes of a Bürgerforum: never cached by shared caches (the API default `no-store`). */
export function forumNoteRoutes(app: FastifyInstance, notes: ForumNoteService) {
  route(
    app,
    'forumOverview',
    {
      summary: 'Gesprächsnotizen eines Bürgerforums mit Zählung nach Thema und Kreis (filterbar)',
      tags,
      params: IdParams,
      querystring: ForumNoteQuerySchema,
      response: { 200: ForumOverviewSchema },
    },
    async (req) => notes.overview(req.actor, req.params.id, req.query),
  );
  route(
    app,
    'exportForumNotes',
    { summary: 'Gesprächsnotizen als CSV', tags, params: IdParams, querystring: ForumNoteQuerySchema, response: {} },
    async (req, reply) => {
      const { slug, body } = await notes.exportCsv(req.actor, req.params.id, req.query);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="buergerforum-${slug}.csv"`)
        .header('cache-control', 'no-store')
        .send(body);
    },
  );
  route(
    app,
    'createForumNote',
    { summary: 'Gesprächsnotiz anlegen', tags, params: IdParams, body: CreateForumNoteBodySchema, response: { 201: ForumNoteSchema } },
    async (req, reply) => reply.code(201).send(await notes.create(req.actor, req.params.id, req.body)),
    { bodyLimit: 16 * 1024 },
  );
  route(
    app,
    'updateForumNote',
    { summary: 'Gesprächsnotiz ändern', tags, params: NoteParams, body: UpdateForumNoteBodySchema, response: { 200: ForumNoteSchema } },
    async (req) => notes.update(req.actor, req.params.id, req.params.noteId, req.body),
    { bodyLimit: 16 * 1024 },
  );
  route(
    app,
    'deleteForumNote',
    { summary: 'Gesprächsnotiz löschen', tags, params: NoteParams, response: { 200: OkSchema } },
    async (req) => {
      await notes.remove(req.actor, req.params.id, req.params.noteId);
      return { ok: true as const };
    },
  );
}
