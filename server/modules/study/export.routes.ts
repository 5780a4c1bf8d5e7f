import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { ExportQuerySchema } from '../../../contracts/study-admin.ts';
import { route } from '../../http.ts';
import { allowInlineStyles } from '../../plugins/csp.ts';
import type { ExportFile, ExportService } from './export.service.ts';

const Params = z.strictObject({ id: z.uuid() });

const download = (reply: FastifyReply, contentType: string, file: ExportFile) =>
  reply
    .header('content-type', contentType)
    .header('content-disposition', `attachment; filename="${file.fileName}"`)
    .header('cache-control', 'no-store')
    .send(file.stream);

export function exportRoutes(app: FastifyInstance, exports: ExportService) {
  route(
    app,
    'exportResponsesCsv',
    {
      summary: 'Antworten einer Welle als CSV (UTF-8 mit BOM, Formeln entschärft)',
      tags: ['Studienverwaltung'],
      params: Params,
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

  route(
    app,
    'exportResponsesXlsx',
    {
      summary: 'Antworten einer Welle als Excel-Arbeitsmappe (mit Gewicht und Codebuch-Blatt)',
      tags: ['Studienverwaltung'],
      params: Params,
      response: {},
    },
    async (req, reply) =>
      download(reply, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', await exports.xlsx(req.actor, req.params.id)),
  );

  route(
    app,
    'exportResponsesSav',
    {
      summary: 'Antworten einer Welle als SPSS-Datei (.sav, mit Variablen- und Wertelabels)',
      tags: ['Studienverwaltung'],
      params: Params,
      response: {},
    },
    async (req, reply) => download(reply, 'application/x-spss-sav', await exports.sav(req.actor, req.params.id)),
  );

  route(
    app,
    'waveCodebook',
    {
      summary: 'Codebuch einer Welle als druckbare HTML-Seite',
      tags: ['Studienverwaltung'],
      params: Params,
      response: {},
    },
    async (req, reply) => {
      const html = await exports.codebook(req.actor, req.params.id);
      allowInlineStyles(reply);
      return reply.header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-store').send(html);
    },
  );
}
