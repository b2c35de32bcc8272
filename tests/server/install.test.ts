// The plain-HTTP port beside HTTPS and the "Pasang sertifikat" page: redirects that keep
// the path and never echo a foreign host, the CA in the three forms devices install, a
// QR that really reads as the page's address, the security headers on every answer, and
// no path that gives out the CA key. Real server, real sockets, 127.0.0.1 only. It starts
// as `npm start` does, with the demo event it seeds: the links are the demo's poster's.
import { X509Certificate } from 'node:crypto';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { announce } from '#server/announce';
import { startServer, type RunningServer } from '#server/main';
import { ensureBuilt, tempDataDir } from '#tests/server/support';
import {
  ask,
  balanced,
  expectSecure,
  pemBody,
  readQr,
  type Answer,
} from '#tests/server/tls-support';

let server: RunningServer;
let dataDir: string;
let ca: string;
/** What a request to each port looks like from a tablet that typed this address. */
let http: (
  path: string,
  opts?: { method?: string; host?: string; body?: string },
) => Promise<Answer>;
let https: (path: string) => Promise<Answer>;

beforeAll(async () => {
  dataDir = tempDataDir();
  server = await startServer({
    port: 0,
    httpPort: 0,
    host: '127.0.0.1',
    dataDir,
    staticDir: 'dist',
    tls: 'local',
    names: ['hadir.test'],
    addresses: ['192.0.2.10'],
    hostname: 'laptop-panitia',
  });
  ca = server.site!.ca!.pem;
  http = (path, opts = {}) =>
    ask(server.httpUrl!, path, {
      method: opts.method ?? 'GET',
      headers: {
        host: opts.host ?? `127.0.0.1:${server.httpPort}`,
        ...(opts.body ? { 'content-type': 'application/json' } : {}),
      },
      ...(opts.body ? { body: opts.body } : {}),
    });
  https = (path) => ask(server.url, path, { ca, servername: 'hadir.test' });
});
afterAll(async () => {
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the plain-HTTP port', () => {
  it('moves a GET or HEAD to the same path on HTTPS (301), on the host the tablet used', async () => {
    const to = (host: string) => `https://${host}:${server.port}`;
    for (const [path, host, location] of [
      ['/', undefined, `${to('127.0.0.1')}/`],
      // A fragment (/#/desk) never reaches a server; the browser keeps it across the redirect.
      ['/#/desk', undefined, `${to('127.0.0.1')}/`],
      [
        '/r/demo-bimtek-2025?src=poster',
        undefined,
        `${to('127.0.0.1')}/r/demo-bimtek-2025?src=poster`,
      ],
      ['/sw.js', `hadir.test:${server.httpPort}`, `${to('hadir.test')}/sw.js`],
      ['/', `laptop-panitia.local:${server.httpPort}`, `${to('laptop-panitia.local')}/`],
      // A host the certificate does not cover is never echoed: the preferred address instead.
      ['/', 'evil.example', `${to('192.0.2.10')}/`],
    ] as const) {
      const reply = await http(path, host === undefined ? {} : { host });
      expect(reply.status, `${host} ${path}`).toBe(301);
      expect(reply.headers.location, `${host} ${path}`).toBe(location);
      expect(reply.headers['cache-control']).toBe('no-store');
      expectSecure(reply, false, `redirect of ${path}`);
    }
    const head = await http('/x', { method: 'HEAD' });
    expect([head.status, head.headers.location]).toEqual([301, `${to('127.0.0.1')}/x`]);
  });

  it('moves any other method with its body (308)', async () => {
    for (const method of ['POST', 'PUT', 'DELETE']) {
      const reply = await http('/r/demo-bimtek-2025', { method, body: '{}' });
      expect(reply.status, method).toBe(308);
      expect(reply.headers.location).toBe(`https://127.0.0.1:${server.port}/r/demo-bimtek-2025`);
      expectSecure(reply, false, method);
    }
  });

  it('still answers the API: a tablet left open on the old address can send what it holds', async () => {
    const health = await http('/api/v1/health');
    expect(health.status).toBe(200);
    expect(JSON.parse(health.text)).toMatchObject({
      ok: true,
      httpsUrl: expect.stringMatching(/^https:/),
    });
    expectSecure(health, false, 'health on http');
    // The same server behind it: a push without a token is refused the same way, no-store.
    const push = await http('/api/v1/sync/push', { method: 'POST', body: '{"mutations":[]}' });
    expect(push.status).toBe(401);
    expect(push.headers['cache-control']).toBe('no-store');
  });
});

