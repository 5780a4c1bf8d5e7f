import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  MarginsBodySchema,
  PublishResultsBodySchema,
  ResultsQuerySchema,
  WaveMarginsSchema,
  WaveResultsSchema,
} from '../../../contracts/results.ts';
import { WaveCodeSchema } from '../../../contracts/study.ts';
import { WaveSchema } from '../../../contracts/study-admin.ts';
import { route } from '../../http.ts';
import type { ResultsService } from './results.service.ts';

const IdParams = z.strictObject({ id: z.uuid() });
const tags = ['Ergebnisse'];

export function resultsRoutes(app: FastifyInstance, results: ResultsService) {
  route(
    app,
    'waveResults',
    {
      summary: 'Stimmungsbild einer Welle: Indizes, Gruppen, Verteilungen (gewichtet, mit Geheimhaltung kleiner Gruppen)',
      tags,
      params: IdParams,
      querystring: ResultsQuerySchema,
      response: { 200: WaveResultsSchema },
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      return results.waveResults(req.actor, req.params.id, req.query);
    },
  );
  route(
    app,
    'getWaveMargins',
    { summary: 'Randverteilungen der Gewichtung einer Welle', tags, params: IdParams, response: { 200: WaveMarginsSchema } },
    async (req) => results.getMargins(req.actor, req.params.id),
  );
  route(
    app,
    'setWaveMargins',
    {
      summary: 'Eigene Randverteilungen für eine Welle hinterlegen (geprüft gegen den Fragebogen)',
      tags,
      params: IdParams,
      body: MarginsBodySchema,
      response: { 200: WaveMarginsSchema },
    },
    async (req) => results.setMargins(req.actor, req.params.id, req.body),
  );
  route(
    app,
    'publishResults',
    {
      summary: 'Ergebnisse einer Welle öffentlich machen oder zurücknehmen',
      tags,
      params: IdParams,
      body: PublishResultsBodySchema,
      response: { 200: WaveSchema },
    },
    async (req) => results.publish(req.actor, req.params.id, req.body.published),
  );
  route(
    app,
    'publicResults',
    {
      summary: 'Veröffentlichtes Stimmungsbild einer Welle (nur Aggregate, Geheimhaltung kleiner Gruppen)',
      tags,
      params: z.strictObject({ code: WaveCodeSchema }),
      response: { 200: WaveResultsSchema },
    },
    async (req, reply) => {
      const body = await results.publicResults(req.params.code);
      // Only a published result may be cached: a 404 must not outlive the publication.
      reply.header('cache-control', 'public, max-age=30');
      return body;
    },
  );
}
