import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { OutboxPageSchema } from '../../../contracts/admin.ts';
import { IdSchema, PageQuerySchema } from '../../../contracts/common.ts';
import { route } from '../../http.ts';
import type { MailService } from './mail.service.ts';

const tags = ['Verwaltung'];
const AttachmentParams = z.strictObject({ id: IdSchema, index: z.coerce.number().int().min(0).max(99) });
/** Attachment names are the platform's own; anything outside this set is replaced anyway. */
const safeFilename = (name: string) => name.replace(/[^A-Za-z0-9._-]/g, '_');

export function mailRoutes(app: FastifyInstance, mail: MailService) {
  route(
    app,
    'listOutbox',
    {
      summary: 'Postausgang',
      tags,
      querystring: PageQuerySchema.strict(),
      response: { 200: OutboxPageSchema },
    },
    async (req) => mail.list(req.actor, req.query),
  );
  route(
    app,
    'outboxAttachment',
    { summary: 'Anhang einer E-Mail im Postausgang herunterladen', tags, params: AttachmentParams, response: {} },
    async (req, reply) => {
      const file = await mail.attachment(req.actor, req.params.id, req.params.index);
      return reply
        .type(file.contentType)
        .header('content-disposition', `attachment; filename="${safeFilename(file.filename)}"`)
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'no-store')
        .send(file.bytes);
    },
  );
}
