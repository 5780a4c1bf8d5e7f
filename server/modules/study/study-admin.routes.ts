import type { FastifyInstance } from 'fastify';
import QRCode from 'qrcode';
import { z } from 'zod';
import { OkSchema } from '../../../contracts/common.ts';
import { WaveCodeSchema } from '../../../contracts/study.ts';
import {
  CheckDefinitionBodySchema,
  CheckDefinitionResultSchema,
  CreateInvitationsBodySchema,
  CreateStudyBodySchema,
  CreateWaveBodySchema,
  InterviewerWavesSchema,
  InvitationCheckSchema,
  InvitationCodeSchema,
  InvitationListSchema,
  OpenAnswersQuerySchema,
  OpenAnswersSchema,
  ProgressBodySchema,
  StudyDetailSchema,
  StudyListSchema,
  UpdateWaveBodySchema,
  VersionBodySchema,
  VersionDetailSchema,
  WaveInStudySchema,
  WaveOverviewSchema,
  WaveSchema,
  WaveVersionBodySchema,
} from '../../../contracts/study-admin.ts';
import { route } from '../../http.ts';
import type { StudyAdminService } from './study-admin.service.ts';

const IdParams = z.strictObject({ id: z.uuid() });
const VersionParams = z.strictObject({ id: z.uuid(), versionId: z.uuid() });
const CodeParams = z.strictObject({ code: WaveCodeSchema });
const tags = ['Studienverwaltung'];
/** A questionnaire definition may be large (many pages, two languages); 2 MiB is ample. */
const DEFINITION_LIMIT = 2 * 1024 * 1024;

