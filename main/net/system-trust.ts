/**
 * The certificate authorities a pinned tile fetch trusts (net/pinned-tile-fetch.ts). Chromium's
 * network stack, which fetched tiles before pinning, trusts the operating system's store;
 * Node trusts only its bundled list, so an office tile server signed by the office's own
 * authority would have stopped working. Where Node can read the system's store
 * (`tls.getCACertificates('system')`, Node 22.15 and later: Electron's), both are trusted;
 * where it cannot, Node's own list is used, as before.
 */
import * as tls from 'node:tls';

type GetCertificates = (type: 'default' | 'system') => string[];

/** Node's bundled authorities and the system's, or undefined where Node cannot read the system's (Node's defaults apply). */
export function trustAnchors(module: { getCACertificates?: GetCertificates } = tls as { getCACertificates?: GetCertificates }): string[] | undefined {
  const read = module.getCACertificates;
  if (typeof read !== 'function') return undefined;
  try {
    return [...new Set([...read('default'), ...read('system')])];
  } catch {
    return undefined;
  }
}
