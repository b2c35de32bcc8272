// Which certificate the HTTPS port serves, from the start options or the environment, and
// (local TLS) keeping it right while the server runs: a laptop that joins the venue Wi-Fi
// after `npm start` gets an address its certificate lacks, and tablets would refuse it.
import type { Server as HttpsServer } from 'node:https';
import type { TlsSetting } from '#server/config';
import { log } from '#server/log';
import type { LocalTls } from '#server/tls/local';
import { canonicalIp, certificateNames, isLoopback, lanAddresses } from '#server/tls/names';
import { Site } from '#server/tls/site';

/** HTTPS with the office's certificate and key (PEM), the server's own CA, or none. */
export type TlsOption = { cert: string; key: string } | 'local' | false;

export interface NameSources {
  dataDir: string;
  /** Where the server listens: a wildcard covers every interface. */
  host: string;
  /** Extra names or addresses (HADIR_TLS_NAMES). */
  extra: string[];
  /** The LAN addresses; read from the interfaces on every check by default. */
  addresses?: string[] | (() => string[]) | undefined;
  hostname?: string | undefined;
}

export interface PreparedTls {
  cert: string;
  key: string;
  kind: 'local' | 'files';
  notAfter: Date;
  /** Local TLS: what ensureLocalTls found or made. */
  local?: LocalTls;
  /** The names and addresses covered, and the LAN addresses to offer (for the Site). */
  names: string[];
  lan: string[];
}

/** The option when given (false: none), else the environment's setting. */
export async function prepareTls(
  option: TlsOption | undefined,
  setting: TlsSetting | undefined,
  sources: NameSources,
): Promise<PreparedTls | undefined> {
  if (option === false) return undefined;
  if (option === 'local' || (option === undefined && setting?.kind === 'local')) {
    return issueLocal(sources);
  }
  if (typeof option !== 'object' && setting?.kind !== 'files') return undefined;
  // Loaded only when HTTPS is on: the X.509 library costs a plain-HTTP start half a second.
  const { describe, loadTlsFiles } = await import('#server/tls/files');
  const lan = lanOf(sources);
  if (typeof option === 'object') {
    return { ...option, ...describe(option.cert), kind: 'files', lan };
  }
  const { certPath, keyPath } = setting as { certPath: string; keyPath: string };
  return { ...loadTlsFiles(certPath, keyPath), kind: 'files', lan };
}

function lanOf(sources: NameSources): string[] {
  const { addresses } = sources;
  const list =
    typeof addresses === 'function' ? addresses() : (addresses ?? lanAddresses(sources.host));
  return list.filter((a) => !isLoopback(a));
}

async function issueLocal(sources: NameSources): Promise<PreparedTls> {
  const lan = lanOf(sources);
  const { names, addresses } = certificateNames({
    addresses: lan,
    extra: sources.extra,
    ...(sources.hostname ? { hostname: sources.hostname } : {}),
  });
  const { ensureLocalTls } = await import('#server/tls/local');
  const local = await ensureLocalTls(sources.dataDir, {
    names,
    addresses,
    ...(sources.hostname ? { hostname: sources.hostname } : {}),
  });
  return {
    cert: local.cert,
    key: local.key,
    kind: 'local',
    notAfter: local.notAfter,
    local,
    names: [...names, ...addresses],
    lan: lan.map(canonicalIp),
  };
}

/**
 * Look again every `everyMs`: when the addresses changed or the certificate nears its
 * end, a new one is issued and served to new connections (open ones keep theirs). The
 * CA stays, so tablets notice nothing. Returns a function that stops the checks.
 */
export function keepLocalTlsCurrent(
  server: HttpsServer,
  site: Site,
  sources: NameSources,
  everyMs: number,
): () => void {
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    issueLocal(sources)
      .then((tls) => {
        site.state = { ...site.state, names: tls.names, lan: tls.lan };
        if (!tls.local?.renewed) return;
        server.setSecureContext({ cert: tls.cert, key: tls.key });
        log('info', 'tls certificate renewed', { names: tls.names.length });
      })
      .catch((e: unknown) => log('warn', 'tls check failed', { error: (e as Error).name }))
      .finally(() => (busy = false));
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
