import { randomBytes, randomUUID } from 'node:crypto';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { ServerDb } from '../src/db/server-db';
import { authenticate } from './auth/authenticate';
import type { ServerContext } from './context';
import { installErrorHandling } from './http/error-handler';
import { loggerOptions } from './http/logging';
import { registerOpenApi } from './http/openapi';
import { routeRegistrar } from './http/register-route';
import { accountRoutesOf } from './routes/accounts';
import { userAdminRoutesOf } from './routes/users-admin';
import { authRoutes, type AuthOptions } from './routes/auth';
import { blobRoutesPlugin } from './routes/blobs';
import { certificateRoutesOf } from './routes/certificates';
import { oversightRoutesOf } from './routes/oversight';
import type { FeesConfig } from './payments/config';
import { feeRoutesPlugin } from './routes/fees';
import { holidayRoutesOf } from './routes/holidays';
import { orgAdminRoutesOf } from './routes/org-admin';
import { importRoutesPlugin } from './routes/imports';
import { memberRoutes } from './routes/members';
import { orgRoutes } from './routes/orgs';
import { pushRoutesOf } from './routes/push';
import { registeredImageRoutesOf } from './routes/registered-images';
import { syncRoutes } from './routes/sync';
import { residenceRoutesOf } from './routes/residence';
import { transferDeps, transferRoutesOf, type TransferOptions } from './routes/transfers';
import { userRoutes } from './routes/users';
import { routeAccessCheck } from './scope/route-access';

export const BODY_LIMIT_BYTES = 1024 * 1024;

/** The central API on an open database, ready for `inject` or `listen`. */
export async function buildServer(opts: {
  db: ServerDb;
  /** HMAC key of the access tokens; random (tokens die with the process) when absent. */
  tokenSecret?: Buffer;
  logger?: boolean | object;
  now?: () => Date;
  transfers?: TransferOptions;
  /** Fee settings (gateway, ceiling, rules); default: the FEES_* environment. */
  fees?: FeesConfig;
  /** Login rate limits and password policy; default: the AUTH_RATE_* / PASSWORD_* environment. */
  auth?: AuthOptions;
}): Promise<FastifyInstance> {
  const ctx: ServerContext = {
    db: opts.db.db,
    engine: opts.db.engine,
    tokenSecret: opts.tokenSecret ?? randomBytes(32),
    now: opts.now ?? (() => new Date()),
  };
  const app = Fastify({
    ...loggerOptions(opts.logger),
    bodyLimit: BODY_LIMIT_BYTES,
    genReqId: () => randomUUID(),
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // JSON only: a text body is a client mistake (415), not something to parse.
  app.removeContentTypeParser('text/plain');
  app.decorateRequest('caller', null);
  app.decorate('routeAccess', routeAccessCheck(ctx));
  installErrorHandling(app);
  await registerOpenApi(app);
  // Only where a route asks for it (login, refresh, gateway callbacks): not a global limit.
  await app.register(rateLimit, { global: false });

  const route = routeRegistrar(app, (request) => authenticate(ctx, request));
  authRoutes(route, ctx, app, opts.auth);
  orgRoutes(route, ctx);
  orgAdminRoutesOf(route, ctx);
  memberRoutes(route, ctx);
  userRoutes(route, ctx);
  userAdminRoutesOf(route, ctx, opts.auth);
  syncRoutes(route, ctx);
  await feeRoutesPlugin(app, (request) => authenticate(ctx, request), ctx, opts.fees);
  transferRoutesOf(route, transferDeps(ctx, opts.transfers));
  pushRoutesOf(route, transferDeps(ctx, opts.transfers));
  residenceRoutesOf(route, ctx);
  accountRoutesOf(route, ctx, app, opts.auth);
  holidayRoutesOf(route, ctx);
  certificateRoutesOf(route, ctx, transferDeps(ctx, opts.transfers).trustAnchors);
  oversightRoutesOf(route, ctx);
  registeredImageRoutesOf(route, ctx);
  await blobRoutesPlugin(
    app,
    (request) => authenticate(ctx, request),
    ctx,
    opts.transfers?.blobMaxBytes,
  );
  await importRoutesPlugin(app, (request) => authenticate(ctx, request), ctx);
  await app.ready();
  return app;
}
