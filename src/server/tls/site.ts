// Where devices should go once HTTPS is on: the origin to open, the install page's
// address, the host a redirect keeps. One place, read by the health answer, the install
// page, the HTTP port's redirects and the start-up message, so they never disagree.
import { isIP } from 'node:net';
import { canonicalIp, isLoopback, nameCovers } from '#server/tls/names';

export const INSTALL_PATH = '/pasang-sertifikat';

/** The CA a device installs (local TLS only). */
export interface SiteCa {
  pem: string;
  der: Buffer;
  name: string;
  fingerprint256: string;
  fingerprint: string;
}

export interface SiteState {
  kind: 'local' | 'files';
  httpsPort: number;
  /** The plain-HTTP port beside HTTPS; undefined when there is none. */
  httpPort: number | undefined;
  /** What the certificate covers: DNS names (maybe '*.x') and IP addresses. */
  names: string[];
  /** The machine's LAN addresses, the preferred one first. */
  lan: string[];
  /** HADIR_PUBLIC_URL: wins over any address of ours. */
  publicUrl: string | undefined;
  ca: SiteCa | undefined;
}

/** `scheme://host:port`, IPv6 in brackets, the scheme's own port left out. */
export function origin(scheme: 'http' | 'https', host: string, port: number): string {
  const h = isIP(host) === 6 ? `[${canonicalIp(host)}]` : host;
  const plain = (scheme === 'https' && port === 443) || (scheme === 'http' && port === 80);
  return `${scheme}://${h}${plain ? '' : `:${port}`}`;
}

export class Site {
  constructor(public state: SiteState) {}

  get kind() {
    return this.state.kind;
  }

  get ca() {
    return this.state.ca;
  }

  /** Whether the certificate covers `host` (a Host header's name, without the port). */
  covers(host: string): boolean {
    return this.state.names.some((n) => nameCovers(n, host));
  }

  /**
   * The host devices on the network should use: a LAN address the certificate covers
   * (local TLS: tablets type it or scan it; `.local` names do not resolve on every
   * Android), or the office certificate's first name (it names a host, rarely an address).
   */
  preferredHost(): string {
    const { lan, names, kind } = this.state;
    const covered = lan.filter((a) => this.covers(a));
    const named = names.filter((n) => !n.startsWith('*.') && !isIP(n) && n !== 'localhost');
    // A machine with no network yet is reachable from itself only.
    if (kind === 'local') return covered[0] ?? 'localhost';
    return named[0] ?? covered[0] ?? names.find((n) => !n.startsWith('*.')) ?? 'localhost';
  }

  /** Every HTTPS origin a device on the network may open, the preferred first. */
  httpsOrigins(): string[] {
    const { lan, httpsPort, publicUrl } = this.state;
    const hosts = [this.preferredHost(), ...lan.filter((a) => this.covers(a))];
    const origins = [...new Set(hosts)].map((h) => origin('https', h, httpsPort));
    return publicUrl?.startsWith('https:') ? [publicUrl, ...origins] : origins;
  }

  /** The HTTPS origin the app names to devices (health.httpsUrl). */
  httpsUrl(): string {
    return this.httpsOrigins()[0]!;
  }

  /**
   * The host to send a device to, given the one it used: kept when the certificate covers
   * it (a tablet that typed hadir.local stays on hadir.local), else the preferred one. A
   * Host header is the client's to write; only names of the certificate are ever echoed.
   */
  hostFor(requested: string | undefined, opts: { lanOnly?: boolean } = {}): string {
    const host = requested ? canonicalIp(requested.toLowerCase()) : undefined;
    if (host && this.covers(host) && !(opts.lanOnly && isLoopback(host))) return host;
    return this.preferredHost();
  }

  /** The install page on the HTTP port (local TLS), for `host` or the preferred host. */
  installUrl(host?: string): string | undefined {
    const { kind, httpPort } = this.state;
    if (kind !== 'local' || httpPort === undefined) return undefined;
    return `${origin('http', host ?? this.preferredHost(), httpPort)}${INSTALL_PATH}`;
  }
}

/** The hostname of a Host header ('[::1]:8080' → '::1'); undefined when it is no host. */
export function hostOf(header: string | undefined): string | undefined {
  if (!header) return undefined;
  try {
    const h = new URL(`http://${header}`).hostname;
    return h.replace(/^\[|\]$/g, '') || undefined;
  } catch {
    return undefined;
  }
}
