import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';

/**
 * Request logs carry no personal data: no bodies, no query strings (they hold searched names),
 * no headers. One line per request with the route pattern, status, duration, request id and the
 * caller's user id is enough to trace a problem without leaking who was looked up.
 */
const HEALTH_ROUTE = '/v1/health';

class SafeLogController extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    const line = {
      method: request.method,
      route: request.routeOptions.url ?? '(no route)',
      statusCode: reply.statusCode,
      durationMs: Math.round(reply.elapsedTime * 10) / 10,
      userId: request.caller?.user.id,
    };
    if (error || reply.statusCode >= 500) reply.log.error(line, 'request failed');
    // Every running app asks /v1/health every 2 s (decision 0026): answered probes are not news.
    else if (line.route === HEALTH_ROUTE) reply.log.debug(line, 'request completed');
    else reply.log.info(line, 'request completed');
  }
}

/** Driver errors can carry row values in extra fields (pg's `detail`): keep only these. */
function safeError(err: Error & { code?: unknown }) {
  return { type: err.name, code: err.code, message: err.message, stack: err.stack ?? '' };
}

export function loggerOptions(logger: boolean | object | undefined) {
  if (!logger) return { logger: false as const };
  return {
    logger: {
      level: 'info',
      redact: ['req.headers.authorization', 'req.headers.cookie', 'headers.authorization'],
      serializers: {
        req: (req: { method?: string; routeOptions?: { url?: string }; id?: string }) => ({
          method: req.method,
          route: req.routeOptions?.url,
          id: req.id,
        }),
        res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
        err: safeError,
      },
      ...(typeof logger === 'object' ? logger : {}),
    },
    logController: new SafeLogController(),
  };
}
