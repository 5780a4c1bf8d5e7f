import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ExportQuerySchema } from '../../../contracts/study-admin.ts';
import { route } from '../../http.ts';
import type { ExportService } from './export.service.ts';

export function exportRoutes(app: FastifyInstance, exports: ExportService) {
  route(
    app,
    'exportResponsesCsv',
    {
      summary: 'Antworten einer Welle als CSV (UTF-8 mit BOM, Formeln entschärft)',
      tags: ['Studienverwaltung'],
      params: z.strictObject({ id: z.uuid() }),
      querystring: ExportQuerySchema,
      response: {},
    },
    async (req, reply) => {
      const file = await exports.csv(req.actor, req.params.id, req.query.separator === 'comma' ? ',' : ';');
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${file.fileName}"`)
        .header('cache-control', 'no-store')
        .send(Readable.from(file.lines));
    },
  );
}
