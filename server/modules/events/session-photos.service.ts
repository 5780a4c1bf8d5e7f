import { createHash, randomUUID } from 'node:crypto';
import { apiPath } from '../../../contracts/api.ts';
import {
  MAX_PHOTO_BYTES,
  MAX_PHOTOS_PER_SESSION,
  PHOTO_TYPES,
  type PhotoType,
  type SessionPhoto,
} from '../../../contracts/session-results.ts';
import type { AppContext } from '../../context.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { AppError } from '../../errors.ts';
import { authorize, can, type Actor } from '../../policies.ts';
import type { AuditService } from '../audit/index.ts';
import { findEventById, findSessionRow } from './events.repository.ts';
import { photoSize, sniffPhotoType } from './photo-bytes.ts';
import {
  deletePhoto,
  findPhotoBytes,
  findPhotoMeta,
  findResult,
  findSessionEvent,
  insertPhoto,
  lockSession,
  photoStats,
  updatePhotoAlt,
  type PhotoMeta,
} from './session-results.repository.ts';

export const photoUrl = (p: Pick<PhotoMeta, 'id' | 'sha256'>) => apiPath('sessionPhoto', { id: p.id, hash: p.sha256 });

export function presentPhoto(p: PhotoMeta): SessionPhoto {
  return { id: p.id, alt: p.alt, contentType: p.content_type, size: p.size, width: p.width, height: p.height, url: photoUrl(p) };
}

/** The event and the session of a staff address (/events/:id/sessions/:sessionId), or "not found". */
export async function requireSession(db: DbOrTrx, eventId: string, sessionId: string) {
  const event = await findEventById(db, eventId);
  if (!event) throw new AppError('event.not_found');
  const session = await findSessionRow(db, eventId, sessionId);
  if (!session) throw new AppError('event_session.not_found');
  return { event, session };
}

/** An uploaded photo as the route hands it over: the declared type and the bytes received. */
export interface PhotoUpload {
  declaredType: string;
  /** Null when the body was not an image (e.g. JSON). */
  bytes: Buffer | null;
  alt: string;
}

/**
 * Photos of a session's results (flip charts), bytes in the database (docs/decisions/0009).
 * Part of the session results service; deleting a photo is audited.
 */
export function createSessionPhotoService(ctx: AppContext, audit: AuditService) {
  const now = () => ctx.clock().toISOString();
  const sessionOf = requireSession;

  return {
    /**
     * Stores a photo after checking that its bytes are what the request declares. Size and
     * count limits hold even for parallel uploads (the session row is locked meanwhile).
     */
    async addPhoto(actor: Actor | null, eventId: string, sessionId: string, upload: PhotoUpload): Promise<SessionPhoto> {
      authorize(actor, can.manageEvents(actor));
      const declared = upload.declaredType.split(';')[0]!.trim().toLowerCase();
      const bytes = upload.bytes;
      if (!bytes || !(PHOTO_TYPES as readonly string[]).includes(declared)) throw new AppError('session_photo.unsupported_type');
      const type = declared as PhotoType;
      if (bytes.length > MAX_PHOTO_BYTES) throw new AppError('session_photo.too_large', { params: { mb: MAX_PHOTO_BYTES / 1024 / 1024 } });
      if (sniffPhotoType(bytes) !== type) throw new AppError('session_photo.type_mismatch');
      const size = photoSize(type, bytes);
      const id = randomUUID();
      await ctx.db.transaction().execute(async (trx) => {
        await sessionOf(trx, eventId, sessionId);
        await lockSession(trx, ctx.dialect, sessionId);
        const stats = await photoStats(trx, sessionId);
        if (stats.count >= MAX_PHOTOS_PER_SESSION)
          throw new AppError('session_photo.too_many', { params: { max: MAX_PHOTOS_PER_SESSION } });
        await insertPhoto(trx, {
          id,
          session_id: sessionId,
          content_type: type,
          bytes,
          size: bytes.length,
          sha256: createHash('sha256').update(bytes).digest('hex'),
          width: size?.width ?? null,
          height: size?.height ?? null,
          alt: upload.alt,
          position: stats.maxPosition + 1,
          created_at: now(),
          created_by: actor.userId,
        });
      });
      return presentPhoto((await findPhotoMeta(ctx.db, id))!);
    },

    async updatePhoto(actor: Actor | null, eventId: string, sessionId: string, photoId: string, alt: string): Promise<SessionPhoto> {
      authorize(actor, can.manageEvents(actor));
      await ctx.db.transaction().execute(async (trx) => {
        await sessionOf(trx, eventId, sessionId);
        const photo = await findPhotoMeta(trx, photoId);
        if (!photo || photo.session_id !== sessionId) throw new AppError('session_photo.not_found');
        await updatePhotoAlt(trx, photoId, alt);
      });
      return presentPhoto((await findPhotoMeta(ctx.db, photoId))!);
    },

    async deletePhoto(actor: Actor | null, eventId: string, sessionId: string, photoId: string): Promise<void> {
      authorize(actor, can.manageEvents(actor));
      await ctx.db.transaction().execute(async (trx) => {
        const { event } = await sessionOf(trx, eventId, sessionId);
        const photo = await findPhotoMeta(trx, photoId);
        if (!photo || photo.session_id !== sessionId) throw new AppError('session_photo.not_found');
        await deletePhoto(trx, photoId);
        await audit.record(
          {
            action: 'session_photo.deleted',
            actorId: actor.userId,
            targetType: 'session_photo',
            targetId: photoId,
            details: { event: event.slug, session: sessionId },
          },
          trx,
        );
      });
    },

    /**
     * A photo's bytes. Staff see every photo; everyone else only photos of published results of
     * public events. Anything else, and a hash that does not match, is "not found".
     */
    async photo(
      actor: Actor | null,
      id: string,
      hash: string,
    ): Promise<{ bytes: Buffer; contentType: PhotoType; sha256: string; isPublic: boolean }> {
      const meta = await findPhotoMeta(ctx.db, id);
      if (!meta || meta.sha256 !== hash) throw new AppError('session_photo.not_found');
      const session = await findSessionEvent(ctx.db, meta.session_id);
      const event = session && (await findEventById(ctx.db, session.event_id));
      const result = await findResult(ctx.db, meta.session_id);
      const isPublic = event?.visibility === 'public' && result?.published === 1;
      if (!isPublic && !can.manageEvents(actor)) throw new AppError('session_photo.not_found');
      const bytes = await findPhotoBytes(ctx.db, id);
      if (!bytes) throw new AppError('session_photo.not_found');
      return { bytes, contentType: meta.content_type, sha256: meta.sha256, isPublic };
    },
  };
}
