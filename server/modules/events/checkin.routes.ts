import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  CheckinBatchResultSchema,
  CheckinBatchSchema,
  CheckinListSchema,
  TicketScanResultSchema,
  TicketScanSchema,
} from '../../../contracts/checkin.ts';
import { route } from '../../http.ts';
import type { CheckinService } from './checkin.service.ts';

const tags = ['Einlass'];
const IdParams = z.strictObject({ id: z.uuid() });
const personal = { 'cache-control': 'no-store' };

/** Check-in at the door and the badge sheet: for staff. Tickets travel in request bodies only. */
export function checkinRoutes(app: FastifyInstance, checkins: CheckinService) {
  route(
    app,
    'checkinList',
    {
      summary: 'Einlassliste (bestätigte Anmeldungen mit Ticket-Prüfsummen)',
      tags,
      params: IdParams,
      response: { 200: CheckinListSchema },
    },
    async (req, reply) => reply.headers(personal).send(await checkins.list(req.actor, req.params.id)),
  );
  route(
    app,
    'syncCheckins',
    {
      summary: 'Check-ins eines Einlassgeräts übertragen (bis zu 500, idempotent je Scan)',
      tags,
      params: IdParams,
      body: CheckinBatchSchema,
      response: { 200: CheckinBatchResultSchema },
    },
    async (req) => checkins.sync(req.actor, req.params.id, req.body),
    { bodyLimit: 512 * 1024 },
  );
  route(
    app,
    'checkInTicket',
    {
      summary: 'Ein Ticket sofort einchecken (ungültig 400, storniert oder andere Veranstaltung 409)',
      tags,
      params: IdParams,
      body: TicketScanSchema,
      response: { 200: TicketScanResultSchema },
    },
    async (req) => checkins.scan(req.actor, req.params.id, req.body),
  );
  route(
    app,
    'badgesPdf',
    { summary: 'Namensschilder als PDF (A4, 8 je Seite)', tags, params: IdParams, response: {} },
    async (req, reply) => {
      const { slug, pdf } = await checkins.badges(req.actor, req.params.id);
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="namensschilder-${slug}.pdf"`)
        .headers(personal)
        .send(pdf);
    },
  );
}
