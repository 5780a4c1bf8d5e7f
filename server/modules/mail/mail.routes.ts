import type { FastifyInstance } from 'fastify';
import { OutboxPageSchema } from '../../../contracts/admin.ts';
import { PageQuerySchema } from '../../../contracts/common.ts';
import { route } from '../../http.ts';
import type { MailService } from './mail.service.ts';

export function mailRoutes(app: FastifyInstance, mail: MailService) {
  route(
    app,
    'listOutbox',
    {
      summary: 'Postausgang',
      tags: ['Verwaltung'],
      querystring: PageQuerySchema.strict(),
      response: { 200: OutboxPageSchema },
    },
    async (req) => mail.list(req.actor, req.query),
  );
}
