import { AppError, ErrorCode, isAppError } from '@chatops/errors';
import { type FastifyError, type FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

// Fastify's own errors that are the caller's fault, mapped onto our codes.
const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: ErrorCode.PayloadTooLarge,
  FST_ERR_CTP_INVALID_MEDIA_TYPE: ErrorCode.UnsupportedMediaType,
  FST_ERR_CTP_EMPTY_JSON_BODY: ErrorCode.MalformedBody,
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: ErrorCode.MalformedBody,
  FST_ERR_CTP_INVALID_JSON_BODY: ErrorCode.MalformedBody,
  FST_ERR_VALIDATION: ErrorCode.BadRequest,
};

/** Any thrown value as an AppError: ours as they are, fastify's by code, the rest as internal. */
export function toAppError(error: unknown): AppError {
  if (isAppError(error)) return error;
  const fastifyError = error as Partial<FastifyError>;
  const mapped = fastifyError.code ? FASTIFY_CODES[fastifyError.code] : undefined;
  if (mapped) return new AppError(mapped, fastifyError.message ?? mapped, { cause: error });
  // A body parser's SyntaxError or another 4xx raised by fastify for a malformed request.
  if (typeof fastifyError.statusCode === 'number' && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
    return new AppError(ErrorCode.BadRequest, fastifyError.message ?? 'bad request', { cause: error });
  }
  return new AppError(ErrorCode.Internal, 'internal error', { cause: error });
}

/**
 * The one place errors become HTTP answers: `{ error: { code, message } }` with the status the
 * code maps to. Internal details never reach the caller.
 */
export const errorHandlerPlugin = fp(
  async (app: FastifyInstance) => {
    app.setErrorHandler((error, request, reply) => {
      const appError = toAppError(error);
      const status = appError.httpStatus;
      if (status >= 500) request.log.error({ err: error, code: appError.code }, 'request failed');
      else request.log.info({ code: appError.code, reason: appError.message }, 'request rejected');
      const message = appError.code === ErrorCode.Internal ? 'internal error' : appError.message;
      if (appError.retryAfterMs !== undefined) reply.header('retry-after', Math.ceil(appError.retryAfterMs / 1000));
      // Details name what the caller got wrong (fields, say); a server error's stay in the logs.
      const details = status < 500 && appError.details ? { details: appError.details } : {};
      void reply.status(status).send({ error: { code: appError.code, message, ...details } });
    });
    app.setNotFoundHandler((request, reply) => {
      void reply.status(404).send({
        error: { code: ErrorCode.NotFound, message: `no route for ${request.method} ${request.url.split('?')[0]}` },
      });
    });
  },
  { name: 'chatops-error-handler' },
);
