// The names and addresses a device may use to reach this machine, which the local
// certificate must carry: a tablet checks the address it typed against them.
import { isIP } from 'node:net';
import { hostname as osHostname, networkInterfaces } from 'node:os';

/**
 * Interfaces a tablet in the hall is unlikely to reach (containers, VMs, VPNs). They stay
 * in the certificate but go last, so the address printed first is the Wi-Fi or the cable.
 */
const VIRTUAL = /^(docker|br-|veth|virbr|vboxnet|vmnet|tailscale|zt|utun|tun|tap|wg|lxc|cni)/i;

/** One spelling per address, as a URL writes it: IPv6 compressed and lower case. */
export function canonicalIp(address: string): string {
  const bare = address.replace(/^\[|\]$/g, '');
  if (isIP(bare) === 6) return new URL(`http://[${bare}]`).hostname.slice(1, -1);
  return bare;
}

/** fe80::/10: valid on one link only and written with a zone, useless in a certificate. */
const linkLocal = (address: string) => /^fe[89ab]/i.test(address);

/**
 * The machine's LAN addresses (IPv4 first, then IPv6 that is not link-local), real
 * interfaces before virtual ones. `host` is where the server listens: 0.0.0.0 is every
 * IPv4 interface, '::' every interface of both kinds; a single address is the only one
 * devices can use.
 */
export function lanAddresses(host = '0.0.0.0'): string[] {
  if (host !== '0.0.0.0' && host !== '::') {
    return isIP(host) && !isLoopback(host) ? [canonicalIp(host)] : [];
  }
  const v6 = host === '::';
  const found = Object.entries(networkInterfaces()).flatMap(([name, infos]) =>
    (infos ?? [])
      .filter((i) => !i.internal && (i.family === 'IPv4' || (v6 && !linkLocal(i.address))))
      .map((i) => ({
        address: canonicalIp(i.address),
        v6: i.family === 'IPv6',
        virtual: VIRTUAL.test(name),
      })),
  );
  const rank = (a: (typeof found)[number]) => (a.virtual ? 2 : 0) + (a.v6 ? 1 : 0);
  return [...new Set(found.sort((a, b) => rank(a) - rank(b)).map((a) => a.address))];
}

export function isLoopback(host: string): boolean {
  const h = canonicalIp(host.toLowerCase());
  return h === 'localhost' || h === '::1' || h.startsWith('127.');
}

/** A name a certificate may carry as a DNS entry (letters, digits, '-', dots; no '_'). */
export function dnsName(name: string): string | undefined {
  const n = name.trim().toLowerCase().replace(/\.$/, '');
  const label = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
  return n.length <= 253 && n.split('.').every((l) => label.test(l)) ? n : undefined;
}

export interface CertificateNames {
  /** DNS names, lower case, without duplicates. */
  names: string[];
  /** IP addresses, canonical, without duplicates; the preferred LAN address first. */
  addresses: string[];
}

/**
 * What the local certificate covers: the LAN addresses, loopback, `localhost`, the
 * machine's host name and its mDNS `.local` name, and any extra names or addresses
 * (HADIR_TLS_NAMES). A name that is no valid DNS name is left out rather than refused.
 */
export function certificateNames(
  opts: { addresses?: string[]; hostname?: string; extra?: string[] } = {},
): CertificateNames {
  const host = dnsName(opts.hostname ?? osHostname());
  const names = ['localhost'];
  const addresses = [...(opts.addresses ?? lanAddresses()), '127.0.0.1', '::1'];
  // mDNS answers for the first label only: laptop-panitia.local, whatever the domain.
  if (host) names.push(host, `${host.split('.')[0]}.local`);
  for (const extra of opts.extra ?? []) {
    if (isIP(extra.replace(/^\[|\]$/g, ''))) addresses.push(extra);
    else {
      const name = dnsName(extra);
      if (name) names.push(name);
    }
  }
  return {
    names: [...new Set(names)],
    addresses: [...new Set(addresses.map(canonicalIp))],
  };
}

/** Whether a certificate name (maybe `*.example.org`) covers `host`. */
export function nameCovers(certName: string, host: string): boolean {
  const name = certName.toLowerCase();
  const h = canonicalIp(host.toLowerCase());
  if (!name.startsWith('*.')) return name === h;
  const rest = name.slice(1); // '.example.org'
  return h.endsWith(rest) && !h.slice(0, -rest.length).includes('.') && h.length > rest.length;
}
