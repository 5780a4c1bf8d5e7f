import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { OkSchema } from '../../../contracts/common.ts';
import {
  AdminLiveQuestionSchema,
  AdminLiveRoomSchema,
  AudienceQuestionSchema,
  EnableLiveBodySchema,
  LiveAskBodySchema,
  LiveAskResultSchema,
  LiveCodeSchema,
  LiveDeviceResultSchema,
  LiveQuestionBodySchema,
  LiveQuestionStatusBodySchema,
  LiveStreamQuerySchema,
  LiveUpvoteBodySchema,
  LiveUpvoteResultSchema,
  LiveVoteBodySchema,
  LiveVoteResultSchema,
  ModerateAudienceQuestionBodySchema,
  PublicLiveRoomSchema,
  UpdateLiveQuestionBodySchema,
} from '../../../contracts/live.ts';
import { route } from '../../http.ts';
import { SSE_HEADERS, type StreamKind } from './live-hub.ts';
import type { LiveService } from './live.service.ts';

const tags = ['Live-Abstimmung'];
const IdParams = z.strictObject({ id: z.uuid() });
const CodeParams = z.strictObject({ code: LiveCodeSchema });
const CodeQuestionParams = z.strictObject({ code: LiveCodeSchema, questionId: z.uuid() });
/** Votes and questions are tiny; a small body limit keeps a flood cheap. */
const SMALL_BODY = 4 * 1024;
const anonymous = { config: { csrf: false }, bodyLimit: SMALL_BODY };

/**
 * Server-Sent Events outside Fastify's reply cycle (hijacked): no compression, no buffering by
 * proxies, written by the hub. The error of a refused stream still goes through the error handler.
 */
async function stream(
  live: LiveService,
  kind: StreamKind,
  sessionId: Promise<string>,
  request: FastifyRequest,
  reply: FastifyReply,
  once: boolean,
): Promise<void> {
  const id = await sessionId;
  reply.hijack();
  const res = reply.raw;
  try {
    await live.openStream(kind, id, res, { ...SSE_HEADERS }, once);
  } catch (err) {
    request.log.error({ err }, 'live stream failed');
    if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
    res.end();
  }
}

