import type { FastifyInstance } from 'fastify';
import { contentSecurityPolicy } from '../../shared/security/content-security-policy';

/**
 * Headers on every response: no MIME sniffing, no framing, no referrer; the renderer's
 * Content-Security-Policy on every HTML page; API answers (tokens among them) never cached.
 */
export function installSecurityHeaders(app: FastifyInstance): void {
  const csp = contentSecurityPolicy();
  app.addHook('onSend', (request, reply, payload, done) => {
    void reply.header('x-content-type-options', 'nosniff');
    void reply.header('x-frame-options', 'DENY');
    void reply.header('referrer-policy', 'no-referrer');
    const type = reply.getHeader('content-type');
    if (typeof type === 'string' && type.toLowerCase().startsWith('text/html')) {
      void reply.header('content-security-policy', csp);
    }
    if (request.url.startsWith('/api/')) void reply.header('cache-control', 'no-store');
    done(null, payload);
  });
}
