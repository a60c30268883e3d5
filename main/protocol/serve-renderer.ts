import path from 'node:path';
import { contentSecurityPolicy } from '../../shared/security/content-security-policy';
import { isAppUrl } from './app-origin';
import { mimeTypeFor } from './mime-types';
import { resolveRendererPath } from './renderer-path';

/** Reads a whole file; rejects with a Node error (`code` ENOENT, EISDIR...) when it cannot. */
export type ReadFile = (filePath: string) => Promise<Uint8Array<ArrayBuffer>>;

export interface RendererRequestHandlerOptions {
  /** Absolute path of the built renderer (dist/renderer). */
  readonly rendererRoot: string;
  readonly readFile: ReadFile;
  /**
   * The policy for the next response, asked on every request: main narrows connect-src
   * to the sync server once it knows it (main/settings), and a page loaded after that
   * gets the narrower policy. Default: the open policy of an unenrolled device.
   */
  readonly contentSecurityPolicy?: () => string;
}

/** Errors that mean "no such file here", as opposed to a fault worth a 500. */
const NOT_FOUND_CODES = new Set(['ENOENT', 'ENOTDIR', 'EISDIR']);

function errorCode(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string') {
    return error.code;
  }
  return undefined;
}

/** Headers every app:// response carries, including errors. */
function baseHeaders(contentType: string, csp: string): Headers {
  return new Headers({
    'Content-Type': contentType,
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-cache',
  });
}


/**
 * Builds the `protocol.handle('app', ...)` handler: serves files of the built renderer
 * at app://routewatch/..., with the CSP header and the right Content-Type.
 *
 * - Paths without an extension that name no file (client-side routes such as
 *   /observations/42) get index.html, so a reload on any screen works.
 * - A missing asset (a path with an extension) is a 404, never index.html: serving
 *   HTML as a script would hide the real error.
 * - Anything that could leave the renderer folder is a 404 (see resolveRendererPath),
 *   and so is any host other than routewatch.
 */
export function createRendererRequestHandler(options: RendererRequestHandlerOptions): (request: Request) => Promise<Response> {
  const rendererRoot = path.resolve(options.rendererRoot);
  const indexPath = path.join(rendererRoot, 'index.html');
  const policy = options.contentSecurityPolicy ?? (() => contentSecurityPolicy());

  const textResponse = (status: number, text: string): Response =>
    new Response(text, { status, headers: baseHeaders('text/plain; charset=utf-8', policy()) });

  const fileResponse = (request: Request, filePath: string, body: Uint8Array<ArrayBuffer>): Response =>
    new Response(request.method === 'HEAD' ? null : body, {
      status: 200,
      headers: baseHeaders(mimeTypeFor(filePath), policy()),
    });

  return async (request) => {
    if (!isAppUrl(request.url)) return textResponse(404, 'Not found');
    if (request.method !== 'GET' && request.method !== 'HEAD') return textResponse(405, 'Method not allowed');

    const resolution = resolveRendererPath(rendererRoot, new URL(request.url).pathname);
    if (resolution.kind === 'refused') return textResponse(404, 'Not found');

    try {
      return fileResponse(request, resolution.filePath, await options.readFile(resolution.filePath));
    } catch (error) {
      const code = errorCode(error);
      if (code === undefined || !NOT_FOUND_CODES.has(code)) return textResponse(500, 'Could not read the file');
      if (resolution.isAsset) return textResponse(404, 'Not found');
    }

    try {
      return fileResponse(request, indexPath, await options.readFile(indexPath));
    } catch {
      return textResponse(500, 'The renderer is not built (dist/renderer/index.html is missing)');
    }
  };
}
