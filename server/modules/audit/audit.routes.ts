import type { FastifyInstance } from 'fastify';
import { AuditPageSchema, AuditQuerySchema } from '../../../contracts/admin.ts';
import { route } from '../../http.ts';
import type { AuditService } from './audit.service.ts';

export function auditRoutes(app: FastifyInstance, audit: AuditService) {
  route(
    app,
    'listAudit',
    {
      summary: 'Sicherheitsprotokoll',
      tags: ['Verwaltung'],
      querystring: AuditQuerySchema,
      response: { 200: AuditPageSchema },
    },
    async (req) => audit.list(req.actor, req.query),
  );
}
