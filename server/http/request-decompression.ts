/**
 * Request bodies sent with `Content-Encoding: gzip` are inflated as they are read, with
 * a hard cap: the inflated body may not pass the body limit. A gzip bomb (a small body
 * that inflates to gigabytes) gets 413 `payload_too_large` as soon as it passes the
 * limit, and the inflating stops there: the rest of what the client sends is read and
 * dropped unread. (Fastify also counts the inflated bytes of a preParsing stream
 * against the limit, but only stops listening; the inflater would go on to the end of
 * the body, discarding gigabytes of output. @fastify/compress, which compresses the
 * responses, leaves requests to this hook.)
 */
import { Transform } from 'node:stream';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { ApiError } from './api-error';

/** The stream Fastify reads the body from; `receivedEncodedLength` lets it check Content-Length against the bytes as sent. */
type BodyStream = Transform & { receivedEncodedLength?: number };

/** Inflate `raw` through a limiter that stops everything once `limit` inflated bytes have passed. */
function inflateWithin(raw: Readable, limit: number): BodyStream {
  const gunzip = createGunzip();
  let inflated = 0;
  const body: BodyStream = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      inflated += chunk.length;
      if (inflated > limit) {
        stop(new ApiError(413, 'payload_too_large', `The request body inflates to more than the limit of ${limit} bytes.`));
        callback();
        return;
      }
      callback(null, chunk);
    },
  });
  body.receivedEncodedLength = 0;
  const count = (chunk: Buffer): void => {
    body.receivedEncodedLength = (body.receivedEncodedLength ?? 0) + chunk.length;
  };
  let stopped = false;
  function stop(error: ApiError): void {
    if (stopped) return;
    stopped = true;
    raw.unpipe(gunzip);
    gunzip.unpipe(body);
    gunzip.destroy();
    // Read the rest of what the client sends and drop it, so that the answer can be sent.
    raw.off('data', count);
    raw.resume();
    body.destroy(error);
  }
  gunzip.on('error', () => stop(new ApiError(400, 'invalid_request', 'The request body is not valid gzip data.')));
  // Fastify listens for the body's errors only while it reads the body; a request it
  // refuses unread (a wrong content type, found by the route fuzz) would otherwise leave
  // the error above unhandled, and an unhandled 'error' event ends the process.
  body.on('error', () => undefined);
  raw.on('data', count);
  raw.pipe(gunzip).pipe(body);
  return body;
}

/** Inflate gzipped request bodies, refuse other encodings (415), within the route's body limit (the app's unless the route sets its own). */
export function installRequestDecompression(app: FastifyInstance): void {
  app.addHook('preParsing', (request, _reply, payload, done) => {
    const header = request.headers['content-encoding'];
    const encoding = typeof header === 'string' ? header.trim().toLowerCase() : '';
    if (encoding === '' || encoding === 'identity' || request.method === 'GET' || request.method === 'HEAD') {
      done(null, payload);
      return;
    }
    if (encoding !== 'gzip') {
      done(new ApiError(415, 'invalid_request', `Request bodies may be sent plain or with Content-Encoding: gzip, not ${encoding.slice(0, 40)}.`));
      return;
    }
    // A route may allow more than the app (an issued report: MAX_ISSUED_REPORT_BYTES).
    done(null, inflateWithin(payload, request.routeOptions.bodyLimit));
  });
}
