import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  OrganisationInputSchema,
  OrganisationSchema,
  UserCreateSchema,
  UserListQuerySchema,
  UserSchema,
  UserUpdateSchema,
} from '../../../contracts/accounts.ts';
import { EndedSessionsSchema } from '../../../contracts/admin.ts';
import { IdSchema, OkSchema } from '../../../contracts/common.ts';
import { route } from '../../http.ts';
import type { OrganisationService } from './organisation.service.ts';
import type { UserService } from './user.service.ts';

const IdParams = z.strictObject({ id: IdSchema });

export function organisationRoutes(app: FastifyInstance, organisations: OrganisationService, users: UserService) {
  route(
    app,
    'listOrganisations',
    { summary: 'Partnerorganisationen', tags: ['Organisationen'], response: { 200: z.array(OrganisationSchema) } },
    async () => organisations.list(),
  );

  route(
    app,
    'createOrganisation',
    { summary: 'Organisation anlegen', tags: ['Organisationen'], body: OrganisationInputSchema, response: { 201: OrganisationSchema } },
    async (req, reply) => reply.code(201).send(await organisations.create(req.actor, req.body)),
  );

  route(
    app,
    'updateOrganisation',
    {
      summary: 'Organisation ändern',
      tags: ['Organisationen'],
      params: IdParams,
      body: OrganisationInputSchema.partial(),
      response: { 200: OrganisationSchema },
    },
    async (req) => organisations.update(req.actor, req.params.id, req.body),
  );

  route(
    app,
    'listMembers',
    { summary: 'Personen einer Organisation', tags: ['Organisationen'], params: IdParams, response: { 200: z.array(UserSchema) } },
    async (req) => users.listMembers(req.actor, req.params.id),
  );
}

export function userRoutes(app: FastifyInstance, users: UserService) {
  route(
    app,
    'listUsers',
    { summary: 'Alle Konten', tags: ['Nutzer'], querystring: UserListQuerySchema, response: { 200: z.array(UserSchema) } },
    async (req) => users.list(req.actor, req.query),
  );

  route(
    app,
    'createUser',
    {
      summary: 'Konto anlegen (mit Passwort oder Einladung per E-Mail)',
      tags: ['Nutzer'],
      body: UserCreateSchema,
      response: { 201: UserSchema },
    },
    async (req, reply) => reply.code(201).send(await users.create(req.actor, req.body)),
  );

  route(app, 'getUser', { summary: 'Ein Konto', tags: ['Nutzer'], params: IdParams, response: { 200: UserSchema } }, async (req) =>
    users.get(req.actor, req.params.id),
  );

  route(
    app,
    'updateUser',
    {
      summary: 'Konto ändern (Rolle, Organisation, Status)',
      tags: ['Nutzer'],
      params: IdParams,
      body: UserUpdateSchema,
      response: { 200: UserSchema },
    },
    async (req) => users.update(req.actor, req.params.id, req.body),
  );

  route(app, 'deleteUser', { summary: 'Konto löschen', tags: ['Nutzer'], params: IdParams, response: { 200: OkSchema } }, async (req) => {
    await users.remove(req.actor, req.params.id);
    return { ok: true as const };
  });

  route(
    app,
    'endUserSessions',
    {
      summary: 'Alle Sitzungen eines Kontos beenden',
      tags: ['Nutzer'],
      params: IdParams,
      response: { 200: EndedSessionsSchema },
    },
    async (req) => ({ ended: await users.endSessions(req.actor, req.params.id) }),
  );
}
