/**
 * Which network addresses main may fetch from on the renderer's behalf. A tile source
 * that resolved to a loopback, private, link-local or otherwise non-public address would
 * let the page (or anyone who controls a tile source's DNS) make main reach the
 * machine's own services, the office LAN or a cloud metadata endpoint (169.254.169.254).
 * Uses ipaddr.js, which knows the IANA special-purpose ranges, rather than our own table.
 */
import ipaddr from 'ipaddr.js';

/**
 * True only for a global unicast address. IPv4-mapped and IPv4-compatible IPv6 forms
 * (`::ffff:127.0.0.1`, `::ffff:7f00:1`, `::127.0.0.1`) are judged as the IPv4 address
 * they carry; forms that embed another address (NAT64 `64:ff9b::/96`, 6to4, Teredo)
 * count as non-public, since where they lead is not the address we see. Anything that
 * does not parse is not public.
 */
export function isPublicAddress(address: string): boolean {
  // A zone index (`fe80::1%eth0`) names a link: never public, and ipaddr.js would keep it.
  if (address.includes('%')) return false;
  if (!ipaddr.isValid(address)) return false;
  let parsed: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    parsed = ipaddr.process(address);
  } catch {
    return false;
  }
  return parsed.range() === 'unicast';
}

/** The host of a URL as `dns.lookup` takes it: IPv6 literals without their brackets. */
export function lookupHostOf(url: URL): string {
  const host = url.hostname;
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

/**
 * Whether every address a host resolved to may be fetched from. Every one, not the first:
 * a host that answers with one public and one loopback address could be connected to
 * either. No address at all is a refusal too.
 */
export function allAddressesPublic(addresses: readonly string[]): boolean {
  return addresses.length > 0 && addresses.every(isPublicAddress);
}
