import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ImportBodySchema, ImportResultSchema } from '../../../contracts/study-admin.ts';
import { route } from '../../http.ts';
import type { ImportService } from './import.service.ts';

const IdParams = z.strictObject({ id: z.uuid() });

/** 50,000 rows of a 40-question questionnaire, column names repeated per row, fit in 64 MiB. */
const IMPORT_LIMIT = 64 * 1024 * 1024;

export function importRoutes(app: FastifyInstance, imports: ImportService) {
  route(
    app,
    'importResponses',
    {
      summary: 'Antworten aus einer Datei importieren (gültige Zeilen in einer Transaktion, abgelehnte mit Gründen)',
      tags: ['Studienverwaltung'],
      params: IdParams,
      body: ImportBodySchema,
      response: { 200: ImportResultSchema },
    },
    async (req) => imports.importResponses(req.actor, req.params.id, req.body),
    { bodyLimit: IMPORT_LIMIT },
  );
}
