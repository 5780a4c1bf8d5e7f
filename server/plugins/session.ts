import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../config.ts';
import { AppError } from '../errors.ts';
import type { Actor } from '../policies.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** false: no CSRF token needed (anonymous public endpoints); the origin check still applies. */
    csrf?: boolean;
  }
  interface FastifyRequest {
    actor: Actor | null;
  }
  interface FastifyReply {
    startSession(token: string, actor: Actor): void;
    endSession(): void;
    /** A CSRF token bound to the session the response leaves the browser with. */
    csrfTokenFor(actor: Actor | null): string;
  }
}

export interface SessionPluginOptions {
  config: Config;
  resolveSession(token: string | undefined): Promise<Actor | null>;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Server-side sessions in the database, identified by an opaque HttpOnly cookie, and CSRF
 * protection for every state-changing request: a token bound to the session (double-submit with
 * @fastify/csrf-protection, user info = session id) sent in the `x-csrf-token` header, plus a
 * refusal of requests the browser marks as cross-site.
 */
async function sessionPlugin(app: FastifyInstance, opts: SessionPluginOptions) {
  const { config } = opts;
  const prefix = config.secureCookies ? '__Host-' : '';
  const sessionCookie = `${prefix}itas_session`;
  const cookieBase = { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: config.secureCookies };

  await app.register(fastifyCookie, { secret: config.sessionSecret });
  await app.register(fastifyCsrf, {
    cookieKey: `${prefix}itas_csrf`,
    cookieOpts: { ...cookieBase, signed: true },
    getUserInfo: (req: FastifyRequest) => req.actor?.sessionId ?? 'anonymous',
    getToken: (req: FastifyRequest) => {
      const t = req.headers['x-csrf-token'];
      return typeof t === 'string' ? t : undefined;
    },
    csrfOpts: { hmacKey: config.sessionSecret },
  });

  app.decorateRequest('actor', null);

  app.addHook('onRequest', async (request) => {
    request.actor = await opts.resolveSession(request.cookies[sessionCookie]);
  });

  const allowedOrigins = new Set([new URL(config.publicUrl).origin]);
  const isOwnOrigin = (origin: string, host: string | undefined) => {
    try {
      const u = new URL(origin);
      return allowedOrigins.has(u.origin) || u.host === host;
    } catch {
      return false; // "null" (sandboxed frames) and garbage are foreign
    }
  };
  app.addHook('onRequest', async (request, reply) => {
    // The router decodes the path (/%61pi/… reaches /api/…), so the matched route decides, not the raw URL.
    const path = request.routeOptions.url ?? request.url;
    if (SAFE_METHODS.has(request.method) || !path.startsWith('/api/')) return;
    const origin = request.headers.origin;
    if (request.headers['sec-fetch-site'] === 'cross-site' || (origin !== undefined && !isOwnOrigin(origin, request.headers.host))) {
      throw new AppError('csrf.invalid');
    }
    // Anonymous public endpoints (a survey answer, a poll vote) ride on no session and must not
    // need a cookie; they opt out of the token with `config: { csrf: false }` and keep the origin check.
    if (request.routeOptions.config?.csrf === false) return;
    await new Promise<void>((resolve, reject) => {
      app.csrfProtection(request, reply, (err?: Error) => (err ? reject(new AppError('csrf.invalid')) : resolve()));
    });
  });

  app.decorateReply('startSession', function (this: FastifyReply, token: string, actor: Actor) {
    this.request.actor = actor;
    this.setCookie(sessionCookie, token, { ...cookieBase, maxAge: config.session.absoluteHours * 3600 });
  });
  app.decorateReply('endSession', function (this: FastifyReply) {
    this.request.actor = null;
    this.clearCookie(sessionCookie, cookieBase);
  });
  app.decorateReply('csrfTokenFor', function (this: FastifyReply, actor: Actor | null) {
    return this.generateCsrf({ userInfo: actor?.sessionId ?? 'anonymous' });
  });
}

export default fp(sessionPlugin, { name: 'itas-session' });