export function liveRoutes(app: FastifyInstance, live: LiveService) {
  // --- staff -------------------------------------------------------------------------------------
  route(
    app,
    'enableLive',
    {
      summary: 'Live-Abstimmung einer Sitzung einschalten (Code beim ersten Mal) und Fragen aus dem Publikum zulassen',
      tags,
      params: IdParams,
      body: EnableLiveBodySchema,
      response: { 200: AdminLiveRoomSchema },
    },
    async (req) => live.enable(req.actor, req.params.id, req.body),
  );
  route(
    app,
    'adminLiveRoom',
    {
      summary: 'Live-Raum mit allen Fragen, Ergebnissen und Publikumsfragen',
      tags,
      params: IdParams,
      response: { 200: AdminLiveRoomSchema },
    },
    async (req) => live.adminRoom(req.actor, req.params.id),
  );
  route(
    app,
    'adminLiveStream',
    {
      summary: 'Live-Raum mit Ergebnissen als Server-Sent Events (höchstens eine Nachricht je 200 ms)',
      tags,
      params: IdParams,
      querystring: LiveStreamQuerySchema,
      response: {},
    },
    async (req, reply) => {
      await live.authorizeStream(req.actor, req.params.id);
      await stream(live, 'admin', Promise.resolve(req.params.id), req, reply, req.query.once === '1');
    },
  );
  route(
    app,
    'exportLiveResults',
    { summary: 'Ergebnisse aller Live-Fragen als CSV', tags, params: IdParams, response: {} },
    async (req, reply) => {
      const { filename, body } = await live.exportCsv(req.actor, req.params.id);
      return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${filename}"`).send(body);
    },
  );
  route(
    app,
    'createLiveQuestion',
    {
      summary: 'Live-Frage anlegen (als Entwurf, am Ende der Liste)',
      tags,
      params: IdParams,
      body: LiveQuestionBodySchema,
      response: { 201: AdminLiveQuestionSchema },
    },
    async (req, reply) => reply.code(201).send(await live.createQuestion(req.actor, req.params.id, req.body)),
  );
  route(
    app,
    'updateLiveQuestion',
    {
      summary: 'Live-Frage ändern (nur Entwürfe ohne Stimmen)',
      tags,
      params: IdParams,
      body: UpdateLiveQuestionBodySchema,
      response: { 200: AdminLiveQuestionSchema },
    },
    async (req) => live.updateQuestion(req.actor, req.params.id, req.body),
  );
  route(
    app,
    'deleteLiveQuestion',
    { summary: 'Live-Frage löschen (nur ohne Stimmen)', tags, params: IdParams, response: { 200: OkSchema } },
    async (req) => {
      await live.deleteQuestion(req.actor, req.params.id);
      return { ok: true as const };
    },
  );
  route(
    app,
    'setLiveQuestionStatus',
    {
      summary: 'Live-Frage öffnen oder schließen',
      tags,
      params: IdParams,
      body: LiveQuestionStatusBodySchema,
      response: { 200: AdminLiveQuestionSchema },
    },
    async (req) => live.setStatus(req.actor, req.params.id, req.body),
  );
  route(
    app,
    'moderateAudienceQuestion',
    {
      summary: 'Publikumsfrage freigeben, ausblenden oder als beantwortet markieren',
      tags,
      params: IdParams,
      body: ModerateAudienceQuestionBodySchema,
      response: { 200: AudienceQuestionSchema },
    },
    async (req) => live.moderate(req.actor, req.params.id, req.body),
  );

  // --- audience (no account, no cookie, no CSRF token; the origin check still applies) ------------
  route(
    app,
    'liveDevice',
    { summary: 'Anonymes Geräte-Token für die Abstimmung', tags, params: CodeParams, response: { 201: LiveDeviceResultSchema } },
    async (req, reply) => reply.code(201).send(await live.issueDevice(req.params.code, req.ip)),
    anonymous,
  );
  route(
    app,
    'liveRoom',
    {
      summary: 'Live-Raum für das Publikum (offene Frage, freigegebene Publikumsfragen)',
      tags,
      params: CodeParams,
      response: { 200: PublicLiveRoomSchema },
    },
    async (req) => live.publicRoom(req.params.code),
  );
  route(
    app,
    'liveStream',
    {
      summary: 'Live-Raum für das Publikum als Server-Sent Events (nur bei Änderungen, nie je Stimme)',
      tags,
      params: CodeParams,
      querystring: LiveStreamQuerySchema,
      response: {},
    },
    async (req, reply) => stream(live, 'public', live.sessionOfCode(req.params.code), req, reply, req.query.once === '1'),
  );
  route(
    app,
    'liveVote',
    {
      summary: 'Abstimmen (eine Stimme je Gerät und Frage)',
      tags,
      params: CodeQuestionParams,
      body: LiveVoteBodySchema,
      response: { 201: LiveVoteResultSchema },
    },
    async (req, reply) => reply.code(201).send(await live.vote(req.params.code, req.params.questionId, req.body)),
    anonymous,
  );
  route(
    app,
    'liveAsk',
    {
      summary: 'Frage aus dem Publikum stellen (wartet auf Freigabe)',
      tags,
      params: CodeParams,
      body: LiveAskBodySchema,
      response: { 201: LiveAskResultSchema },
    },
    async (req, reply) => reply.code(201).send(await live.ask(req.params.code, req.body)),
    anonymous,
  );
  route(
    app,
    'liveUpvote',
    {
      summary: 'Publikumsfrage unterstützen (einmal je Gerät)',
      tags,
      params: CodeQuestionParams,
      body: LiveUpvoteBodySchema,
      response: { 200: LiveUpvoteResultSchema },
    },
    async (req) => live.upvote(req.params.code, req.params.questionId, req.body),
    anonymous,
  );
}
