import type { FastifyServerOptions } from 'fastify';
import pino from 'pino';

/**
 * Logger options shared by the HTTP server and the CLI. Request bodies are never logged;
 * headers that carry secrets are redacted.
 */
export function loggerOptions(level: string): NonNullable<FastifyServerOptions['logger']> {
  return {
    level,
    redact: {
      paths: ['req.headers.cookie', 'req.headers.authorization', 'req.headers["x-csrf-token"]', 'res.headers["set-cookie"]'],
      censor: '[redacted]',
    },
    serializers: {
      // Query strings may carry tokens or search terms with personal data: log the path only.
      req: (req: { method: string; url: string; id: string }) => ({
        id: req.id,
        method: req.method,
        path: loggedPath(req.url),
      }),
    },
  };
}

/**
 * The path as logged: without query string, and without a panel invitation code — a code in
 * the log next to a timestamp would be a thread from an invitation letter to an answer set.
 */
export function loggedPath(url: string): string {
  return (url.split('?')[0] ?? '').replace(/(\/invitations\/)[^/]+/, '$1[code]');
}

export function createLogger(level: string) {
  return pino(loggerOptions(level) as pino.LoggerOptions);
}
export type Logger = ReturnType<typeof createLogger>;