export function studyAdminRoutes(app: FastifyInstance, studies: StudyAdminService) {
  route(app, 'listStudies', { summary: 'Studien', tags, response: { 200: StudyListSchema } }, async (req) => ({
    items: await studies.listStudies(req.actor),
  }));
  route(
    app,
    'createStudy',
    { summary: 'Studie mit erster Fragebogenversion anlegen', tags, body: CreateStudyBodySchema, response: { 201: StudyDetailSchema } },
    async (req, reply) => reply.code(201).send(await studies.createStudy(req.actor, req.body)),
    { bodyLimit: DEFINITION_LIMIT },
  );
  route(
    app,
    'checkDefinition',
    {
      summary: 'Fragebogen prüfen (SurveyJS-JSON und unsere Regeln), ohne zu speichern',
      tags,
      body: CheckDefinitionBodySchema,
      response: { 200: CheckDefinitionResultSchema },
    },
    async (req) => studies.checkDefinition(req.actor, req.body.definition),
    { bodyLimit: DEFINITION_LIMIT },
  );
  route(
    app,
    'getStudy',
    { summary: 'Studie mit Versionen und Wellen', tags, params: IdParams, response: { 200: StudyDetailSchema } },
    async (req) => studies.getStudy(req.actor, req.params.id),
  );
  route(
    app,
    'addVersion',
    { summary: 'Neue Fragebogenversion', tags, params: IdParams, body: VersionBodySchema, response: { 201: VersionDetailSchema } },
    async (req, reply) => reply.code(201).send(await studies.addVersion(req.actor, req.params.id, req.body.definition)),
    { bodyLimit: DEFINITION_LIMIT },
  );
  route(
    app,
    'getVersion',
    { summary: 'Fragebogenversion mit Definition', tags, params: VersionParams, response: { 200: VersionDetailSchema } },
    async (req) => studies.getVersion(req.actor, req.params.id, req.params.versionId),
  );
  route(
    app,
    'updateVersion',
    {
      summary: 'Fragebogenversion ändern (nur solange unbeantwortet und unveröffentlicht)',
      tags,
      params: VersionParams,
      body: VersionBodySchema,
      response: { 200: VersionDetailSchema },
    },
    async (req) => studies.updateVersion(req.actor, req.params.id, req.params.versionId, req.body.definition),
    { bodyLimit: DEFINITION_LIMIT },
  );
  route(
    app,
    'createWave',
    { summary: 'Welle anlegen (als Entwurf)', tags, params: IdParams, body: CreateWaveBodySchema, response: { 201: WaveSchema } },
    async (req, reply) => reply.code(201).send(await studies.createWave(req.actor, req.params.id, req.body)),
  );
  route(app, 'getWave', { summary: 'Welle mit ihrer Studie', tags, params: IdParams, response: { 200: WaveInStudySchema } }, async (req) =>
    studies.getWave(req.actor, req.params.id),
  );
  route(
    app,
    'updateWave',
    { summary: 'Welle ändern', tags, params: IdParams, body: UpdateWaveBodySchema, response: { 200: WaveSchema } },
    async (req) => studies.updateWave(req.actor, req.params.id, req.body),
  );
  route(
    app,
    'publishWave',
    { summary: 'Welle veröffentlichen', tags, params: IdParams, body: WaveVersionBodySchema, response: { 200: WaveSchema } },
    async (req) => studies.publishWave(req.actor, req.params.id, req.body.version),
  );
  route(
    app,
    'closeWave',
    { summary: 'Welle beenden', tags, params: IdParams, body: WaveVersionBodySchema, response: { 200: WaveSchema } },
    async (req) => studies.closeWave(req.actor, req.params.id, req.body.version),
  );
  route(
    app,
    'waveOverview',
    { summary: 'Rücklauf einer Welle: je Kanal, heute, Abbruch je Seite', tags, params: IdParams, response: { 200: WaveOverviewSchema } },
    async (req) => studies.overview(req.actor, req.params.id),
  );
  route(
    app,
    'openAnswers',
    {
      summary: 'Offene Antworten einer Welle (Mitarbeitende und Analyse)',
      tags,
      params: IdParams,
      querystring: OpenAnswersQuerySchema,
      response: { 200: OpenAnswersSchema },
    },
    async (req) => studies.openAnswers(req.actor, req.params.id, req.query),
  );
  route(
    app,
    'createInvitations',
    {
      summary: 'Einmal-Einladungscodes erzeugen',
      tags,
      params: IdParams,
      body: CreateInvitationsBodySchema,
      response: { 201: InvitationListSchema },
    },
    async (req, reply) => reply.code(201).send(await studies.createInvitations(req.actor, req.params.id, req.body.count)),
  );
  route(
    app,
    'listInvitations',
    { summary: 'Einladungscodes einer Welle', tags, params: IdParams, response: { 200: InvitationListSchema } },
    async (req) => studies.listInvitations(req.actor, req.params.id),
  );
  route(
    app,
    'interviewerWaves',
    { summary: 'Wellen, für die Interviews geführt werden können', tags: ['Interviews'], response: { 200: InterviewerWavesSchema } },
    async (req) => studies.interviewerWaves(req.actor),
  );

  // --- for respondents' devices ---------------------------------------------------------------
  route(
    app,
    'checkInvitation',
    {
      summary: 'Einladungscode prüfen (vor dem Ausfüllen)',
      tags: ['Befragung'],
      params: z.strictObject({ code: WaveCodeSchema, invite: InvitationCodeSchema }),
      response: { 200: InvitationCheckSchema },
    },
    async (req) => studies.checkInvitation(req.params.code, req.params.invite),
  );
  route(
    app,
    'recordProgress',
    {
      summary: 'Seite erreicht (nur Zähler, für die Abbruchquote)',
      tags: ['Befragung'],
      params: CodeParams,
      body: ProgressBodySchema,
      response: { 200: OkSchema },
    },
    async (req) => {
      await studies.recordProgress(req.params.code, req.body.channel, req.body.page);
      return { ok: true as const };
    },
    // Anonymous like the answers themselves: no session, no CSRF cookie (the origin check stays).
    { config: { csrf: false } },
  );
  route(
    app,
    'waveQrCode',
    {
      summary: 'QR-Code mit dem Kurzlink der Befragung (SVG oder PNG)',
      tags: ['Befragung'],
      params: CodeParams,
      querystring: z.strictObject({
        format: z.enum(['svg', 'png']).default('svg'),
        /** An invitation code to carry in the link (code sheets for panels). */
        einladung: InvitationCodeSchema.optional(),
      }),
      response: {},
    },
    async (req, reply) => {
      const base = await studies.publicLink(req.params.code);
      const link = req.query.einladung ? `${base}?einladung=${req.query.einladung}` : base;
      const options = { errorCorrectionLevel: 'M' as const, margin: 2 };
      reply.header('cache-control', 'private, max-age=300');
      if (req.query.format === 'png') {
        return reply.type('image/png').send(await QRCode.toBuffer(link, { ...options, type: 'png', width: 1024 }));
      }
      return reply.type('image/svg+xml; charset=utf-8').send(await QRCode.toString(link, { ...options, type: 'svg' }));
    },
  );
}

/**
 * The short link on posters and in QR codes: /b/CODE → the survey page (an invitation code
 * rides along as `?einladung=`). Outside /api; answers 404 like any unknown page when the code
 * is malformed.
 */
export function shortLinkRoute(app: FastifyInstance) {
  app.get<{ Params: { code: string }; Querystring: Record<string, string | undefined> }>(
    '/b/:code',
    { schema: { hide: true } },
    async (req, reply) => {
      const code = WaveCodeSchema.safeParse(req.params.code);
      if (!code.success) return reply.callNotFound();
      const invite = InvitationCodeSchema.safeParse(req.query.einladung);
      const target = `/befragung/${code.data}${invite.success ? `?einladung=${invite.data}` : ''}`;
      return reply.code(302).header('cache-control', 'no-store').redirect(target);
    },
  );
}
