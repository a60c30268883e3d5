import type { ErrorBody, SyncErrorCode } from '../../shared/sync/protocol';

/** errorBodySchema caps messages at 500 characters. */
const MAX_MESSAGE = 500;

/** An expected failure with its HTTP status and protocol error code; the error handler sends it as is. */
export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: SyncErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** The body of every error response. */
export function errorBody(code: SyncErrorCode, message: string): ErrorBody {
  const text = message.length > MAX_MESSAGE ? `${message.slice(0, MAX_MESSAGE - 1)}…` : message;
  return { error: { code, message: text } };
}

/** 400 invalid_request, the answer to any request the server cannot make sense of. */
export function invalidRequest(message: string): ApiError {
  return new ApiError(400, 'invalid_request', message);
}