describe('"Pasang sertifikat"', () => {
  it('tells how to install the CA on each platform, Indonesian first, and where to go next', async () => {
    for (const path of ['/pasang-sertifikat', '/install-certificate']) {
      const page = await http(path);
      expect(page.status, path).toBe(200);
      expect(page.headers['content-type']).toMatch(/^text\/html/);
      expect(page.headers['cache-control']).toBe('no-cache');
      expectSecure(page, false, path);
      const html = page.text;
      expect(html).toContain(server.site!.ca!.fingerprint256);
      expect(html).toContain(server.site!.ca!.fingerprint);
      for (const file of ['hadir-ca.crt', 'hadir-ca.pem', 'hadir-ca.mobileconfig']) {
        expect(html).toContain(`href="/${file}"`);
      }
      for (const words of [
        'Pasang sertifikat Hadir',
        'Sertifikat CA',
        'Pengaturan Kepercayaan Sertifikat',
        'Trusted Root Certification Authorities',
        'Always Trust',
        'Certificate Trust Settings',
        `https://192.0.2.10:${server.port}`,
      ]) {
        expect(html, words).toContain(words);
      }
      expect(html.indexOf('lang="id"')).toBeLessThan(html.indexOf('lang="en"'));
      // Nothing the CSP would block, nothing from outside the hall.
      expect(html).not.toMatch(/<script|\sstyle=|<style|\son\w+=/i);
      expect(html).not.toMatch(/(src|href)="(https?:)?\/\/(?!192\.0\.2\.10)/);
    }
    const css = await http('/pasang-sertifikat.css');
    expect([css.status, css.headers['content-type']]).toEqual([200, 'text/css; charset=utf-8']);
  });

  it('shows a QR that reads as the page on the LAN address, even when opened on the laptop', async () => {
    const html = (await http('/pasang-sertifikat')).text;
    expect(readQr(html)).toBe(`http://192.0.2.10:${server.httpPort}/pasang-sertifikat`);
    const byName = (await http('/pasang-sertifikat', { host: `hadir.test:${server.httpPort}` }))
      .text;
    expect(readQr(byName)).toBe(`http://hadir.test:${server.httpPort}/pasang-sertifikat`);
  });

  it('offers the CA as DER, PEM and an Apple profile, each the same certificate', async () => {
    const der = await http('/hadir-ca.crt');
    expect(der.status).toBe(200);
    expect(der.headers['content-type']).toBe('application/x-x509-ca-cert');
    expect(der.headers['content-disposition']).toBe('attachment; filename="hadir-ca.crt"');
    const cert = new X509Certificate(der.body);
    expect(cert.ca).toBe(true);
    expect(cert.fingerprint256).toBe(server.site!.ca!.fingerprint256);
    expect(cert.raw.equals(server.site!.ca!.der)).toBe(true);

    const pem = await http('/hadir-ca.pem');
    expect(pem.status).toBe(200);
    expect(new X509Certificate(pem.text).fingerprint256).toBe(cert.fingerprint256);

    const profile = await http('/hadir-ca.mobileconfig');
    expect(profile.status).toBe(200);
    expect(profile.headers['content-type']).toBe('application/x-apple-aspen-config');
    const plist = profile.text;
    expect(plist).toMatch(/^<\?xml version="1\.0" encoding="UTF-8"\?>\n<!DOCTYPE plist/);
    expect(balanced(plist)).toBe(true);
    expect(plist).toContain(
      '<key>PayloadType</key>\n      <string>com.apple.security.root</string>',
    );
    expect(plist).toContain('<key>PayloadType</key>\n  <string>Configuration</string>');
    const data = /<data>([^<]*)<\/data>/.exec(plist)![1]!.replace(/\s/g, '');
    expect(data).toBe(cert.raw.toString('base64'));
    // The same CA gives the same profile: installed twice, it replaces itself.
    expect((await http('/hadir-ca.mobileconfig')).text).toBe(profile.text);

    for (const reply of [der, pem, profile]) expectSecure(reply, false, 'a download');
  });

  it('is on the HTTPS port too, with HSTS, for a device that already trusts the CA', async () => {
    for (const path of [
      '/pasang-sertifikat',
      '/hadir-ca.crt',
      '/hadir-ca.pem',
      '/hadir-ca.mobileconfig',
    ]) {
      const reply = await https(path);
      expect(reply.status, path).toBe(200);
      expectSecure(reply, true, path);
    }
    expect(new X509Certificate((await https('/hadir-ca.crt')).body).fingerprint256).toBe(
      server.site!.ca!.fingerprint256,
    );
  });

  it('changes nothing else on the HTTPS port: the app, its cache rules, the API', async () => {
    await ensureBuilt();
    const asset = readdirSync('dist/assets').find((f) => f.endsWith('.js'))!;
    for (const [path, status, cache] of [
      ['/', 200, 'no-cache'],
      [`/assets/${asset}`, 200, 'public, max-age=31536000, immutable'],
      ['/api/v1/nope', 404, 'no-store'],
    ] as const) {
      const reply = await https(path);
      expect([reply.status, reply.headers['cache-control']], path).toEqual([status, cache]);
      expectSecure(reply, true, path);
    }
  });

  it('never gives out a key, whatever the path', async () => {
    const secrets = readdirSync(join(dataDir, 'tls'))
      .filter((f) => f.endsWith('.key'))
      .map((f) => readFileSync(join(dataDir, 'tls', f), 'utf8'));
    expect(secrets).toHaveLength(2);
    // The private scalar of each EC key: PKCS#8 carries it after version 1 as OCTET STRING(32)
    // (the public key that follows it is in the certificates, and public).
    const scalars = secrets.map((k) => {
      const der = Buffer.from(pemBody(k), 'base64');
      const at = der.indexOf(Buffer.from([0x02, 0x01, 0x01, 0x04, 0x20]));
      expect(at).toBeGreaterThan(0);
      return der.subarray(at + 5, at + 5 + 32);
    });
    const paths = [
      '/pasang-sertifikat',
      '/hadir-ca.crt',
      '/hadir-ca.pem',
      '/hadir-ca.mobileconfig',
      '/hadir-ca.key',
      '/ca.key',
      '/tls/ca.key',
      '/data/tls/ca.key',
      '/%2e%2e/data/tls/ca.key',
      '/..%2f..%2fdata%2ftls%2fca.key',
      '/pasang-sertifikat/../tls/ca.key',
      '/api/v1/health',
    ];
    for (const path of paths) {
      for (const reply of [await http(path), await https(path)]) {
        for (const [i, key] of secrets.entries()) {
          expect(reply.text, path).not.toContain(pemBody(key).slice(0, 32));
          expect(reply.body.includes(scalars[i]!), path).toBe(false);
        }
      }
    }
  });
});

describe('the health answer and the start-up message', () => {
  it('names no HTTPS address without TLS, and the public one when there is one', async () => {
    for (const [publicUrl, expected] of [
      [undefined, undefined],
      ['https://hadir.example', 'https://hadir.example'],
      ['http://hadir.example', undefined],
    ] as const) {
      const dir = tempDataDir();
      const plain = await startServer({
        port: 0,
        host: '127.0.0.1',
        dataDir: dir,
        tls: false,
        ...(publicUrl ? { publicUrl } : {}),
      });
      try {
        expect(plain.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
        expect(plain.httpUrl).toBeUndefined();
        const health = JSON.parse((await ask(plain.url, '/api/v1/health')).text);
        expect(health.httpsUrl).toBe(expected);
        expect(health.installUrl).toBeUndefined();
      } finally {
        await plain.close();
        rmSync(dir, { recursive: true, force: true });
      }
    }
  });

  it('tells each kind of device where to go, and the fingerprint to compare', () => {
    const text = announce(server, { host: '0.0.0.0', eventId: 'bimtek-1' }).join('\n');
    expect(text).toContain(server.site!.ca!.fingerprint256);
    expect(text).toContain(`https://localhost:${server.port}`);
    expect(text).toContain(`desk tablets & trainers' phones: https://192.0.2.10:${server.port}`);
    expect(text).toContain(
      `install the certificate first: http://192.0.2.10:${server.httpPort}/pasang-sertifikat`,
    );
    expect(text).toContain(
      `participants (registration link): https://192.0.2.10:${server.port}/r/bimtek-1`,
    );
    expect(text).not.toMatch(/WARNING/);
  });

  it('warns plainly when the LAN gets plain HTTP only, and says how to turn HTTPS on', () => {
    const ctx = { host: '0.0.0.0', eventId: 'bimtek-1', lan: ['192.168.1.10'] };
    const text = announce({ port: 8080 }, ctx).join('\n');
    expect(text).toContain("desk tablets & trainers' phones: http://192.168.1.10:8080");
    expect(text).toContain('PERINGATAN');
    expect(text).toContain('cannot work offline or install');
    expect(text).toContain('HADIR_TLS=local npm start');
    // Behind the office's HTTPS proxy, or with no LAN at all, there is nothing to warn about.
    const proxied = announce({ port: 8080 }, { ...ctx, publicUrl: 'https://hadir.example' });
    expect(proxied.join('\n')).not.toContain('WARNING');
    expect(proxied.join('\n')).toContain('https://hadir.example/r/bimtek-1');
    const alone = announce({ port: 8080 }, { ...ctx, lan: [] }).join('\n');
    expect(alone).not.toContain('WARNING');
    expect(alone).toContain('only this laptop can open it');
  });
});
