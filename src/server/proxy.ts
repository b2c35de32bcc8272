// Who sent a request, and whether it reached us over HTTPS, when Hadir may sit behind a
// reverse proxy (the office's public server: Caddy in deploy/). The forwarded headers
// are anyone's to write, so they are believed only from a proxy named in
// HADIR_TRUST_PROXY; from anyone else the socket alone answers. The rate limits key on
// the address this returns: behind a trusted proxy every phone counts as itself, and
// nobody escapes a limit by writing a header.
//   HADIR_TRUST_PROXY: comma-separated IPs and CIDR ranges (10.0.0.0/8, fd00::/8), or
//   `loopback` (127.0.0.0/8 and ::1). Unset: no proxy is trusted.
import type { IncomingMessage } from 'node:http';
import { BlockList, isIP } from 'node:net';

export interface Origin {
  /** The client's address, canonical (IPv4-mapped IPv6 as plain IPv4): a rate-limit key. */
  address: string;
  /** The browser's connection was HTTPS: TLS here, or a trusted proxy says so. */
  https: boolean;
}

/** One request as the socket and the headers describe it. */
export interface Hop {
  peer: string | undefined;
  encrypted: boolean;
  forwardedFor?: string | undefined;
  forwardedProto?: string | undefined;
}

/** An IP address in one spelling per address, or undefined if `raw` is none. */
export function canonicalIp(raw: string): string | undefined {
  const ip = raw.trim().replace(/%.*$/, ''); // a link-local zone names our interface, not them
  switch (isIP(ip)) {
    case 4:
      return ip;
    case 6: {
      const v6 = new URL(`http://[${ip}]/`).hostname.slice(1, -1); // '::0:1' → '::1'
      const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(v6);
      if (!mapped) return v6;
      // ::ffff:127.0.0.1 (a dual-stack socket's IPv4 peer) is the IPv4 address itself.
      const [hi, lo] = [parseInt(mapped[1]!, 16), parseInt(mapped[2]!, 16)];
      return [hi >> 8, hi & 255, lo >> 8, lo & 255].join('.');
    }
    default:
      return undefined;
  }
}

/** A forwarded hop: an IP, maybe with a port ("1.2.3.4:5678", "[2001:db8::1]:443"). */
function hopIp(raw: string): string | undefined {
  const entry = raw.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(entry);
  if (bracketed) return canonicalIp(bracketed[1]!);
  return canonicalIp(/^[\d.]+:\d+$/.test(entry) ? entry.replace(/:\d+$/, '') : entry);
}

const family = (ip: string) => (isIP(ip) === 4 ? 'ipv4' : 'ipv6');

/** The addresses HADIR_TRUST_PROXY names, or undefined for none. Throws on a bad entry. */
export function parseTrustProxy(spec: string | undefined): BlockList | undefined {
  const list = new BlockList();
  let any = false;
  for (const raw of (spec ?? '').split(',')) {
    const entry = raw.trim();
    if (!entry) continue;
    any = true;
    if (entry.toLowerCase() === 'loopback') {
      list.addSubnet('127.0.0.0', 8, 'ipv4');
      list.addAddress('::1', 'ipv6');
      continue;
    }
    const [ip, bits, ...rest] = entry.split('/');
    const address = canonicalIp(ip!);
    const prefix = bits === undefined ? undefined : /^\d{1,3}$/.test(bits) ? Number(bits) : NaN;
    const max = address && isIP(address) === 4 ? 32 : 128;
    if (!address || rest.length > 0 || (prefix !== undefined && !(prefix <= max))) {
      throw new Error(
        `HADIR_TRUST_PROXY: "${entry}" is not an IP address, a CIDR range (10.0.0.0/8) or "loopback"`,
      );
    }
    if (prefix === undefined) list.addAddress(address, family(address));
    else list.addSubnet(address, prefix, family(address));
  }
  return any ? list : undefined;
}

const trusts = (list: BlockList, ip: string) => list.check(ip, family(ip));

/**
 * The client of one request. From a trusted peer, X-Forwarded-For is read right to left
 * and the first address that is not itself a trusted proxy is the client: each proxy
 * appends the address it saw, so whatever a client wrote itself stands further left
 * and is never reached. X-Forwarded-Proto's last value (the one our proxy wrote) says
 * whether the browser used HTTPS. From anyone else both headers are ignored.
 */
export function requestOrigin(hop: Hop, trusted = configured): Origin {
  const peer = canonicalIp(hop.peer ?? '');
  if (!peer) return { address: 'unknown', https: hop.encrypted }; // socket already gone
  if (!trusted || !trusts(trusted, peer)) return { address: peer, https: hop.encrypted };
  let address = peer;
  const hops = (hop.forwardedFor ?? '').split(',').filter((h) => h.trim());
  for (let i = hops.length - 1; i >= 0; i--) {
    const ip = hopIp(hops[i]!);
    // Not an address (a proxy's mistake): stop at the last hop known, never key on junk.
    if (!ip) break;
    address = ip;
    if (!trusts(trusted, ip)) break;
  }
  const proto = (hop.forwardedProto ?? '').split(',').at(-1)?.trim().toLowerCase();
  return { address, https: hop.encrypted || proto === 'https' };
}

/** requestOrigin of a Node request (undefined: not a socket, e.g. in-process app.request). */
export function originOf(req: IncomingMessage | undefined): Origin {
  if (!req) return { address: 'unknown', https: false };
  const header = (name: string) => {
    const value = req.headers[name];
    return Array.isArray(value) ? value.join(',') : value;
  };
  return requestOrigin({
    peer: req.socket.remoteAddress,
    encrypted: (req.socket as { encrypted?: boolean }).encrypted === true,
    forwardedFor: header('x-forwarded-for'),
    forwardedProto: header('x-forwarded-proto'),
  });
}

// Set once at start from HADIR_TRUST_PROXY (config.ts, main.ts): none until then.
let configured: BlockList | undefined;

/** Replace the trusted proxies (start-up, tests). Throws on a bad entry. */
export function setTrustedProxies(spec: string | undefined): void {
  configured = parseTrustProxy(spec);
}
