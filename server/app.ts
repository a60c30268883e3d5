import Fastify from 'fastify';
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import fastifyCompress from '@fastify/compress';
import fastifyCors from '@fastify/cors';
import fastifyRateLimit from '@fastify/rate-limit';
import type { Db } from './db/db';
import { MAX_PUSH_BYTES } from '../shared/sync/protocol';
import type { Clock } from './domain/time';
import { ApiError } from './http/api-error';
import { adminAuthHook, deviceAuthHook } from './http/auth';
import { countHit, dbRateLimitStore } from './http/db-rate-limit-store';
import { installErrorHandlers } from './http/error-handler';
import { clientErrorHandler, frameworkErrorHandler, refuseLongUrls } from './http/http-layer-errors';
import { installRequestDecompression } from './http/request-decompression';
import { withSafeSerializers } from './http/log-serializers';
import { installSecurityHeaders } from './http/security-headers';
import { DEFAULT_TOKEN_FAILURE_RATE_LIMIT, TokenFailureLimiter } from './http/token-failure-limiter';
import type { TokenFailureRateLimit } from './http/token-failure-limiter';
import { registerWebApp } from './http/web-app';
import { generateToken } from './domain/secrets';
import { registerAdminRoutes } from './routes/admin-routes';
import { registerDeviceRoutes } from './routes/device-routes';
import { registerEnrolmentRoute } from './routes/enrolment-route';
import type { EnrolmentRateLimit } from './routes/enrolment-route';
import { registerHealthRoute } from './routes/health-route';
import { registerOpenApiRoute } from './routes/openapi-route';
import { registerReportRoutes } from './routes/report-routes';
import { registerSyncRoutes } from './routes/sync-routes';

/** The Electron renderer's origin (main/ serves it over the app:// protocol). */
export const ELECTRON_ORIGIN = 'app://routewatch';

/**
 * Largest request body (after inflating a gzipped one): a push as large as a device
 * builds (MAX_PUSH_BYTES, shared/sync/push-batch.ts), with room to spare, so a valid
 * outbox can never get stuck on 413. A single change, at most MAX_RECORD_BYTES of record
 * and MAX_REVISIONS_BYTES of revisions, is far smaller. (A record at the schema's
 * maximum sizes, notes included, with every character JSON-escaped, is larger than
 * MAX_RECORD_BYTES: the server refuses that record alone, not its batch.)
 */
export const DEFAULT_BODY_LIMIT = MAX_PUSH_BYTES + 1024 * 1024;

export const DEFAULT_ENROLMENT_RATE_LIMIT: EnrolmentRateLimit = { max: 10, timeWindowMs: 60_000 };

export interface BuildServerOptions {
  /** The database, already migrated. The server keeps no other state. */
  db: Db;
  /** Token of the admin API; without one, the admin routes refuse every request. */
  adminToken?: string | undefined;
  /** Web mode: the built renderer to serve on the same origin as the API. */
  rendererDir?: string | undefined;
  /** Fastify's logger option (false by default). */
  logger?: FastifyServerOptions['logger'];
  /** Browser origins allowed to call the API besides app://routewatch. */
  allowedOrigins?: readonly string[];
  /** Server clock (ms since the epoch), for clock-skew checks and code expiry. */
  now?: Clock;
  enrolmentRateLimit?: EnrolmentRateLimit;
  /** Failed device and admin token checks allowed per address and window (http/token-failure-limiter.ts). */
  tokenFailureRateLimit?: TokenFailureRateLimit;
  /** Receives the app's limiter of failed token checks (tests read its memory). */
  onTokenFailureLimiter?: (limiter: TokenFailureLimiter) => void;
  bodyLimit?: number;
  /** Trust X-Forwarded-For from a reverse proxy when limiting by IP address. */
  trustProxy?: boolean;
}

/** Build the Fastify app (not yet listening): drive it with `app.inject` or `app.listen`. */
export async function buildServer(options: BuildServerOptions): Promise<FastifyInstance> {
  const { db } = options;
  const now = options.now ?? Date.now;
  const bodyLimit = options.bodyLimit ?? DEFAULT_BODY_LIMIT;
  const app = Fastify({
    // Errors are logged without the values they carry (http/log-serializers.ts).
    logger: withSafeSerializers(options.logger),
    bodyLimit,
    trustProxy: options.trustProxy ?? false,
    // Slow clients may not hold connections open for ever.
    requestTimeout: 60_000,
    // Device ids are at most 40 characters: nothing legitimate in a path is longer.
    routerOptions: { maxParamLength: 200 },
    // Errors of the HTTP layer get the API's error body too (http/http-layer-errors.ts).
    clientErrorHandler,
    frameworkErrors: frameworkErrorHandler,
  });
  app.addHook('onRequest', refuseLongUrls);
  // The API speaks JSON only. Fastify also parses text/plain by default, which would let
  // a web page post to the API cross-site without a CORS preflight.
  app.removeContentTypeParser('text/plain');

  const allowed = new Set([ELECTRON_ORIGIN, ...(options.allowedOrigins ?? [])]);
  await app.register(fastifyCors, {
    origin: (origin, callback) => {
      callback(null, origin !== undefined && allowed.has(origin));
    },
    methods: ['GET', 'POST'],
    allowedHeaders: ['authorization', 'content-type', 'content-encoding'],
    maxAge: 600,
  });
  await app.register(fastifyRateLimit, {
    global: false,
    store: dbRateLimitStore(db),
    errorResponseBuilder: (_request, context) =>
      new ApiError(429, 'rate_limited', `Too many attempts from this address: try again in ${context.after}.`),
  });

  // Bodies travel gzipped both ways (a push of 200 records is mostly repeated keys).
  // Answers are compressed for clients that accept gzip; registered before the web
  // app's static files so that they are compressed too. Requests are inflated by our
  // own hook, which stops a gzip bomb at the body limit (http/request-decompression.ts).
  await app.register(fastifyCompress, { global: true, globalDecompression: false, encodings: ['gzip'], threshold: 1024 });
  installRequestDecompression(app);

  installSecurityHeaders(app);
  const appShell = options.rendererDir === undefined ? undefined : await registerWebApp(app, options.rendererDir);
  installErrorHandlers(app, appShell);

  const limiter = new TokenFailureLimiter((key, windowMs) => countHit(db, key, windowMs), options.tokenFailureRateLimit ?? DEFAULT_TOKEN_FAILURE_RATE_LIMIT);
  options.onTokenFailureLimiter?.(limiter);
  const deviceAuth = deviceAuthHook(db, limiter);
  // Without a configured token no bearer value matches a fresh random one.
  const adminAuth = adminAuthHook(options.adminToken ?? generateToken(), limiter);
  registerHealthRoute(app, db);
  registerOpenApiRoute(app);
  registerEnrolmentRoute(app, db, now, options.enrolmentRateLimit ?? DEFAULT_ENROLMENT_RATE_LIMIT);
  registerDeviceRoutes(app, deviceAuth);
  registerSyncRoutes(app, db, now, deviceAuth);
  registerReportRoutes(app, db, deviceAuth);
  registerAdminRoutes(app, db, now, adminAuth);
  return app;
}
