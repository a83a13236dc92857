import type { FastifyInstance, FastifyRequest } from 'fastify';
import { serializerCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ApiError } from '../../src/api/errors';
import { isObjectRule } from '../../src/api/access';
import type { RouteSpec } from '../../src/api/routes';
import type { Caller } from '../auth/caller';
import { unauthorized } from '../errors';
import type { AccessCheck } from '../scope/route-access';

declare module 'fastify' {
  interface FastifyInstance {
    /** Checks a route's declared access before its handler (installed once by buildServer). */
    routeAccess: AccessCheck | null;
  }
}

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
  checkDeclaredAccess(spec);
  const check = spec.auth ? app.routeAccess : null;
  if (spec.auth && !check)
    throw new Error(`${spec.method} ${spec.path}: no access check installed`);
  const errorResponses = Object.fromEntries(
    spec.errors.map((status) => [status, spec.errorBodies?.[status] ?? ApiError]),
  );
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
    // After validation: the access check resolves the parsed path parameters (a malformed id is
    // a 400, not an object to look up).
    preHandler: spec.auth
      ? async (request) => {
          const caller = await authenticate(request);
          if (!caller) throw unauthorized();
          // An object may be named in the query (`?orgId=`) too; the path wins on a clash.
          const named = { ...(request.query ?? {}), ...(request.params ?? {}) };
          await check!(caller, spec.access, named as Record<string, unknown>);
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

/**
 * Refuses at start-up a route whose access declaration does not fit it: public exactly when no
 * caller is needed, the object's parameter in the path, and the refusal statuses documented.
 */
export function checkDeclaredAccess(spec: RouteSpec): void {
  const where = `${spec.method} ${spec.path}`;
  const { access } = spec;
  if ((access.scope === 'public') === spec.auth)
    throw new Error(`${where}: 'public' access exactly when the route needs no caller`);
  const object = 'param' in access && isObjectRule(access.scope);
  if (object && !namesParameter(spec, access.param))
    throw new Error(`${where}: the access parameter ${access.param} is not in the path or query`);
  const refuses403 =
    access.roles !== 'any' || ['org-subtree', 'statement-line', 'top-org'].includes(access.scope);
  if (refuses403 && !spec.errors.includes(403))
    throw new Error(`${where}: its access may refuse with 403; list it in errors`);
  if (object && !spec.errors.includes(404))
    throw new Error(`${where}: its access may answer 404; list it in errors`);
}

/** The path has `:name`, or the query schema a required `name`. */
function namesParameter(spec: RouteSpec, name: string): boolean {
  if (spec.path.split('/').includes(`:${name}`)) return true;
  const query = spec.querystring;
  if (!(query instanceof z.ZodObject)) return false;
  const field = (query.shape as Record<string, z.ZodType>)[name];
  return field !== undefined && !field.safeParse(undefined).success;
}

/** Binds registerRoute to one app and authenticator, for the route modules. */
export function routeRegistrar(app: FastifyInstance, authenticate: Authenticate) {
  return <S extends RouteSpec>(spec: S, handler: RouteHandler<S>, options?: RouteOptions) =>
    registerRoute(app, authenticate, spec, handler, options);
}
export type Register = ReturnType<typeof routeRegistrar>;
