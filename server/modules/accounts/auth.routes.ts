import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  ChangePasswordSchema,
  LoginSchema,
  MeSchema,
  ResetConfirmSchema,
  ResetRequestSchema,
  SessionInfoSchema,
} from '../../../contracts/accounts.ts';
import { OkSchema } from '../../../contracts/common.ts';
import { route } from '../../http.ts';
import type { AuthService } from './auth.service.ts';

export function authRoutes(app: FastifyInstance, auth: AuthService) {
  route(
    app,
    'me',
    { summary: 'Angemeldete Person und CSRF-Token', tags: ['Anmeldung'], response: { 200: MeSchema } },
    async (req, reply) => ({
      user: await auth.me(req.actor),
      csrfToken: reply.csrfTokenFor(req.actor),
    }),
  );

  route(
    app,
    'login',
    { summary: 'Anmelden (neue Sitzung)', tags: ['Anmeldung'], body: LoginSchema, response: { 200: MeSchema } },
    async (req, reply) => {
      const { token, actor, user } = await auth.login(req.body, { address: req.ip, userAgent: req.headers['user-agent'] }, req.actor);
      reply.startSession(token, actor);
      return { user, csrfToken: reply.csrfTokenFor(actor) };
    },
  );

  route(app, 'logout', { summary: 'Abmelden', tags: ['Anmeldung'], response: { 200: MeSchema } }, async (req, reply) => {
    await auth.logout(req.actor);
    reply.endSession();
    return { user: null, csrfToken: reply.csrfTokenFor(null) };
  });

  route(
    app,
    'resetRequest',
    {
      summary: 'Link zum Zurücksetzen des Passworts anfordern',
      tags: ['Anmeldung'],
      body: ResetRequestSchema,
      response: { 202: OkSchema },
    },
    async (req, reply) => {
      await auth.requestReset(req.body.email);
      return reply.code(202).send({ ok: true });
    },
  );

  route(
    app,
    'resetConfirm',
    { summary: 'Neues Passwort mit Link-Token setzen', tags: ['Anmeldung'], body: ResetConfirmSchema, response: { 200: OkSchema } },
    async (req) => {
      await auth.confirmReset(req.body);
      return { ok: true as const };
    },
  );

  route(
    app,
    'changePassword',
    { summary: 'Eigenes Passwort ändern', tags: ['Konto'], body: ChangePasswordSchema, response: { 200: OkSchema } },
    async (req) => {
      await auth.changePassword(req.actor, req.body);
      return { ok: true as const };
    },
  );

  route(app, 'listSessions', { summary: 'Eigene Sitzungen', tags: ['Konto'], response: { 200: z.array(SessionInfoSchema) } }, async (req) =>
    auth.listSessions(req.actor),
  );

  route(
    app,
    'revokeSession',
    {
      summary: 'Eine eigene Sitzung beenden',
      tags: ['Konto'],
      params: z.strictObject({ id: z.string().min(1).max(64) }),
      response: { 200: OkSchema },
    },
    async (req) => {
      await auth.revokeSession(req.actor, req.params.id);
      return { ok: true as const };
    },
  );

  route(app, 'logoutEverywhere', { summary: 'Überall abmelden', tags: ['Konto'], response: { 200: MeSchema } }, async (req, reply) => {
    await auth.logoutEverywhere(req.actor);
    reply.endSession();
    return { user: null, csrfToken: reply.csrfTokenFor(null) };
  });
}
