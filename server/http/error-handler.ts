import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { ApiError } from '../../src/api/errors';
import { HttpError, notFound, refusedFieldVi } from '../errors';

/** The request field named by a validation error: 'body.items.0.name' → 'items.0.name'. */
function fieldOf(instancePath: string, context: string | undefined): string {
  const path = instancePath.split('/').filter((p) => p !== '');
  return path.length > 0 ? path.join('.') : (context ?? 'body');
}

/** Fastify's own client errors (body parsing, limits), answered in our ApiError shape. */
function frameworkError(err: FastifyError): [number, ApiError] | null {
  switch (err.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return [
        413,
        {
          error: 'payload_too_large',
          message: 'Request body is larger than the limit',
          messageVi: 'Dữ liệu gửi lên quá lớn.',
        },
      ];
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return [
        415,
        {
          error: 'unsupported_media_type',
          message: 'Unsupported content type; send application/json',
          messageVi: 'Định dạng dữ liệu gửi lên không được hỗ trợ.',
        },
      ];
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return [
        400,
        {
          error: 'bad_request',
          message: 'Request body is not valid JSON',
          messageVi: 'Dữ liệu gửi lên không đúng định dạng.',
          field: 'body',
        },
      ];
    default:
      return null;
  }
}

/**
 * Every failure leaves as an ApiError; unexpected ones are logged and told apart from client
 * errors.
 */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    if (err instanceof HttpError) return reply.code(err.status).send(err.body);
    if (hasZodFastifySchemaValidationErrors(err)) {
      const first = err.validation[0];
      const field = fieldOf(first?.instancePath ?? '', err.validationContext);
      return reply.code(400).send({
        error: 'bad_request',
        message: `Invalid ${err.validationContext ?? 'request'} field '${field}': ${first?.message ?? 'invalid'}`,
        messageVi: refusedFieldVi(field, first?.message),
        field,
      } satisfies ApiError);
    }
    const known = frameworkError(err);
    if (known) return reply.code(known[0]).send(known[1]);
    if (typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500) {
      return reply.code(err.statusCode).send({
        error: 'bad_request',
        message: err.message,
        messageVi: 'Yêu cầu không hợp lệ.',
      } satisfies ApiError);
    }
    request.log.error({ err }, 'unexpected error');
    return reply.code(500).send({
      error: 'internal',
      message: 'Internal server error',
      messageVi: 'Máy chủ gặp sự cố. Vui lòng thử lại sau.',
    } satisfies ApiError);
  });
  app.setNotFoundHandler((_request, reply) => {
    const { status, body } = notFound();
    return reply.code(status).send(body);
  });
}
