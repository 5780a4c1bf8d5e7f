import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { OkSchema } from '../../../contracts/common.ts';
import {
  CreateEventBodySchema,
  CreatePersonBodySchema,
  CreateSessionBodySchema,
  EventListQuerySchema,
  EventListSchema,
  EventSchema,
  EventSlugSchema,
  PersonListQuerySchema,
  PersonListSchema,
  PersonSchema,
  ProgrammeSchema,
  ScheduleSchema,
  SessionResultSchema,
  UpdateEventBodySchema,
  UpdateSessionBodySchema,
} from '../../../contracts/events.ts';
import { route } from '../../http.ts';
import type { EventService } from './events.service.ts';

const tags = ['Veranstaltungen'];
const SlugParams = z.strictObject({ slug: EventSlugSchema });
const SlugSessionParams = z.strictObject({ slug: EventSlugSchema, sessionId: z.uuid() });
const IdParams = z.strictObject({ id: z.uuid() });
const IdSessionParams = z.strictObject({ id: z.uuid(), sessionId: z.uuid() });
const CALENDAR_TYPE = 'text/calendar; charset=utf-8';

export function eventRoutes(app: FastifyInstance, events: EventService) {
  route(
    app,
    'listEvents',
    { summary: 'Veranstaltungen (kommende oder vergangene)', tags, querystring: EventListQuerySchema, response: { 200: EventListSchema } },
    async (req) => events.list(req.actor, req.query),
  );
  route(
    app,
    'getEvent',
    { summary: 'Veranstaltung mit Programm', tags, params: SlugParams, response: { 200: ProgrammeSchema } },
    async (req) => events.programme(req.actor, req.params.slug),
  );
  route(
    app,
    'eventCalendar',
    { summary: 'Veranstaltung als iCalendar-Datei', tags, params: SlugParams, response: {} },
    async (req, reply) => {
      const body = await events.eventCalendar(req.actor, req.params.slug);
      return reply
        .type(CALENDAR_TYPE)
        .header('content-disposition', `attachment; filename="${req.params.slug}.ics"`)
        .header('cache-control', 'no-cache')
        .send(body);
    },
  );
  route(
    app,
    'sessionCalendar',
    { summary: 'Programmpunkt als iCalendar-Datei', tags, params: SlugSessionParams, response: {} },
    async (req, reply) => {
      const body = await events.sessionCalendar(req.actor, req.params.slug, req.params.sessionId);
      return reply
        .type(CALENDAR_TYPE)
        .header('content-disposition', `attachment; filename="${req.params.slug}-sitzung.ics"`)
        .header('cache-control', 'no-cache')
        .send(body);
    },
  );
  route(
    app,
    'eventSchedule',
    { summary: 'Programm als frab/c3voc schedule.json', tags, params: SlugParams, response: { 200: ScheduleSchema } },
    async (req, reply) => {
      reply.header('cache-control', 'no-cache');
      return events.schedule(req.actor, req.params.slug);
    },
  );
  route(
    app,
    'createEvent',
    { summary: 'Veranstaltung anlegen', tags, body: CreateEventBodySchema, response: { 201: EventSchema } },
    async (req, reply) => reply.code(201).send(await events.createEvent(req.actor, req.body)),
  );
  route(
    app,
    'updateEvent',
    { summary: 'Veranstaltung ändern', tags, params: IdParams, body: UpdateEventBodySchema, response: { 200: EventSchema } },
    async (req) => events.updateEvent(req.actor, req.params.id, req.body),
  );
  route(
    app,
    'createSession',
    {
      summary: 'Programmpunkt anlegen (mit Hinweisen auf Überschneidungen)',
      tags,
      params: IdParams,
      body: CreateSessionBodySchema,
      response: { 201: SessionResultSchema },
    },
    async (req, reply) => reply.code(201).send(await events.createSession(req.actor, req.params.id, req.body)),
  );
  route(
    app,
    'updateSession',
    {
      summary: 'Programmpunkt ändern (mit Hinweisen auf Überschneidungen)',
      tags,
      params: IdSessionParams,
      body: UpdateSessionBodySchema,
      response: { 200: SessionResultSchema },
    },
    async (req) => events.updateSession(req.actor, req.params.id, req.params.sessionId, req.body),
  );
  route(
    app,
    'deleteSession',
    { summary: 'Programmpunkt löschen', tags, params: IdSessionParams, response: { 200: OkSchema } },
    async (req) => {
      await events.deleteSession(req.actor, req.params.id, req.params.sessionId);
      return { ok: true as const };
    },
  );
  route(
    app,
    'listPeople',
    {
      summary: 'Personen für Programme (Vortragende, Moderation)',
      tags,
      querystring: PersonListQuerySchema,
      response: { 200: PersonListSchema },
    },
    async (req) => events.listPeople(req.actor, req.query.q),
  );
  route(
    app,
    'createPerson',
    { summary: 'Person für Programme anlegen', tags, body: CreatePersonBodySchema, response: { 201: PersonSchema } },
    async (req, reply) => reply.code(201).send(await events.createPerson(req.actor, req.body)),
  );
}
