/**
 * What the server's log may say about an error. pino's standard serializer writes every
 * enumerable property of an error, and database errors carry the values they failed on:
 * PostgreSQL's `detail` ("Key (id)=(...)", "Token "..." is invalid"), `where`, `hint`,
 * and some drivers the query's parameters. Records hold sensitive fields (notes, the
 * source's name), which must never reach a log: only the error's type, its code (an
 * SQLSTATE or a Fastify code), its message (cut short) and its stack frames are written.
 */
import type { FastifyServerOptions } from 'fastify';

const MAX_MESSAGE = 300;

export interface LoggedError {
  [key: string]: unknown;
  type: string;
  code?: string;
  message: string;
  stack: string;
}

/** The one serializer of `err` in the server's log. */
export function serializeError(error: unknown): LoggedError {
  if (!(error instanceof Error)) return { type: typeof error, message: 'a thrown value that is not an Error', stack: '' };
  const code = (error as { code?: unknown }).code;
  const message = error.message.length > MAX_MESSAGE ? `${error.message.slice(0, MAX_MESSAGE)}…` : error.message;
  // The stack's first line repeats the message in full: only the frames are kept.
  const frames = (error.stack ?? '').split('\n').filter((line) => line.trimStart().startsWith('at ')).join('\n');
  return {
    type: error.name,
    ...(typeof code === 'string' || typeof code === 'number' ? { code: String(code) } : {}),
    message,
    stack: frames,
  };
}

/** Fastify's logger option with our error serializer, whatever the caller configured. */
export function withSafeSerializers(logger: FastifyServerOptions['logger']): FastifyServerOptions['logger'] {
  if (logger === undefined || logger === false) return false;
  const options = logger === true ? {} : logger;
  return { ...options, serializers: { ...options.serializers, err: serializeError } };
}
