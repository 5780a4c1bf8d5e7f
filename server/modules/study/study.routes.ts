import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { PublicWaveSchema, SubmitBatchSchema, SubmitResultSchema, WaveCodeSchema } from '../../../contracts/study.ts';
import { ErrorBodySchema } from '../../../contracts/common.ts';
import { route } from '../../http.ts';
import type { ResponseService } from './response.service.ts';

const SubmitOrError = z.union([SubmitResultSchema, ErrorBodySchema]);
const CodeParams = z.strictObject({ code: WaveCodeSchema });

/** HTTP status of a one-item submission mirrors its result; a batch answers 200 with per-item results. */
const SINGLE_STATUS = { stored: 201, duplicate: 200, conflict: 409, invalid: 422 } as const;

export function studyRoutes(app: FastifyInstance, responses: ResponseService) {
  route(
    app,
    'publicWave',
    {
      summary: 'Befragung mit Fragebogen (für Teilnehmende)',
      tags: ['Befragung'],
      params: CodeParams,
      response: { 200: PublicWaveSchema },
    },
    async (req) => responses.publicWave(req.params.code),
  );

  route(
    app,
    'submitResponses',
    {
      summary: 'Antworten einreichen (eine oder ein Stapel, je mit eigener UUID)',
      tags: ['Befragung'],
      params: CodeParams,
      body: SubmitBatchSchema,
      // 409/422 carry per-item results for a one-item request, or an error body (closed wave …).
      response: { 200: SubmitResultSchema, 201: SubmitResultSchema, 409: SubmitOrError, 422: SubmitOrError },
    },
    async (req, reply) => {
      const result = await responses.submit(req.actor, req.params.code, req.body);
      const only = result.results.length === 1 ? result.results[0] : undefined;
      return reply.code(only ? SINGLE_STATUS[only.status] : 200).send(result);
    },
    // Anonymous answers ride on no session: no CSRF cookie needed (the origin check stays).
    // Up to 1,000 answer sets per request.
    { config: { csrf: false }, bodyLimit: 8 * 1024 * 1024 },
  );
}
