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
        path: req.url.split('?')[0],
      }),
    },
  };
}

export function createLogger(level: string) {
  return pino(loggerOptions(level) as pino.LoggerOptions);
}
export type Logger = ReturnType<typeof createLogger>;
