// HTTPS with the office's own certificate (HADIR_TLS_CERT, HADIR_TLS_KEY; openssl makes
// one here), the settings a start refuses and how it says so, and `npm start` with TLS
// as a separate process whose output is read. Requests go to 127.0.0.1 only.
import { execFileSync, spawn } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { readConfig, StartupError } from '#server/config';
import { startServer } from '#server/main';
import { loadTlsFiles } from '#server/tls/files';
import { tempDataDir } from '#tests/server/support';
import { ask, expectSecure, pemBody } from '#tests/server/tls-support';

const dirs: string[] = [];
const temp = () => {
  const dir = tempDataDir();
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** An openssl-made certificate for 127.0.0.1 and hadir.test, as an office would have. */
function officeCertificate(): { certPath: string; keyPath: string; cert: string; key: string } {
  const dir = mkdtempSync(join(tmpdir(), 'hadir-office-tls-'));
  dirs.push(dir);
  const [keyPath, certPath] = [join(dir, 'key.pem'), join(dir, 'cert.pem')];
  execFileSync(
    'openssl',
    [
      ...['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'],
      ...['-keyout', keyPath, '-out', certPath, '-days', '2', '-subj', '/CN=hadir.test'],
      ...['-addext', 'subjectAltName=DNS:hadir.test,IP:127.0.0.1'],
    ],
    { stdio: 'ignore' },
  );
  return {
    certPath,
    keyPath,
    cert: readFileSync(certPath, 'utf8'),
    key: readFileSync(keyPath, 'utf8'),
  };
}

describe('HTTPS with the office certificate (HADIR_TLS_CERT, HADIR_TLS_KEY)', () => {
  const saved = { ...process.env };
  afterEach(() => {
    for (const key of Object.keys(process.env))
      if (key.startsWith('HADIR_')) delete process.env[key];
    Object.assign(process.env, saved);
  });

  it('serves HTTPS with it; the HTTP port only redirects; there is no CA to install', async () => {
    const office = officeCertificate();
    process.env.HADIR_TLS_CERT = office.certPath;
    process.env.HADIR_TLS_KEY = office.keyPath;
    const server = await startServer({ port: 0, httpPort: 0, host: '127.0.0.1', dataDir: temp() });
    try {
      const health = await ask(server.url, '/api/v1/health', {
        ca: office.cert,
        servername: 'hadir.test',
      });
      expect(health.status).toBe(200);
      expectSecure(health, true, 'health');
      expect(JSON.parse(health.text)).toEqual({
        ok: true,
        protocolVersion: 1,
        httpsUrl: `https://hadir.test:${server.port}`,
      });
      expect(server.site?.ca).toBeUndefined();
      for (const path of ['/pasang-sertifikat', '/hadir-ca.crt', '/hadir-ca.mobileconfig']) {
        const plain = await ask(server.httpUrl!, path, { headers: { host: 'hadir.test' } });
        expect(plain.status, path).toBe(301);
        expect(plain.headers.location, path).toBe(`https://hadir.test:${server.port}${path}`);
        const https = await ask(server.url, path, { ca: office.cert, servername: 'hadir.test' });
        expect(https.headers['content-type'] ?? '', path).not.toMatch(/x509|aspen/);
      }
    } finally {
      await server.close();
    }
  });

  it('takes the certificate and key as PEM through the start option too', async () => {
    const office = officeCertificate();
    const server = await startServer({
      port: 0,
      httpPort: 0,
      host: '127.0.0.1',
      dataDir: temp(),
      tls: { cert: office.cert, key: office.key },
    });
    try {
      expect((await ask(server.url, '/api/v1/health', { ca: office.cert })).status).toBe(200);
    } finally {
      await server.close();
    }
  });

  it('stops the start with the variable and the file named when a file is missing or wrong', async () => {
    const office = officeCertificate();
    const dataDir = temp();
    const start = () => startServer({ port: 0, httpPort: 0, host: '127.0.0.1', dataDir });
    process.env.HADIR_TLS_CERT = '/nonexistent/hadir/cert.pem';
    process.env.HADIR_TLS_KEY = office.keyPath;
    await expect(start()).rejects.toThrow(StartupError);
    await expect(start()).rejects.toThrow(
      /^HADIR_TLS_CERT: berkas tidak dapat dibaca \/ file cannot be read: \/nonexistent\/hadir\/cert\.pem \(ENOENT\)$/,
    );
    process.env.HADIR_TLS_CERT = office.certPath;
    process.env.HADIR_TLS_KEY = officeCertificate().keyPath; // another certificate's key
    await expect(start()).rejects.toThrow(/HADIR_TLS_KEY: .*does not belong to the certificate/);
    process.env.HADIR_TLS_KEY = office.certPath; // a certificate where the key should be
    await expect(start()).rejects.toThrow(/HADIR_TLS_KEY: .*not an unencrypted PEM private key/);
    // Nothing was opened: the database file was never made.
    expect(() => statSync(join(dataDir, 'hadir.sqlite'))).toThrow();
  });

  it('refuses settings that do not go together, naming them', () => {
    expect(() => readConfig({ HADIR_TLS_CERT: 'c.pem' })).toThrow(/HADIR_TLS_KEY belum diisi/);
    expect(() =>
      readConfig({ HADIR_TLS: 'local', HADIR_TLS_CERT: 'c', HADIR_TLS_KEY: 'k' }),
    ).toThrow(/Choose one: HADIR_TLS=local or HADIR_TLS_CERT/);
    expect(() => readConfig({ HADIR_TLS: 'yes' })).toThrow(/HADIR_TLS: local atau off/);
    expect(() => readConfig({ HADIR_PORT: '99999' })).toThrow(/HADIR_PORT: nomor port/);
    expect(readConfig({ HADIR_TLS: '', HADIR_TLS_NAMES: 'hadir.test, 10.0.0.2' })).toMatchObject({
      tls: undefined,
      tlsNames: ['hadir.test', '10.0.0.2'],
      port: undefined,
      host: '0.0.0.0',
    });
  });
});

/** `npm start` as a person runs it: the server in its own process, its output read. */
function runServer(env: NodeJS.ProcessEnv, until: RegExp) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    env: { ...process.env, HADIR_HOST: '127.0.0.1', HADIR_PORT: '0', HADIR_HTTP_PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  const seen = new Promise<string>((resolve, reject) => {
    const look = (d: Buffer) => {
      output += d.toString();
      if (until.test(output)) resolve(output);
    };
    child.stdout.on('data', look);
    child.stderr.on('data', look);
    void exited.then(() => (until.test(output) ? resolve(output) : reject(new Error(output))));
  });
  return { child, seen, exited, output: () => output };
}

describe('npm start with TLS', () => {
  it('exits 1 with the clear message when HADIR_TLS_CERT names a missing file', async () => {
    const run = runServer(
      {
        HADIR_DATA_DIR: temp(),
        HADIR_TLS_CERT: '/nonexistent/c.pem',
        HADIR_TLS_KEY: '/nonexistent/k.pem',
      },
      /cannot start/,
    );
    expect(await run.exited).toBe(1);
    expect(run.output()).toContain('Hadir tidak dapat berjalan / Hadir cannot start:');
    expect(run.output()).toContain(
      'HADIR_TLS_CERT: berkas tidak dapat dibaca / file cannot be read: /nonexistent/c.pem',
    );
    expect(run.output()).not.toMatch(/\n\s+at /); // no stack trace for a setting
  }, 30_000);

  it('HADIR_TLS=local prints the fingerprint and the addresses, never the CA key', async () => {
    const dataDir = temp();
    const run = runServer(
      { HADIR_DATA_DIR: dataDir, HADIR_TLS: 'local', HADIR_TLS_NAMES: 'hadir.test' },
      /enrolment code/,
    );
    try {
      const out = await run.seen;
      const url = /running at (https:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1];
      expect(url).toBeDefined();
      const caPem = readFileSync(join(dataDir, 'tls', 'ca.crt'), 'utf8');
      expect(out).toContain(new X509Certificate(caPem).fingerprint256);
      expect(out).toContain(`https://localhost:${new URL(url!).port}`);
      expect(out).toMatch(
        /install the certificate first: http:\/\/localhost:\d+\/pasang-sertifikat/,
      );
      const key = readFileSync(join(dataDir, 'tls', 'ca.key'), 'utf8');
      expect(out).not.toContain(pemBody(key).slice(0, 40));
      expect((await ask(url!, '/api/v1/health', { ca: caPem })).status).toBe(200);
    } finally {
      run.child.kill('SIGTERM');
      await run.exited;
    }
    expect(run.output()).not.toContain(
      pemBody(readFileSync(join(dataDir, 'tls', 'ca.key'), 'utf8')).slice(0, 40),
    );
  }, 30_000);
});

// Windows line endings in a PEM file an office copied around must not matter.
it('reads an office certificate saved with CRLF line endings', () => {
  const office = officeCertificate();
  writeFileSync(office.certPath, office.cert.replace(/\n/g, '\r\n'));
  expect(loadTlsFiles(office.certPath, office.keyPath).names).toEqual(['hadir.test', '127.0.0.1']);
});
