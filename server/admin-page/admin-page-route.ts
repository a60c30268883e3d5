import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { transform } from 'esbuild';
import { ROLES } from '../../shared/access/roles';
import { MISSIONS } from '../../shared/observations/codelists';
import { DEFAULT_CODE_TTL_HOURS, MAX_CODE_TTL_HOURS } from '../domain/enrolment-repo';

const HERE = fileURLToPath(new URL('./', import.meta.url));

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function options(values: readonly string[]): string {
  return values.map((v) => `<option value="${escapeHtml(v)}">${escapeHtml(v)}</option>`).join('');
}

/** The page, with the lists the server knows filled in (so that the script needs none of them). */
function pageHtml(): string {
  const filled: Record<string, string> = {
    ROLE_OPTIONS: options(ROLES),
    MISSION_OPTIONS: options(MISSIONS),
    DEFAULT_TTL_HOURS: String(DEFAULT_CODE_TTL_HOURS),
    MAX_TTL_HOURS: String(MAX_CODE_TTL_HOURS),
  };
  return readFileSync(`${HERE}admin-page.html`, 'utf8').replace(/\{\{([A-Z_]+)\}\}/g, (whole, key: string) => filled[key] ?? whole);
}

/**
 * The page's script is TypeScript (browser/admin-page.ts, type-checked with the DOM
 * library by its own tsconfig); the server strips its types once, on first request, so
 * that no build step stands between the source and a running server.
 */
let script: Promise<string> | undefined;
function pageScript(): Promise<string> {
  script ??= transform(readFileSync(`${HERE}browser/admin-page.ts`, 'utf8'), {
    loader: 'ts',
    format: 'esm',
    target: 'es2022',
    sourcefile: 'admin-page.ts',
  }).then((result) => result.code);
  return script;
}

/**
 * GET /admin: the administrator's page (offices, enrolment codes with their QR code,
 * devices, revocation, token rotation). The page itself is public and holds nothing
 * secret: everything it shows comes from the admin API, with the admin token the
 * administrator types into it. Its script and style are files, as the
 * Content-Security-Policy (no inline script) asks.
 */
export function registerAdminPage(app: FastifyInstance): void {
  const html = pageHtml();
  const css = readFileSync(`${HERE}admin-page.css`, 'utf8');
  app.get('/admin', (_request, reply) => reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(html));
  app.get('/admin/', (_request, reply) => reply.redirect('/admin'));
  app.get('/admin/admin-page.css', (_request, reply) => reply.type('text/css; charset=utf-8').header('cache-control', 'no-cache').send(css));
  app.get('/admin/admin-page.js', async (_request, reply) =>
    reply.type('text/javascript; charset=utf-8').header('cache-control', 'no-cache').send(await pageScript()),
  );
}
