// HTTPS without an office certificate: this installation's own certificate authority, kept
// in the data directory, and a server certificate it signs for the machine's names and
// addresses. A tablet trusts the CA once (the install page); the server certificate can
// then change with the venue's Wi-Fi address, or expire and be renewed, and the tablet
// never notices. The CA key is written here and read here only: never served, never logged.
import 'reflect-metadata'; // @peculiar/x509 builds its parts through tsyringe, which needs it first
import * as x509 from '@peculiar/x509';
import { createPrivateKey, randomBytes, X509Certificate } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { hostname as osHostname } from 'node:os';
import { join } from 'node:path';
import { canonicalIp, dnsName } from '#server/tls/names';

x509.cryptoProvider.set(globalThis.crypto);

/** ECDSA P-256 with SHA-256: accepted by Android, iOS, Windows and macOS, and quick to make. */
const ALG = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const DAY_MS = 86_400_000;
/** A tablet in the hall may have no network time: its clock can be a day behind. */
const BACKDATE_MS = DAY_MS;
/** Apple refuses server certificates valid for longer than 398 days. */
export const SERVER_CERT_DAYS = 397;
/** Ten years: the CA is installed on every tablet by hand, so it should outlive them. */
const CA_DAYS = 3652;
/** A certificate this close to its end is replaced at start (or at the next check). */
export const RENEW_DAYS = 30;

const TLS_DIR = 'tls';
const FILES = {
  caKey: 'ca.key',
  caCert: 'ca.crt',
  key: 'server.key',
  cert: 'server.crt',
} as const;

export interface LocalTlsOptions {
  /** DNS names the server certificate must carry. */
  names: string[];
  /** IP addresses the server certificate must carry. */
  addresses: string[];
  /** The clock (tests); now by default. */
  now?: Date;
  /** Names the CA, so two laptops' CAs differ on a tablet's list; os.hostname() by default. */
  hostname?: string;
}

export interface LocalTls {
  /** The server certificate and its key (PEM), for node:https. */
  cert: string;
  key: string;
  /** The CA certificate, PEM and DER: what devices install. */
  ca: string;
  caDer: Buffer;
  /** The CA's common name, as a device lists it. */
  caName: string;
  /** Colon-separated hex of the CA certificate, to compare on the device. */
  fingerprint256: string;
  /** SHA-1, the "thumbprint" Windows shows first. */
  fingerprint: string;
  /** When the server certificate ends. */
  notAfter: Date;
  /** A new server certificate was issued by this call. */
  renewed: boolean;
  /** A new CA was made by this call: every device must install it (again). */
  caCreated: boolean;
}

interface Ca {
  pem: string;
  keyPem: string;
  node: X509Certificate;
  cert: x509.X509Certificate;
}

/**
 * The CA and a server certificate for exactly these names and addresses, made or renewed
 * as needed. The CA is reused while it is sound; the server certificate is reissued when
 * its names differ, it ends within RENEW_DAYS, or it was not signed by this CA.
 */
export async function ensureLocalTls(dataDir: string, opts: LocalTlsOptions): Promise<LocalTls> {
  const now = opts.now ?? new Date();
  const dir = join(dataDir, TLS_DIR);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  const wanted = subjectAltNames(opts.names, opts.addresses);

  let ca = loadCa(dir, now);
  const caCreated = !ca;
  ca ??= await createCa(dir, now, opts.hostname ?? osHostname());
  let server = caCreated ? undefined : loadServer(dir, ca, wanted, now);
  const renewed = !server;
  server ??= await issueServer(dir, ca, wanted, now);

  return {
    cert: server.pem,
    key: server.keyPem,
    ca: ca.pem,
    caDer: Buffer.from(ca.node.raw),
    caName: ca.cert.subjectName.getField('CN')[0] ?? 'Hadir CA',
    fingerprint256: ca.node.fingerprint256,
    fingerprint: ca.node.fingerprint,
    notAfter: server.cert.notAfter,
    renewed,
    caCreated,
  };
}

/** The SAN entries as sorted 'dns:…' / 'ip:…' strings, comparable with a certificate's. */
function subjectAltNames(names: string[], addresses: string[]): string[] {
  const dns = names.map((n) => dnsName(n)).filter((n): n is string => n !== undefined);
  const entries = [...dns.map((n) => `dns:${n}`), ...addresses.map((a) => `ip:${canonicalIp(a)}`)];
  return [...new Set(entries)].sort();
}

function sansOf(cert: x509.X509Certificate): string[] {
  const san = cert.getExtension(x509.SubjectAlternativeNameExtension);
  const entries = san?.names.toJSON() ?? [];
  return entries
    .map((n) => `${n.type}:${n.type === 'ip' ? canonicalIp(n.value) : n.value.toLowerCase()}`)
    .sort();
}

const read = (dir: string, file: string) => readFileSync(join(dir, file), 'utf8');

