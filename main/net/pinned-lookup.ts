/**
 * DNS pinning for the tiles main fetches. Main judges the addresses a tile host resolves
 * to (net/public-address.ts); if the connection then asked DNS again, a host that answers
 * a public address to the check and 127.0.0.1 to the connect (DNS rebinding) would get
 * main to reach the machine's own services. The lookup made here is handed to the socket
 * layer (Node's `http(s).request({ lookup })`) in place of DNS: it answers with the checked
 * addresses only, and never asks a resolver. Plain Node, no Electron: tested as it is.
 */
import { isIP } from 'node:net';
import type { LookupAddress, LookupOptions } from 'node:dns';
import type { LookupFunction } from 'node:net';

/** The checked addresses as the socket layer takes them; [] when one of them is not an IP address. */
export function pinnedAddresses(addresses: readonly string[]): LookupAddress[] {
  const pinned: LookupAddress[] = [];
  for (const address of addresses) {
    const family = isIP(address);
    if (family === 0) return [];
    pinned.push({ address, family });
  }
  return pinned;
}

const wantedFamily = (options: LookupOptions): number => {
  const family = options.family;
  if (family === 'IPv4') return 4;
  if (family === 'IPv6') return 6;
  return family ?? 0;
};

const lookupError = (message: string, hostname: string): NodeJS.ErrnoException =>
  Object.assign(new Error(`${message}: ${hostname}`), { code: 'ENOTFOUND', hostname });

/**
 * A `lookup` for one host that answers with the addresses main checked, in their order.
 * Any other host name (there should be none: the request names this host) and an empty
 * or unparsable list are an error, never a fall back to DNS.
 */
export function pinnedLookup(host: string, addresses: readonly string[]): LookupFunction {
  const pinned = pinnedAddresses(addresses);
  const expected = host.toLowerCase();
  return (hostname, options, callback) => {
    // Called from inside net.connect: answer on a later turn, as dns.lookup does.
    queueMicrotask(() => {
      if (hostname.toLowerCase() !== expected) {
        callback(lookupError('not the pinned host', hostname), '', 0);
        return;
      }
      const family = wantedFamily(options);
      const answers = family === 0 ? pinned : pinned.filter((a) => a.family === family);
      const first = answers[0];
      if (first === undefined) {
        callback(lookupError('no checked address', hostname), '', 0);
        return;
      }
      if (options.all === true) callback(null, answers.map((a) => ({ ...a })));
      else callback(null, first.address, first.family);
    });
  };
}
