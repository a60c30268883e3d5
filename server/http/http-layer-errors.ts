/**
 * The errors the HTTP layer makes before a route runs: a request Node's parser cannot
 * read (a malformed request line, headers over the limit: Node's `clientError`), a URL
 * Fastify's router cannot decode or whose path parameter is too long (Fastify's
 * `frameworkErrors`), and a URL longer than any the API uses. Each gets the same
 * `{error: {code, message}}` body as every other error (Fastify's and Node's own
 * answers have other shapes, or none).
 *
 * Closing after such an answer: the client may still be sending (a large body after a
 * 413, headers after a 431). Closing a socket whose receive buffer holds unread data
 * makes the kernel send a reset, and a client that gets a reset before it has read the
 * answer loses it. So the server sends its answer, half-closes (FIN), and reads and
 * drops what still arrives for a while ("lingering close", as Apache does) before it
 * destroys the socket.
 */
import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { SyncErrorCode } from '../../shared/sync/protocol';
import { ApiError, errorBody } from './api-error';

/**
 * Longest request target (path and query) the server reads. The longest the API uses
 * is a pull query of about 100 characters, and web mode's asset names are shorter: this
 * leaves ample room and answers 414 well before Node's header limit (16 KiB, then 431).
 */
export const MAX_URL_LENGTH = 4096;

/** How long, and how many bytes, a closing socket keeps reading what the client still sends. */
const LINGER_MS = 5_000;
const LINGER_BYTES = 16 * 1024 * 1024;

const lingering = new WeakSet<Socket>();

/**
 * Half-close now and destroy once the client stops sending, or after LINGER_MS /
 * LINGER_BYTES. Node's HTTP parser reads the socket itself, in C++, not through the
 * stream's 'data' events: a 'data' listener on the socket would take it from the parser
 * and leave it unread. So what arrives is left to the parser, which drops it (after a
 * parse error) or passes it to the request, read and dropped here.
 */
function lingerAndClose(socket: Socket, request?: IncomingMessage): void {
  if (socket.destroyed) return;
  let drained = 0;
  const close = (): void => {
    clearTimeout(timer);
    socket.destroy();
  };
  const timer = setTimeout(close, LINGER_MS);
  timer.unref();
  const count = (chunk: Buffer): void => {
    drained += chunk.length;
    if (drained > LINGER_BYTES) close();
  };
  socket.once('end', close);
  socket.once('close', () => clearTimeout(timer));
  socket.on('error', () => undefined);
  if (request !== undefined && !request.complete) {
    request.on('data', count);
    request.once('end', close);
    request.on('error', () => undefined);
    request.resume();
  }
  if (socket.writable) socket.end();
  socket.resume();
}

/**
 * Close this request's socket with a lingering close once the answer being written on
 * it is sent. Node's HTTP server ends a `Connection: close` answer by calling
 * `destroySoon()`, which destroys the socket as soon as the answer is flushed: replaced
 * here, for this socket only.
 */
export function closeGracefullyAfterAnswer(request: IncomingMessage): void {
  const socket = request.socket as Socket | null;
  if (!socket || lingering.has(socket)) return;
  lingering.add(socket);
  socket.destroySoon = function destroySoonLingering(this: Socket): void {
    lingerAndClose(this, request);
  };
}

function rawAnswer(status: number, reason: string, code: SyncErrorCode, message: string): string {
  const body = JSON.stringify(errorBody(code, message));
  return [
    `HTTP/1.1 ${status} ${reason}`,
    'Content-Type: application/json; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Connection: close',
    'X-Content-Type-Options: nosniff',
    'Cache-Control: no-store',
    '',
    body,
  ].join('\r\n');
}

/** The answer to a request Node's HTTP parser refused. */
function clientErrorAnswer(error: NodeJS.ErrnoException): string {
  switch (error.code ?? '') {
    case 'HPE_HEADER_OVERFLOW':
      return rawAnswer(431, 'Request Header Fields Too Large', 'invalid_request', 'The request line and headers are larger than the limit of 16 KiB.');
    case 'ERR_HTTP_REQUEST_TIMEOUT':
    case 'ERR_HTTP_HEADERS_TIMEOUT':
      return rawAnswer(408, 'Request Timeout', 'invalid_request', 'The request did not arrive in time.');
    case 'HPE_CONTENT_LENGTH_MISMATCH':
    case 'HPE_INVALID_CONTENT_LENGTH':
    case 'HPE_UNEXPECTED_CONTENT_LENGTH':
      return rawAnswer(400, 'Bad Request', 'invalid_request', 'The request has an invalid Content-Length.');
    default:
      return rawAnswer(400, 'Bad Request', 'invalid_request', 'The request is not valid HTTP/1.1.');
  }
}

const answered = new WeakSet<Socket>();

/**
 * Fastify's `clientErrorHandler`: Node's parser refused what arrived on this socket.
 * Answer once with an error body, then close gracefully.
 */
export function clientErrorHandler(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed || answered.has(socket)) return;
  answered.add(socket);
  // The parser has refused the socket; anything that still arrives is dropped unread.
  if (socket.writable) socket.write(clientErrorAnswer(error));
  lingerAndClose(socket);
}

/** Fastify's `frameworkErrors`: a URL its router cannot decode, or a path parameter over `maxParamLength`. */
export function frameworkErrorHandler(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  const [status, message] =
    error.code === 'FST_ERR_MAX_PARAM_LENGTH'
      ? [414, 'A path segment of the URL is longer than any this server uses.']
      : error.code === 'FST_ERR_BAD_URL'
        ? [400, 'The URL is malformed (it has an invalid percent-encoding).']
        : [400, 'The request is not valid.'];
  void reply.status(status).type('application/json; charset=utf-8').send(errorBody('invalid_request', message));
}

/** An onRequest hook: a request target longer than MAX_URL_LENGTH is refused with 414 before anything else. */
export function refuseLongUrls(request: FastifyRequest, _reply: FastifyReply, done: (error?: Error) => void): void {
  const url = request.raw.url ?? '';
  if (url.length > MAX_URL_LENGTH) {
    done(new ApiError(414, 'invalid_request', `The URL is longer than the limit of ${MAX_URL_LENGTH} characters.`));
    return;
  }
  done();
}
