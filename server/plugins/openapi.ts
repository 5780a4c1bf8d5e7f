import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import { allowInlineStyles } from './csp.ts';

/**
 * OpenAPI 3 document generated from the routes' zod schemas, served at /api/openapi.json, and a
 * readable documentation page at /api/docs (Swagger UI, served from our own origin).
 */
async function openapiPlugin(app: FastifyInstance, opts: { version: string }) {
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'ITAS-Plattform API',
        version: opts.version,
        description: [
          'Programmierschnittstelle der ITAS-Plattform (Initiative Transformation Automobilregion Südwestsachsen).',
          '',
          'Alle Antworten sind JSON. Fehler haben die Form `{ "error": { "code", "message", "fields?" } }`;',
          '`code` ist stabil, `message` folgt der Sprache aus `Accept-Language` (Deutsch, sonst Englisch bei `en`).',
          'Zustandsändernde Anfragen brauchen das Sitzungs-Cookie und den Header `x-csrf-token` aus `GET /api/auth/me`.',
        ].join('\n'),
      },
      tags: [
        { name: 'System', description: 'Betriebszustand und Metadaten' },
        { name: 'Anmeldung', description: 'Anmeldung, Abmeldung, Passwort zurücksetzen' },
        { name: 'Konto', description: 'Eigenes Konto und Sitzungen' },
        { name: 'Organisationen', description: 'Partnerorganisationen des Konsortiums' },
        { name: 'Nutzer', description: 'Verwaltung der Konten (Administration)' },
        { name: 'Verwaltung', description: 'Postausgang und Sicherheitsprotokoll' },
        { name: 'Befragung', description: 'Resilienz-Studie: Fragebogen abrufen, Antworten einreichen (alle Kanäle)' },
      ],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, {
    routePrefix: '/api/docs',
    // Our own strict CSP (security plugin) applies; Swagger UI needs no inline code or foreign hosts.
    staticCSP: false,
    transformSpecificationClone: true,
    uiConfig: { docExpansion: 'list', deepLinking: true, defaultModelsExpandDepth: 0, validatorUrl: null },
  });
  // Swagger UI sets a few inline styles; only its own pages allow them.
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.url.startsWith('/api/docs')) allowInlineStyles(reply);
    return payload;
  });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}

export default fp(openapiPlugin, { name: 'itas-openapi' });
