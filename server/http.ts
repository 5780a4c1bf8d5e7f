import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { API, type ApiName } from '../contracts/api.ts';
import { ErrorBodySchema } from '../contracts/common.ts';
import { langFrom } from './errors.ts';

type Z = z.ZodType;
type Out<T> = T extends Z ? z.output<T> : undefined;

const ERROR_RESPONSES = {
  400: ErrorBodySchema,
  401: ErrorBodySchema,
  403: ErrorBodySchema,
  404: ErrorBodySchema,
  409: ErrorBodySchema,
  413: ErrorBodySchema,
  415: ErrorBodySchema,
  422: ErrorBodySchema,
  429: ErrorBodySchema,
};

export interface RouteSchema<B, Q, P> {
  summary: string;
  tags: string[];
  body?: B;
  querystring?: Q;
  params?: P;
  response: Record<number, Z>;
}

/**
 * Registers the route that contracts/api.ts names: method and path come from the contract, so
 * server, web client and the authorisation test cannot drift apart. Every route declares its
 * request and response schemas; error responses share one schema.
 */
export function route<B extends Z | undefined = undefined, Q extends Z | undefined = undefined, P extends Z | undefined = undefined>(
  app: FastifyInstance,
  name: ApiName,
  schema: RouteSchema<B, Q, P>,
  handler: (request: FastifyRequest<{ Body: Out<B>; Querystring: Out<Q>; Params: Out<P> }>, reply: FastifyReply) => Promise<unknown>,
  options: { config?: { csrf?: boolean }; bodyLimit?: number } = {},
): void {
  const def = API[name];
  app.withTypeProvider<ZodTypeProvider>().route({
    ...options,
    method: def.method,
    url: def.path,
    schema: { operationId: name, ...schema, response: { ...ERROR_RESPONSES, ...schema.response } },
    handler: handler as never,
  });
}

export const lang = (request: FastifyRequest) => langFrom(request.headers['accept-language']);
