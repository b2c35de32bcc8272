// Hadir where its users are (issue 15): a LAN-style host name, not 127.0.0.1. Chromium
// resolves hadir.test to 127.0.0.1 but treats it as any venue address: over HTTPS with the
// server's own CA (HADIR_TLS=local), trusted the way a tablet trusts it (installed in the
// profile's certificate store with certutil), the app installs its service worker, works
// offline and syncs; over plain HTTP it says what cannot work, and still saves. Traffic
// goes only to 127.0.0.1.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoParticipants } from '#domain/demo';
import { startTestServer, type TestServer } from '#tests/support/server';
import { badge, freePort, launchBrowser, sendNow, serverCheckins, unreachable } from './support';

const HOST = 'hadir.test';
const RESOLVE = `--host-resolver-rules=MAP ${HOST} 127.0.0.1`;
let home: string;
let server: TestServer;
let browser: Browser;

/** A profile certificate store holding the server's CA, as "Pasang sertifikat" makes one. */
function trust(caPem: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'hadir-home-'));
  const db = join(dir, '.pki', 'nssdb');
  mkdirSync(db, { recursive: true });
  const ca = join(dir, 'hadir-ca.pem');
  writeFileSync(ca, caPem);
  execFileSync('certutil', ['-N', '-d', `sql:${db}`, '--empty-password']);
  execFileSync('certutil', ['-A', '-d', `sql:${db}`, '-n', 'Hadir CA', '-t', 'C,,', '-i', ca]);
  return dir;
}

beforeAll(async () => {
  // The app as `npm start` serves it over HTTPS: on the demo event it seeds.
  server = await startTestServer({
    seed: 'demo',
    tls: 'local',
    httpPort: await freePort(),
    names: [HOST],
  });
  home = trust(server.site!.ca!.pem);
  browser = await launchBrowser([RESOLVE], { home });
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  rmSync(home, { recursive: true, force: true });
});

const origin = () => `https://${HOST}:${server.port}`;

async function enrolDesk(page: Page, base: string): Promise<void> {
  await page.goto(`${base}/#/device`);
  await page.getByTestId('enroll-code').fill(server.code('staff'));
  await page.getByRole('button', { name: 'Daftarkan' }).click();
  await expect.poll(() => page.getByTestId('device-role').textContent()).toBe('Petugas check-in');
  await expect.poll(() => page.getByTestId('sync-state').textContent()).toBe('Tersinkron');
  // Over HTTPS on the LAN name the "pull now" stream opens too (within the 2 s a new
  // enrolment waits before it listens).
  await expect
    .poll(() => page.getByTestId('device-live').textContent(), { timeout: 10_000 })
    .toBe('Tersambung: perubahan dari perangkat lain tampil seketika');
}

async function checkIn(page: Page, name: string): Promise<void> {
  await page.getByRole('link', { name: 'Peserta' }).click();
  const row = page.getByTestId('participant').filter({ hasText: name });
  await row.getByRole('button', { name: 'Check-in' }).click();
  await expect.poll(() => row.textContent()).toMatch(/Hadir \d{2}\.\d{2} WITA/);
}

describe('HTTPS on a LAN-style host name, with the server’s own certificate authority', () => {
  it('installs, works offline, and syncs with a second desk', async () => {
    const a = await browser.newContext({ viewport: { width: 1024, height: 768 } });
    const b = await browser.newContext({ viewport: { width: 1024, height: 768 } });
    try {
      const desk = await a.newPage();
      desk.setDefaultTimeout(15_000);
      await desk.goto(`${origin()}/`);
      expect(await desk.evaluate(() => window.isSecureContext)).toBe(true);
      expect(await desk.getByTestId('insecure-banner').count()).toBe(0);
      // The service worker installs and takes the page: the app opens offline from now on.
      await desk.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
      await desk.waitForFunction(() => navigator.serviceWorker.controller !== null);
      await enrolDesk(desk, origin());

      // The network goes (every request fails, the service worker's too).
      await a.route('**/*', (route) => route.abort('internetdisconnected'));
      await desk.reload();
      await expect.poll(() => desk.getByTestId('sync-badge').textContent()).toMatch(/^Tidak/);
      const person = demoParticipants[0]!;
      await checkIn(desk, person.fullName);
      await expect.poll(() => badge(desk)).toBe(unreachable(1));
      expect(serverCheckins(server)).toHaveLength(0);

      // It comes back; the desk sends, and a second desk sees the arrival.
      await a.unroute('**/*');
      await sendNow(desk);
      await expect.poll(() => badge(desk), { timeout: 20_000 }).toBe('Semua tersimpan');
      expect(serverCheckins(server).map((c) => c.participantId)).toEqual([person.id]);
      const other = await b.newPage();
      other.setDefaultTimeout(15_000);
      await enrolDesk(other, origin());
      await other.getByRole('link', { name: 'Peserta' }).click();
      const row = other.getByTestId('participant').filter({ hasText: person.fullName });
      await expect.poll(() => row.textContent()).toMatch(/Hadir \d{2}\.\d{2} WITA/);
    } finally {
      await a.close();
      await b.close();
    }
  }, 120_000);

  it('the plain-HTTP port sends pages to HTTPS and serves the certificate page', async () => {
    const context = await browser.newContext();
    try {
      // A new tablet: the certificate page first (it cannot open HTTPS before it trusts
      // the CA), then the address it was given, which moves it to HTTPS. (After that the
      // browser keeps to HTTPS for this name: HSTS.)
      const page = await context.newPage();
      await page.goto(`http://${HOST}:${server.httpPort}/pasang-sertifikat`);
      expect(await page.textContent('body')).toContain(server.site!.ca!.fingerprint256);
      expect(await page.locator('a[href="/hadir-ca.crt"]').count()).toBeGreaterThan(0);
      await page.goto(`http://${HOST}:${server.httpPort}/`);
      expect(page.url()).toBe(`${origin()}/`);
    } finally {
      await context.close();
    }
  });
});

describe('plain HTTP on a LAN-style host name', () => {
  it('says the address cannot work offline, names the HTTPS one, and still saves and sends', async () => {
    // A server without HTTPS (as before this issue), whose public address is the secure one.
    const plain = await startTestServer({
      seed: 'demo',
      port: await freePort(),
      publicUrl: origin(),
    });
    const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
    try {
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      const base = `http://${HOST}:${plain.port}`;
      await page.goto(`${base}/`);
      expect(await page.evaluate(() => window.isSecureContext)).toBe(false);
      expect(await page.evaluate(() => typeof crypto.randomUUID)).toBe('undefined');
      const banner = page.getByTestId('insecure-banner');
      await expect.poll(() => banner.textContent()).toContain('tidak dapat dibuka tanpa internet');
      await expect
        .poll(() => page.getByTestId('https-link').getAttribute('href'))
        .toBe(`${origin()}/`);

      await page.goto(`${base}/#/device`);
      await page.getByTestId('enroll-code').fill(plain.code('staff'));
      await page.getByRole('button', { name: 'Daftarkan' }).click();
      await expect
        .poll(() => page.getByTestId('device-role').textContent())
        .toBe('Petugas check-in');
      const person = demoParticipants[1]!;
      await checkIn(page, person.fullName);
      await expect.poll(() => badge(page), { timeout: 20_000 }).toBe('Semua tersimpan');
      expect(serverCheckins(plain).map((c) => c.participantId)).toEqual([person.id]);
      expect(await banner.isVisible()).toBe(true);
    } finally {
      await context.close();
      await plain.stop();
    }
  }, 120_000);
});
