// HTTPS built into the server with its own CA: the CA and its server certificate checked
// with Node's own X.509 parser (not the library that made them), and real TLS handshakes
// on 127.0.0.1. Names and addresses are injected; 192.0.2.0/24 and 198.51.100.0/24 are
// documentation ranges that no request here ever goes to. The office's own certificate
// and the start-up errors: tls-office.test.ts.
import { X509Certificate } from 'node:crypto';
import { readFileSync, rmSync, statSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '#server/main';
import { ensureLocalTls, RENEW_DAYS, SERVER_CERT_DAYS, type LocalTls } from '#server/tls/local';
import { certificateNames } from '#server/tls/names';
import { tempDataDir } from '#tests/server/support';
import { ask, expectSecure, peerCertificate } from '#tests/server/tls-support';

const DAY_MS = 86_400_000;
const dirs: string[] = [];
const temp = () => {
  const dir = tempDataDir();
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const NAMES = certificateNames({
  addresses: ['192.0.2.10'],
  hostname: 'laptop-panitia',
  extra: ['hadir.test', '198.51.100.7'],
});

/** Node's reading of a certificate's SANs: 'DNS:x' and 'IP Address:y' entries. */
const sans = (cert: X509Certificate) => cert.subjectAltName?.split(', ') ?? [];

describe('the local CA and server certificate', () => {
  let dataDir: string;
  let first: LocalTls;
  let firstMs: number;
  beforeAll(async () => {
    dataDir = temp();
    const t0 = performance.now();
    first = await ensureLocalTls(dataDir, { ...NAMES, hostname: 'laptop-panitia' });
    firstMs = performance.now() - t0;
  });

  it('makes a CA and a server certificate it signed, for every name and address', () => {
    const ca = new X509Certificate(first.ca);
    const cert = new X509Certificate(first.cert);
    expect(first.caCreated).toBe(true);
    expect(first.renewed).toBe(true);
    expect(ca.ca).toBe(true);
    expect(cert.ca).toBe(false);
    expect(ca.subject).toMatch(/^CN=Hadir CA laptop-panitia \d{4}-\d\d-\d\d \d\d:\d\d\nO=Hadir$/);
    expect(cert.issuer).toBe(ca.subject);
    expect(cert.checkIssued(ca)).toBe(true);
    expect(cert.verify(ca.publicKey)).toBe(true);
    expect(ca.verify(ca.publicKey)).toBe(true);
    expect(sans(cert)).toEqual(
      expect.arrayContaining([
        'DNS:hadir.test',
        'DNS:localhost',
        'DNS:laptop-panitia',
        'DNS:laptop-panitia.local',
        'IP Address:192.0.2.10',
        'IP Address:198.51.100.7',
        'IP Address:127.0.0.1',
        'IP Address:0:0:0:0:0:0:0:1',
      ]),
    );
    expect(sans(cert)).toHaveLength(8);
    expect(cert.keyUsage).toEqual(['1.3.6.1.5.5.7.3.1']); // extendedKeyUsage: serverAuth
    const days = (Date.parse(cert.validTo) - Date.parse(cert.validFrom)) / DAY_MS;
    expect(days).toBeLessThanOrEqual(SERVER_CERT_DAYS);
    expect(days).toBeGreaterThan(390);
    expect((Date.parse(ca.validTo) - Date.now()) / DAY_MS).toBeGreaterThan(9 * 365);
    expect(cert.publicKey.asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
    // The DER a device installs is the PEM's certificate; the fingerprint is of it.
    expect(new X509Certificate(first.caDer).fingerprint256).toBe(first.fingerprint256);
    expect(first.fingerprint256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    // Start-up cost of a first start: well under a second (about 60 ms on CI's machine).
    expect(firstMs).toBeLessThan(5_000);
  });

  it('keeps the keys private: PKCS#8 files of mode 0600 in a 0700 folder', () => {
    const tls = join(dataDir, 'tls');
    expect(statSync(tls).mode & 0o777).toBe(0o700);
    for (const key of ['ca.key', 'server.key']) {
      expect(statSync(join(tls, key)).mode & 0o777, key).toBe(0o600);
      expect(readFileSync(join(tls, key), 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    }
    expect(readFileSync(join(tls, 'ca.crt'), 'utf8')).toBe(first.ca);
  });

  it('reuses both on the next start with the same names', async () => {
    const again = await ensureLocalTls(dataDir, NAMES);
    expect(again).toMatchObject({ renewed: false, caCreated: false });
    expect(again.cert).toBe(first.cert);
    expect(again.key).toBe(first.key);
    expect(again.ca).toBe(first.ca);
  });

  it('issues a new server certificate, from the same CA, when an address is new', async () => {
    const moved = certificateNames({
      addresses: ['192.0.2.77'],
      hostname: 'laptop-panitia',
      extra: ['hadir.test'],
    });
    const next = await ensureLocalTls(dataDir, moved);
    expect(next).toMatchObject({ renewed: true, caCreated: false, ca: first.ca });
    const cert = new X509Certificate(next.cert);
    expect(sans(cert)).toContain('IP Address:192.0.2.77');
    expect(sans(cert)).not.toContain('IP Address:192.0.2.10');
    expect(cert.checkIssued(new X509Certificate(first.ca))).toBe(true);
    // And back again: the certificate follows the names, the CA stays.
    const back = await ensureLocalTls(dataDir, NAMES);
    expect(back).toMatchObject({ renewed: true, ca: first.ca });
  });

  it('renews a server certificate that ends within 30 days, and not one that ends later', async () => {
    const current = await ensureLocalTls(dataDir, NAMES);
    const end = current.notAfter.getTime();
    const early = await ensureLocalTls(dataDir, {
      ...NAMES,
      now: new Date(end - (RENEW_DAYS + 1) * DAY_MS),
    });
    expect(early.renewed).toBe(false);
    const late = new Date(end - (RENEW_DAYS - 1) * DAY_MS);
    const renewed = await ensureLocalTls(dataDir, { ...NAMES, now: late });
    expect(renewed).toMatchObject({ renewed: true, caCreated: false, ca: first.ca });
    expect(renewed.notAfter.getTime()).toBeGreaterThan(end);
  });

  it('makes a new CA when its key is gone, and says so', async () => {
    const dir = temp();
    const one = await ensureLocalTls(dir, NAMES);
    rmSync(join(dir, 'tls', 'ca.key'));
    const two = await ensureLocalTls(dir, NAMES);
    expect(two).toMatchObject({ caCreated: true, renewed: true });
    expect(two.fingerprint256).not.toBe(one.fingerprint256);
    expect(new X509Certificate(two.cert).checkIssued(new X509Certificate(two.ca))).toBe(true);
  });
});

describe('HTTPS with the local CA', () => {
  let server: RunningServer;
  let ca: string;
  let addresses = ['192.0.2.10'];
  beforeAll(async () => {
    server = await startServer({
      port: 0,
      httpPort: 0,
      host: '127.0.0.1',
      dataDir: temp(),
      staticDir: 'dist',
      tls: 'local',
      names: ['hadir.test'],
      addresses: () => addresses,
      hostname: 'laptop-panitia',
      tlsCheckMs: 100,
      timeouts: { handshakeMs: 500 },
    });
    ca = server.site!.ca!.pem;
  });
  afterAll(() => server.close());

  it('answers a client that trusts only the generated CA, by name and by address', async () => {
    expect(server.url).toBe(`https://127.0.0.1:${server.port}`);
    const byName = await ask(server.url, '/api/v1/health', { ca, servername: 'hadir.test' });
    expect(byName.status).toBe(200);
    expectSecure(byName, true, 'health over HTTPS');
    expect(JSON.parse(byName.text)).toEqual({
      ok: true,
      protocolVersion: 1,
      httpsUrl: `https://192.0.2.10:${server.port}`,
      installUrl: `http://192.0.2.10:${server.httpPort}/pasang-sertifikat`,
    });
    const byAddress = await ask(server.url, '/api/v1/health', { ca });
    expect(byAddress.status).toBe(200);
  });

  it('is refused by a client without the CA, or for a name the certificate lacks', async () => {
    const untrusted = ask(server.url, '/api/v1/health', { servername: 'hadir.test' });
    await expect(untrusted).rejects.toMatchObject({
      code: expect.stringMatching(/UNABLE_TO_VERIFY_LEAF_SIGNATURE|SELF_SIGNED|CERT/),
    });
    const wrongName = ask(server.url, '/api/v1/health', { ca, servername: 'other.test' });
    await expect(wrongName).rejects.toMatchObject({ code: 'ERR_TLS_CERT_ALTNAME_INVALID' });
  });

  it('cuts a connection that never starts its handshake after handshakeMs', async () => {
    const t0 = performance.now();
    const closedMs = await new Promise<number>((resolve, reject) => {
      const socket = connect(server.port, '127.0.0.1');
      socket.on('error', reject);
      socket.on('close', () => resolve(performance.now() - t0));
      socket.setTimeout(5_000, () => reject(new Error('still open after 5 s')));
    });
    expect(closedMs).toBeGreaterThanOrEqual(450);
    expect(closedMs).toBeLessThan(2_500);
  });

  it('serves a new certificate, same CA, when the laptop gets a new address while running', async () => {
    addresses = ['192.0.2.99'];
    let names: string[] = [];
    for (let i = 0; i < 50 && !names.includes('IP Address:192.0.2.99'); i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      names = ((await peerCertificate(server.url, { ca })).subjectaltname ?? '').split(', ');
    }
    expect(names).toContain('IP Address:192.0.2.99');
    expect(names).not.toContain('IP Address:192.0.2.10');
    const health = await ask(server.url, '/api/v1/health', { ca });
    expect(JSON.parse(health.text).httpsUrl).toBe(`https://192.0.2.99:${server.port}`);
  });
});
