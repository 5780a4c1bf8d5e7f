import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { MetaSchema, type Meta } from '../../../contracts/admin.ts';
import { route } from '../../http.ts';

const StatusSchema = z.object({ status: z.enum(['ok', 'unavailable']) });

/** /healthz: the process answers. /readyz: the database answers too (load balancers use this). */
export function systemRoutes(app: FastifyInstance, deps: { ping: () => Promise<void>; meta: () => Promise<Meta> }) {
  app.get('/healthz', { schema: { hide: true, response: { 200: StatusSchema } } }, async () => ({ status: 'ok' as const }));

  app.get('/readyz', { schema: { hide: true, response: { 200: StatusSchema, 503: StatusSchema } } }, async (request, reply) => {
    try {
      await deps.ping();
      return { status: 'ok' as const };
    } catch (err) {
      request.log.warn({ err: err instanceof Error ? err.message : 'unknown' }, 'database not reachable');
      return reply
        .code(503)
        .header('retry-after', '5')
        .send({ status: 'unavailable' as const });
    }
  });

  route(app, 'meta', { summary: 'Version und Betriebsart', tags: ['System'], response: { 200: MetaSchema } }, async () => deps.meta());
}
