import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { isAnonymousPage, isWebRoute } from '../../contracts/web-routes.ts';
import { AppError } from '../errors.ts';
import { allowInlineStyles, isQuestionnaireEditor } from './csp.ts';

/**
 * The offline interviewer app (/interview, /interview/:code). Its service worker (dist/sw.js,
 * scope /interview) keeps this page for offline starts, so the page carries the policy the
 * questionnaire needs; sw.js itself is served like every non-hashed file: no-cache.
 */
function isInterviewerPage(pathname: string): boolean {
  return pathname === '/interview' || pathname.startsWith('/interview/');
}

/**
 * Serves the built web app from `dist/`. Hashed assets are cached for a year; the page itself is
 * never cached, so a deployment reaches people at once. Paths the app knows get the page with
 * 200, all other paths the same page with 404 (it shows "Seite nicht gefunden"); /api answers
 * unknown paths with a JSON 404.
 */
async function webPlugin(app: FastifyInstance, opts: { distDir: string }) {
  const indexFile = path.join(opts.distDir, 'index.html');
  const hasDist = existsSync(indexFile);
  const indexHtml = hasDist ? readFileSync(indexFile) : null;

  if (hasDist) {
    await app.register(fastifyStatic, {
      root: opts.distDir,
      wildcard: false,
      index: false,
      setHeaders: (res, filePath) => {
        res.header('cache-control', filePath.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }

  app.setNotFoundHandler(async (request, reply) => {
    const pathname = request.url.split('?')[0] ?? '/';
    if (pathname.startsWith('/api/') || pathname === '/api' || !['GET', 'HEAD'].includes(request.method)) {
      throw new AppError('route.not_found');
    }
    const status = isWebRoute(pathname) ? 200 : 404;
    if (!indexHtml) {
      return reply
        .code(status)
        .type('text/plain; charset=utf-8')
        .send('Die Web-Oberfläche ist nicht gebaut. Bitte "npm run build" ausführen.');
    }
    // The questionnaire renderer styles its elements inline (survey pages, the interviewer app, the editor's preview).
    if (isAnonymousPage(pathname) || isInterviewerPage(pathname) || isQuestionnaireEditor(pathname)) allowInlineStyles(reply);
    return reply.code(status).type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(indexHtml);
  });
}

export default fp(webPlugin, { name: 'itas-web' });
