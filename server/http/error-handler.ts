import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import type { ErrorBody } from '../../shared/sync/protocol';
import { ApiError, errorBody } from './api-error';
import { closeGracefullyAfterAnswer } from './http-layer-errors';

export interface MappedError {
  statusCode: number;
  body: ErrorBody;
  /** True for faults of the server itself, which are logged and not explained to the caller. */
  internal: boolean;
}

function isFastifyError(error: unknown): error is FastifyError {
  return error instanceof Error && typeof (error as Partial<FastifyError>).statusCode === 'number';
}

/**
 * Map anything thrown while serving a request to a status and errorBodySchema body.
 * Whatever the caller sent can only lead to a 4xx: Fastify's own errors (bad JSON,
 * wrong content type, body too large) are all client errors with a status below 500.
 */
export function mapError(error: unknown, bodyLimit: number): MappedError {
  if (error instanceof ApiError) {
    return { statusCode: error.statusCode, body: errorBody(error.code, error.message), internal: false };
  }
  if (isFastifyError(error)) {
    const status = error.statusCode ?? 500;
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || status === 413) {
      return {
        statusCode: 413,
        body: errorBody('payload_too_large', `The request body is larger than the limit of ${bodyLimit} bytes.`),
        internal: false,
      };
    }
    if (status === 429) {
      return { statusCode: 429, body: errorBody('rate_limited', error.message), internal: false };
    }
    if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      return {
        statusCode: 400,
        body: errorBody('invalid_request', 'Send the body as JSON with Content-Type: application/json.'),
        internal: false,
      };
    }
    if (status >= 400 && status < 500) {
      if (error instanceof SyntaxError) {
        // JSON.parse quotes the text it failed on; a body holds record content, which an
        // answer, and whatever logs it on the device, should not carry back.
        const where = error.message.replace(/, ".*" is not valid JSON$/s, '');
        return { statusCode: 400, body: errorBody('invalid_request', `The body is not valid JSON: ${where}`), internal: false };
      }
      return { statusCode: 400, body: errorBody('invalid_request', `The request is not valid: ${error.message}`), internal: false };
    }
  }
  return { statusCode: 500, body: errorBody('server_error', 'The server failed to handle this request.'), internal: true };
}

/**
 * Answer every error and every unknown route with an errorBodySchema body.
 * `appShell`, in web mode, answers page navigations (GET outside /api, accepting HTML)
 * with the renderer's index.html, so that a reload on a client-side route works.
 */
export function installErrorHandlers(app: FastifyInstance, appShell?: (reply: FastifyReply) => FastifyReply): void {
  app.setErrorHandler((error, request, reply) => {
    // A route may allow more than the app (an issued report): say the limit that applied.
    const mapped = mapError(error, request.routeOptions.bodyLimit);
    if (mapped.internal) request.log.error({ err: error }, 'request failed');
    else request.log.info({ code: mapped.body.error.code, status: mapped.statusCode }, 'request refused');
    if (mapped.statusCode === 413) {
      // The client may still be sending the rest of the body: close the connection after
      // the answer, gracefully, so that the client reads the 413 (http-layer-errors.ts).
      void reply.header('connection', 'close');
      closeGracefullyAfterAnswer(request.raw);
    }
    return reply.status(mapped.statusCode).type('application/json; charset=utf-8').send(mapped.body);
  });
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    const navigation =
      (request.method === 'GET' || request.method === 'HEAD') &&
      !path.startsWith('/api/') &&
      (request.headers.accept ?? '').includes('text/html');
    if (appShell && navigation) return appShell(reply);
    return reply
      .status(404)
      .type('application/json; charset=utf-8')
      .send(errorBody('invalid_request', `There is no route ${request.method} ${path.slice(0, 200)}.`));
  });
}