/** The stored CA when its certificate and key belong together and it has years left. */
function loadCa(dir: string, now: Date): Ca | undefined {
  try {
    const pem = read(dir, FILES.caCert);
    const keyPem = read(dir, FILES.caKey);
    const node = new X509Certificate(pem);
    const cert = new x509.X509Certificate(pem);
    if (!node.ca || !node.checkPrivateKey(createPrivateKey(keyPem))) return undefined;
    if (cert.notAfter.getTime() - now.getTime() < RENEW_DAYS * DAY_MS) return undefined;
    return { pem, keyPem, node, cert };
  } catch {
    return undefined; // missing or unreadable: a new CA (the caller says so)
  }
}

function loadServer(dir: string, ca: Ca, wanted: string[], now: Date) {
  try {
    const pem = read(dir, FILES.cert);
    const keyPem = read(dir, FILES.key);
    const node = new X509Certificate(pem);
    const cert = new x509.X509Certificate(pem);
    const sound =
      node.checkIssued(ca.node) &&
      node.verify(ca.node.publicKey) &&
      node.checkPrivateKey(createPrivateKey(keyPem)) &&
      cert.notBefore.getTime() <= now.getTime() &&
      cert.notAfter.getTime() - now.getTime() >= RENEW_DAYS * DAY_MS &&
      sansOf(cert).join() === wanted.join();
    return sound ? { pem, keyPem, cert } : undefined;
  } catch {
    return undefined;
  }
}

async function createCa(dir: string, now: Date, hostname: string): Promise<Ca> {
  const keys = await crypto.subtle.generateKey(ALG, true, ['sign', 'verify']);
  const label = dnsName(hostname)?.split('.')[0] ?? 'server';
  // Unique per installation: a tablet that served two laptops lists two CAs, told apart.
  const stamp = now.toISOString().slice(0, 16).replace('T', ' ');
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial(),
    name: `CN=Hadir CA ${label} ${stamp}, O=Hadir`,
    notBefore: new Date(now.getTime() - BACKDATE_MS),
    notAfter: new Date(now.getTime() + CA_DAYS * DAY_MS),
    keys,
    signingAlgorithm: ALG,
    extensions: [
      // pathLength 0: it signs server certificates only, never another CA.
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(
        x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign,
        true,
      ),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  const keyPem = await pkcs8(keys.privateKey);
  const pem = cert.toString('pem');
  // The key first: a crash between the two leaves no certificate without its key.
  writeAtomically(join(dir, FILES.caKey), keyPem, 0o600);
  writeAtomically(join(dir, FILES.caCert), pem, 0o644);
  return { pem, keyPem, node: new X509Certificate(pem), cert };
}

async function issueServer(dir: string, ca: Ca, sans: string[], now: Date) {
  const keys = await crypto.subtle.generateKey(ALG, true, ['sign', 'verify']);
  const caKey = await crypto.subtle.importKey(
    'pkcs8',
    x509.PemConverter.decodeFirst(ca.keyPem),
    ALG,
    false,
    ['sign'],
  );
  const caKeyId = ca.cert.getExtension(x509.SubjectKeyIdentifierExtension)?.keyId;
  const notBefore = new Date(now.getTime() - BACKDATE_MS);
  const names = sans.map((s) => {
    const [type, value] = [s.slice(0, s.indexOf(':')), s.slice(s.indexOf(':') + 1)];
    return { type: type as 'dns' | 'ip', value };
  });
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: serial(),
    subject: `CN=${names.find((n) => n.type === 'dns')?.value ?? 'hadir'}, O=Hadir`,
    issuer: ca.cert.subject,
    notBefore,
    notAfter: new Date(notBefore.getTime() + SERVER_CERT_DAYS * DAY_MS),
    publicKey: keys.publicKey,
    signingKey: caKey,
    signingAlgorithm: ALG,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension(names),
      ...(caKeyId ? [new x509.AuthorityKeyIdentifierExtension(caKeyId)] : []),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  const keyPem = await pkcs8(keys.privateKey);
  const pem = cert.toString('pem');
  writeAtomically(join(dir, FILES.key), keyPem, 0o600);
  writeAtomically(join(dir, FILES.cert), pem, 0o644);
  return { pem, keyPem, cert };
}

/** A random positive serial of 16 bytes (its top bit clear, so DER needs no sign byte). */
function serial(): string {
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0]! & 0x7f) | 0x10;
  return bytes.toString('hex');
}

async function pkcs8(key: CryptoKey): Promise<string> {
  return `${x509.PemConverter.encode(await crypto.subtle.exportKey('pkcs8', key), 'PRIVATE KEY')}\n`;
}

/** Written whole or not at all, with its mode from the start (a key is never readable). */
function writeAtomically(path: string, text: string, mode: number): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, text, { mode });
  chmodSync(tmp, mode); // an older file of that name kept its own mode
  renameSync(tmp, path);
}
