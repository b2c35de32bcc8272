// HTTPS with a certificate the office already has (HADIR_TLS_CERT, HADIR_TLS_KEY): read
// and checked at start, so a wrong path or a key of another certificate stops the start
// with a message naming the variable and the file, not the first tablet's handshake.
import 'reflect-metadata'; // before @peculiar/x509 (see local.ts)
import * as x509 from '@peculiar/x509';
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { StartupError } from '#server/config';

export interface TlsFiles {
  /** The certificate (maybe followed by its chain) and the key, PEM. */
  cert: string;
  key: string;
  /** The DNS names and addresses it is valid for (a redirect keeps to them). */
  names: string[];
  notAfter: Date;
}

function readPem(variable: string, path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    const reason = (e as NodeJS.ErrnoException).code ?? String(e);
    throw new StartupError(
      `${variable}: berkas tidak dapat dibaca / file cannot be read: ${resolve(path)} (${reason})`,
    );
  }
}

export function loadTlsFiles(certPath: string, keyPath: string): TlsFiles {
  const cert = readPem('HADIR_TLS_CERT', certPath);
  const key = readPem('HADIR_TLS_KEY', keyPath);
  let leaf: X509Certificate;
  try {
    leaf = new X509Certificate(cert);
  } catch {
    throw new StartupError(
      `HADIR_TLS_CERT: bukan sertifikat PEM / not a PEM certificate: ${resolve(certPath)}`,
    );
  }
  let matches: boolean;
  try {
    matches = leaf.checkPrivateKey(createPrivateKey(key));
  } catch {
    throw new StartupError(
      `HADIR_TLS_KEY: bukan kunci privat PEM (tanpa sandi) / not an unencrypted PEM private key: ${resolve(keyPath)}`,
    );
  }
  if (!matches) {
    throw new StartupError(
      `HADIR_TLS_KEY: kunci ini bukan milik sertifikat di HADIR_TLS_CERT / this key does not belong to the certificate in HADIR_TLS_CERT: ${resolve(keyPath)}`,
    );
  }
  return { cert, key, ...describe(cert) };
}

/** The names and addresses a PEM certificate (its first one) is valid for, and its end. */
export function describe(cert: string): { names: string[]; notAfter: Date } {
  const parsed = new x509.X509Certificate(cert);
  const sans = parsed.getExtension(x509.SubjectAlternativeNameExtension)?.names.toJSON() ?? [];
  return {
    names: sans.filter((n) => n.type === 'dns' || n.type === 'ip').map((n) => n.value),
    notAfter: parsed.notAfter,
  };
}
