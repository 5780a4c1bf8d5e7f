import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { EventSlugSchema } from '../../../contracts/events.ts';
import {
  AcceptOfferBodySchema,
  ChangeWorkshopsBodySchema,
  RegisterBodySchema,
  RegisterResultSchema,
  RegistrationInfoSchema,
  RegistrationListSchema,
  RegistrationViewSchema,
  TokenBodySchema,
  UpdateCapacityBodySchema,
} from '../../../contracts/registration.ts';
import { route } from '../../http.ts';
import type { RegistrationService } from './registration.service.ts';

const tags = ['Anmeldung zu Veranstaltungen'];
const SlugParams = z.strictObject({ slug: EventSlugSchema });
const IdParams = z.strictObject({ id: z.uuid() });

/**
 * Registration routes. Tokens travel in request bodies only (never in paths or query strings,
 * which end up in logs), and personal pages are not cached.
 */
export function registrationRoutes(app: FastifyInstance, registrations: RegistrationService) {
  route(
    app,
    'registrationInfo',
    {
      summary: 'Anmeldestand einer Veranstaltung (offen, freie Plätze, Workshops)',
      tags,
      params: SlugParams,
      response: { 200: RegistrationInfoSchema },
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-cache');
      return registrations.info(req.actor, req.params.slug);
    },
  );
  route(
    app,
    'register',
    {
      summary: 'Anmelden (Bestätigungslink per E-Mail; dieselbe Antwort für bekannte Adressen)',
      tags,
      params: SlugParams,
      body: RegisterBodySchema,
      response: { 202: RegisterResultSchema },
    },
    async (req, reply) => {
      await registrations.checkRegistrationRate({ address: req.ip }, req.body.email);
      return reply.code(202).send(await registrations.register(req.actor, req.params.slug, req.body));
    },
    { bodyLimit: 16 * 1024 },
  );
  const personal = { 'cache-control': 'no-store' };
  route(
    app,
    'confirmRegistration',
    { summary: 'Anmeldung bestätigen (vergibt die Plätze)', tags, body: TokenBodySchema, response: { 200: RegistrationViewSchema } },
    async (req, reply) => reply.headers(personal).send(await registrations.confirm(req.body.token)),
  );
  route(
    app,
    'getRegistration',
    { summary: 'Eigene Anmeldung ansehen', tags, body: TokenBodySchema, response: { 200: RegistrationViewSchema } },
    async (req, reply) => reply.headers(personal).send(await registrations.get(req.body.token)),
  );
  route(
    app,
    'changeRegistration',
    { summary: 'Workshops der eigenen Anmeldung ändern', tags, body: ChangeWorkshopsBodySchema, response: { 200: RegistrationViewSchema } },
    async (req, reply) => reply.headers(personal).send(await registrations.changeWorkshops(req.body)),
  );
  route(
    app,
    'cancelRegistration',
    { summary: 'Eigene Anmeldung stornieren', tags, body: TokenBodySchema, response: { 200: RegistrationViewSchema } },
    async (req, reply) => reply.headers(personal).send(await registrations.cancel(req.body.token)),
  );
  route(
    app,
    'acceptOffer',
    { summary: 'Angebotenen Platz annehmen', tags, body: AcceptOfferBodySchema, response: { 200: RegistrationViewSchema } },
    async (req, reply) => reply.headers(personal).send(await registrations.accept(req.body)),
  );
  route(
    app,
    'listRegistrations',
    { summary: 'Anmeldungen einer Veranstaltung', tags, params: IdParams, response: { 200: RegistrationListSchema } },
    async (req, reply) => reply.headers(personal).send(await registrations.listRegistrations(req.actor, req.params.id)),
  );
  route(app, 'exportRegistrations', { summary: 'Teilnehmendenliste als CSV', tags, params: IdParams, response: {} }, async (req, reply) => {
    const { slug, body } = await registrations.exportCsv(req.actor, req.params.id);
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="anmeldungen-${slug}.csv"`)
      .headers(personal)
      .send(body);
  });
  route(
    app,
    'exportRegistrationsXlsx',
    { summary: 'Teilnehmendenliste als Excel-Datei (mit Workshop-Zuordnung)', tags, params: IdParams, response: {} },
    async (req, reply) => {
      const { slug, body } = await registrations.exportXlsx(req.actor, req.params.id);
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="anmeldungen-${slug}.xlsx"`)
        .headers(personal)
        .send(body);
    },
  );
  route(
    app,
    'updateEventCapacity',
    {
      summary: 'Plätze und Anmeldeschluss festlegen',
      tags,
      params: IdParams,
      body: UpdateCapacityBodySchema,
      response: { 200: RegistrationListSchema },
    },
    async (req) => registrations.updateCapacity(req.actor, req.params.id, req.body),
  );
}
