import type { FastifyInstance, FastifyRequest } from 'fastify';
import { serializerCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { ApiError } from '../../src/api/errors';
import type { RouteSpec } from '../../src/api/routes';
import type { Caller } from '../auth/caller';
import { unauthorized } from '../errors';

type Parsed<S> = S extends z.ZodType ? z.output<S> : undefined;

/** What a handler receives: the parsed request parts and, on authenticated routes, the caller. */
export interface RouteInput<S extends RouteSpec> {
  params: Parsed<S['params']>;
  query: Parsed<S['querystring']>;
  body: Parsed<S['body']>;
  caller: S['auth'] extends true ? Caller : Caller | null;
  request: FastifyRequest;
}

export type RouteHandler<S extends RouteSpec> = (
  input: RouteInput<S>,
) => Promise<z.input<S['response']>>;

export type Authenticate = (request: FastifyRequest) => Promise<Caller | null>;

export interface RouteOptions {
  /**
   * Skip the zod check of the success body: for large answers built only by typed mappers (sync
   * pages), where checking thousands of rows would cost more than the query. The client parses
   * the answer anyway; the schema still documents it.
   */
  trustedResponse?: boolean;
}

const plainJson = () => (data: unknown) => JSON.stringify(data);

/**
 * Registers one entry of the route table (src/api/routes.ts): the same zod schemas validate the
 * request, check the response and produce the OpenAPI document.
 */
export function registerRoute<S extends RouteSpec>(
  app: FastifyInstance,
  authenticate: Authenticate,
  spec: S,
  handler: RouteHandler<S>,
  options: RouteOptions = {},
): void {
  const errorResponses = Object.fromEntries(spec.errors.map((status) => [status, ApiError]));
  app.withTypeProvider<ZodTypeProvider>().route({
    method: spec.method,
    url: spec.path,
    schema: {
      summary: spec.summary,
      tags: [spec.tag],
      ...(spec.auth ? { security: [{ bearerAuth: [] }] } : {}),
      ...(spec.params ? { params: spec.params } : {}),
      ...(spec.querystring ? { querystring: spec.querystring } : {}),
      ...(spec.body ? { body: spec.body } : {}),
      response: { [spec.status]: spec.response, ...errorResponses },
    },
    ...(options.trustedResponse
      ? {
          serializerCompiler: (def: { httpStatus?: string }) =>
            def.httpStatus === String(spec.status)
              ? plainJson()
              : serializerCompiler(def as Parameters<typeof serializerCompiler>[0]),
        }
      : {}),
    preHandler: spec.auth
      ? async (request) => {
          const caller = await authenticate(request);
          if (!caller) throw unauthorized();
          request.caller = caller;
        }
      : undefined,
    handler: async (request, reply) => {
      const result = await handler({
        params: request.params as Parsed<S['params']>,
        query: request.query as Parsed<S['querystring']>,
        body: request.body as Parsed<S['body']>,
        caller: request.caller as RouteInput<S>['caller'],
        request,
      });
      if (spec.status === 204) return reply.code(204).send();
      return reply.code(spec.status).send(result);
    },
  });
}

/** Binds registerRoute to one app and authenticator, for the route modules. */
export function routeRegistrar(app: FastifyInstance, authenticate: Authenticate) {
  return <S extends RouteSpec>(spec: S, handler: RouteHandler<S>, options?: RouteOptions) =>
    registerRoute(app, authenticate, spec, handler, options);
}
export type Register = ReturnType<typeof routeRegistrar>;
