import type { FastifyError, FastifyInstance } from 'fastify';
import { z } from 'zod';
import { OkSchema } from '../../../contracts/common.ts';
import { EventSlugSchema } from '../../../contracts/events.ts';
import {
  EventResultsSchema,
  MAX_PHOTO_BYTES,
  SaveSessionResultsBodySchema,
  SessionPhotoSchema,
  SessionResultsPageSchema,
  SessionResultsSchema,
  UpdatePhotoBodySchema,
  UploadPhotoQuerySchema,
  VersionBodySchema,
} from '../../../contracts/session-results.ts';
import { AppError } from '../../errors.ts';
import { route } from '../../http.ts';
import type { SessionResultService } from './session-results.service.ts';

const tags = ['Ergebnisse von Programmpunkten'];
const SlugParams = z.strictObject({ slug: EventSlugSchema });
const SessionParams = z.strictObject({ id: z.uuid(), sessionId: z.uuid() });
const PhotoParams = z.strictObject({ id: z.uuid(), sessionId: z.uuid(), photoId: z.uuid() });
const PhotoFileParams = z.strictObject({ id: z.uuid(), hash: z.string().regex(/^[0-9a-f]{64}$/) });
const MB = MAX_PHOTO_BYTES / 1024 / 1024;

/** Photos of published results never change under their address (it carries the content hash). */
const PUBLIC_PHOTO_CACHE = 'public, max-age=31536000, immutable';

export function sessionResultRoutes(app: FastifyInstance, results: SessionResultService) {
  route(
    app,
    'eventResults',
    {
      summary: 'Veröffentlichte Ergebnisse der Programmpunkte einer Veranstaltung',
      tags,
      params: SlugParams,
      response: { 200: EventResultsSchema },
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-cache');
      return results.eventResults(req.actor, req.params.slug);
    },
  );
  route(
    app,
    'sessionPhoto',
    { summary: 'Foto der Ergebnisse (Adresse mit Inhalts-Hash)', tags, params: PhotoFileParams, response: {} },
    async (req, reply) => {
      const photo = await results.photo(req.actor, req.params.id, req.params.hash);
      const etag = `"${photo.sha256}"`;
      reply
        .header('etag', etag)
        .header('x-content-type-options', 'nosniff')
        .header('content-disposition', 'inline')
        // Drafts and internal events: only for the signed-in staff member, checked again each time.
        .header('cache-control', photo.isPublic ? PUBLIC_PHOTO_CACHE : 'private, no-cache');
      if (req.headers['if-none-match'] === etag) return reply.code(304).send();
      return reply.type(photo.contentType).send(photo.bytes);
    },
  );
  route(
    app,
    'getSessionResults',
    { summary: 'Ergebnisse eines Programmpunkts (auch Entwurf)', tags, params: SessionParams, response: { 200: SessionResultsPageSchema } },
    async (req) => results.get(req.actor, req.params.id, req.params.sessionId),
  );
  route(
    app,
    'saveSessionResults',
    {
      summary: 'Text und nächste Schritte speichern (Version 0 legt an)',
      tags,
      params: SessionParams,
      body: SaveSessionResultsBodySchema,
      response: { 200: SessionResultsSchema },
    },
    async (req) => results.save(req.actor, req.params.id, req.params.sessionId, req.body),
  );
  route(
    app,
    'deleteSessionResults',
    { summary: 'Ergebnisse mit Fotos und nächsten Schritten löschen', tags, params: SessionParams, response: { 200: OkSchema } },
    async (req) => {
      await results.remove(req.actor, req.params.id, req.params.sessionId);
      return { ok: true as const };
    },
  );
  route(
    app,
    'publishSessionResults',
    {
      summary: 'Ergebnisse veröffentlichen',
      tags,
      params: SessionParams,
      body: VersionBodySchema,
      response: { 200: SessionResultsSchema },
    },
    async (req) => results.publish(req.actor, req.params.id, req.params.sessionId, req.body.version),
  );
  route(
    app,
    'unpublishSessionResults',
    {
      summary: 'Veröffentlichung der Ergebnisse zurücknehmen',
      tags,
      params: SessionParams,
      body: VersionBodySchema,
      response: { 200: SessionResultsSchema },
    },
    async (req) => results.unpublish(req.actor, req.params.id, req.params.sessionId, req.body.version),
  );
  route(
    app,
    'updateSessionPhoto',
    {
      summary: 'Beschreibung eines Fotos ändern',
      tags,
      params: PhotoParams,
      body: UpdatePhotoBodySchema,
      response: { 200: SessionPhotoSchema },
    },
    async (req) => results.updatePhoto(req.actor, req.params.id, req.params.sessionId, req.params.photoId, req.body.alt),
  );
  route(app, 'deleteSessionPhoto', { summary: 'Foto löschen', tags, params: PhotoParams, response: { 200: OkSchema } }, async (req) => {
    await results.deletePhoto(req.actor, req.params.id, req.params.sessionId, req.params.photoId);
    return { ok: true as const };
  });

  // The upload takes the image itself as the body (no multipart). Only this route understands
  // image types, with its own body limit; other image types reach the service and get a German 415.
  void app.register(async (upload) => {
    upload.addContentTypeParser(/^image\/[\w.+-]+$/, { parseAs: 'buffer', bodyLimit: MAX_PHOTO_BYTES }, (_req, body, done) =>
      done(null, body),
    );
    upload.setErrorHandler((err: FastifyError) => {
      // Too large: say how large a photo may be; everything else goes to the app's handler.
      if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || err.statusCode === 413)
        throw new AppError('session_photo.too_large', { params: { mb: MB } });
      throw err;
    });
    route(
      upload,
      'uploadSessionPhoto',
      {
        summary: `Foto hochladen (Body: das Bild als image/jpeg, image/png oder image/webp, höchstens ${MB} MB)`,
        tags,
        params: SessionParams,
        querystring: UploadPhotoQuerySchema,
        response: { 201: SessionPhotoSchema },
      },
      async (req, reply) => {
        const body: unknown = req.body;
        const photo = await results.addPhoto(req.actor, req.params.id, req.params.sessionId, {
          declaredType: req.headers['content-type'] ?? '',
          bytes: Buffer.isBuffer(body) ? body : null,
          alt: req.query.alt,
        });
        return reply.code(201).send(photo);
      },
      { bodyLimit: MAX_PHOTO_BYTES },
    );
  });
}
