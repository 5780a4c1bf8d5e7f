import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from './config.ts';
import type { AppContext } from './context.ts';
import { ping, type DatabaseHandle } from './db/database.ts';
import { AppError, errorMessage, langFrom, type ErrorCode } from './errors.ts';
import { loggerOptions, type Logger } from './logger.ts';
import { authRoutes, hasDemoUsers, organisationRoutes, userRoutes } from './modules/accounts/index.ts';
import { auditRoutes } from './modules/audit/index.ts';
import {
  checkinRoutes,
  eventRoutes,
  forumNoteRoutes,
  liveRoutes,
  registrationRoutes,
  sessionResultRoutes,
} from './modules/events/index.ts';
import { mailRoutes } from './modules/mail/index.ts';
import { exportRoutes, importRoutes, resultsRoutes, shortLinkRoute, studyAdminRoutes, studyRoutes } from './modules/study/index.ts';
import { systemRoutes } from './modules/system/index.ts';
import openapiPlugin from './plugins/openapi.ts';
import securityPlugin from './plugins/security.ts';
import sessionPlugin from './plugins/session.ts';
import webPlugin from './plugins/web.ts';
import { createServices, type Services } from './services.ts';

z.config(z.locales.de());
const EN = z.locales.en();

export interface BuildAppDeps {
  config: Config;
  database: DatabaseHandle;
  clock?: () => Date;
  /** Where the built web app lives; defaults to the project's dist/. */
  distDir?: string;
}

function fieldPath(instancePath: string): string {
  return instancePath.replace(/^\//, '').replace(/\//g, '.');
}

/** Builds the whole application. Never listens: server/main.ts and tests decide that. */
export async function buildApp(deps: BuildAppDeps): Promise<FastifyInstance & { services: Services }> {
  const { config, database } = deps;
  const app = Fastify({
    logger: config.logLevel === 'silent' ? false : loggerOptions(config.logLevel),
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    requestTimeout: 30_000,
    connectionTimeout: 60_000,
    return503OnClosing: true,
    routerOptions: { ignoreTrailingSlash: true },
    genReqId: () => crypto.randomUUID(),
  });
  // The API speaks JSON only: text/plain (a "simple" cross-site request type) gets 415.
  app.removeContentTypeParser('text/plain');
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  const ctx: AppContext = {
    db: database.db,
    dialect: database.dialect,
    sqlite: database.sqlite,
    config,
    clock: deps.clock ?? (() => new Date()),
    log: app.log as unknown as Logger,
  };
  const services = createServices(ctx);

  app.setErrorHandler((err: FastifyError, request, reply) => {
    const lang = langFrom(request.headers['accept-language']);
    const send = (
      status: number,
      code: ErrorCode,
      fields?: { path: string; message: string }[],
      params?: Record<string, string | number>,
    ) =>
      reply
        .code(status)
        .type('application/json; charset=utf-8')
        .send({
          error: { code, message: errorMessage(code, lang, params), ...(fields?.length ? { fields } : {}), requestId: request.id },
        });

    if (err instanceof AppError) {
      for (const [k, v] of Object.entries(err.headers)) reply.header(k, v);
      const msg = errorMessage(err.code, lang, err.params);
      const fields = err.fields?.map((f) => ({ path: f.path, message: f.message || msg }));
      if (err.status === 401 || err.status === 403) request.log.info({ code: err.code, path: request.routeOptions.url }, 'access denied');
      return send(err.status, err.code, fields, err.params);
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const fields = err.validation.map((v) => {
        const issue = { ...(v.params as object), code: v.keyword, path: v.instancePath.split('/').slice(1), message: v.message } as never;
        const enMessage = v.keyword === 'custom' ? undefined : EN.localeError(issue);
        const message = lang === 'en' && enMessage ? (typeof enMessage === 'string' ? enMessage : enMessage.message) : (v.message ?? '');
        const base = fieldPath(v.instancePath);
        const key = (v.params as { keys?: string[] }).keys;
        return {
          path: v.keyword === 'unrecognized_keys' && key?.length ? key.join(',') : base || (err.validationContext ?? 'body'),
          message,
        };
      });
      return send(400, 'validation.failed', fields);
    }
    switch (err.code) {
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
        return send(400, 'request.invalid_json', [{ path: 'body', message: err.message }]);
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return send(413, 'request.too_large');
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
        return send(415, 'request.unsupported_media_type');
      case 'FST_ERR_CTP_INVALID_PARAMETERS':
      case 'FST_ERR_CTP_INVALID_CHARSET':
        return send(415, 'request.unsupported_media_type');
      case 'FST_CSRF_INVALID_TOKEN':
      case 'FST_CSRF_MISSING_SECRET':
        return send(403, 'csrf.invalid');
    }
    if (err.message?.includes('__proto__') || err.message?.includes('constructor')) {
      if (err.statusCode === 400) return send(400, 'request.forbidden_property');
    }
    if (err.statusCode === 413) return send(413, 'request.too_large');
    if (err.statusCode === 415) return send(415, 'request.unsupported_media_type');
    if (err.statusCode === 405) return send(405, 'method.not_allowed');
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      return send(err.statusCode === 404 ? 404 : 400, err.statusCode === 404 ? 'route.not_found' : 'validation.failed');
    }
    // 5xx: log everything, reveal nothing but the request id.
    request.log.error({ err }, 'unhandled error');
    const dbDown = /ECONNREFUSED|ECONNRESET|terminating connection|Connection terminated|SQLITE_BUSY/.test(String(err.message));
    if (dbDown) {
      reply.header('retry-after', '5');
      return send(503, 'service.unavailable');
    }
    return send(500, 'internal');
  });

  await app.register(securityPlugin);
  await app.register(sessionPlugin, { config, resolveSession: (t) => services.auth.resolveSession(t) });
  await app.register(openapiPlugin, { version: config.version });

  await app.register(async (api) => {
    systemRoutes(api, {
      ping: () => ping(database.db),
      meta: async () => ({ version: config.version, demo: await hasDemoUsers(database.db), mailMode: services.mail.mode }),
    });
    authRoutes(api, services.auth);
    organisationRoutes(api, services.organisations, services.users);
    userRoutes(api, services.users);
    mailRoutes(api, services.mail);
    auditRoutes(api, services.audit);
    studyRoutes(api, services.responses);
    studyAdminRoutes(api, services.studyAdmin);
    importRoutes(api, services.imports);
    exportRoutes(api, services.exports);
    resultsRoutes(api, services.results);
    eventRoutes(api, services.events);
    registrationRoutes(api, services.registrations);
    sessionResultRoutes(api, services.sessionResults);
    forumNoteRoutes(api, services.forumNotes);
    checkinRoutes(api, services.checkins);
    liveRoutes(api, services.live);
  });
  shortLinkRoute(app);

  const distDir = deps.distDir ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist');
  await app.register(webPlugin, { distDir });

  // Graceful shutdown: requests in flight finish, and their keep-alive connections close after
  // the response instead of holding the process open until the keep-alive timeout.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onSend', async (_request, reply, payload) => {
    if (closing) reply.header('connection', 'close');
    return payload;
  });
  app.addHook('onClose', async () => services.mail.close());
  // Live streams: listen for other instances' changes once ready; end every open stream before the server closes.
  app.addHook('onReady', async () => services.live.start(database));
  app.addHook('preClose', async () => services.live.stop());
  const built = app as unknown as FastifyInstance & { services: Services };
  built.services = services;
  return built;
}
