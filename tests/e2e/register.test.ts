// Issue 5, end to end on a phone-sized Chromium with touch: the registration link opens
// online once, the network goes, the person registers anyway and gets a ticket that
// survives a reload; back online it is sent and says "Terkirim". The same NIP from two
// phones becomes one participant. Once certificates are published, the phone downloads
// its own from the ticket's link.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DEMO_EVENT_ID, demoBatches, demoEvent, demoSessions } from '#domain/demo';
import { enrollDevice, freshNip, mark, request } from '#tests/server/support';
import { pdfText } from '#tests/support/pdf';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { launchBrowser, serveApp, type AppServer } from './support';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core'), 'utf8');
const jsqrSource = readFileSync(require.resolve('jsqr'), 'utf8');

/** Read a PNG's QR code back inside the page, with jsQR, as a desk's scanner would. */
async function decodePng(page: Page, png: Buffer): Promise<string | undefined> {
  await page.evaluate(jsqrSource);
  return page.evaluate(async (b64) => {
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const g = canvas.getContext('2d')!;
    g.drawImage(bitmap, 0, 0);
    const img = g.getImageData(0, 0, bitmap.width, bitmap.height);
    type Decoder = (d: Uint8ClampedArray, w: number, h: number) => { data: string } | null;
    return (window as unknown as { jsQR: Decoder }).jsQR(img.data, img.width, img.height)?.data;
  }, png.toString('base64'));
}

/** axe-core's serious and critical findings on the page as it is now. */
async function seriousViolations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  const found = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run(): Promise<{
            violations: { id: string; impact: string; nodes: { target: string[] }[] }[];
          }>;
        };
      }
    ).axe;
    return (await axe.run()).violations;
  });
  return found
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const phone = () =>
  browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
  });

async function openLink(context: BrowserContext, server: AppServer): Promise<Page> {
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await page.goto(`${server.url}/r/${DEMO_EVENT_ID}`);
  await expect.poll(() => page.getByTestId('event-name').textContent()).toBe(demoEvent.name);
  return page;
}

/** Fill the form as a person would, by the visible labels. */
async function fill(page: Page, p: { name: string; nip: string; phone: string }) {
  await page.getByLabel('Nama lengkap dengan gelar').fill(p.name);
  await page.getByLabel('Status kepegawaian').selectOption('pns');
  await page.getByLabel('NIP', { exact: true }).fill(p.nip);
  await page.getByLabel('NIP', { exact: true }).blur(); // its message appears before moving on
  await page.getByLabel('Laki-laki').check();
  await page.getByLabel('Jabatan').selectOption('pustakawan_ahli_pertama');
  await page.getByLabel('Instansi / unit kerja').fill('Dinas Perpustakaan Kota Banjarbaru');
  await page.getByLabel('Kabupaten/kota').selectOption('63.72');
  await page.getByLabel('Jenis perpustakaan').selectOption('umum_kabkota');
  await page.getByLabel('Nomor HP/WhatsApp').fill(p.phone);
  await page.getByRole('radio', { name: new RegExp(`^${demoBatches[0]!.name}(\\s|$)`) }).check();
  await page.getByLabel('Ya', { exact: true }).check();
  await page.getByLabel(/Saya setuju/).check();
}

const participantsNamed = (server: AppServer, name: string) =>
  server.db
    .prepare(
      `SELECT id, json_extract(data, '$.registrationNumber') AS number,
         json_extract(data, '$.ticketCode') AS code
       FROM rows WHERE tbl = 'participants' AND json_extract(data, '$.fullName') = ?`,
    )
    .all(name) as { id: string; number: string; code: string }[];

describe('registering from a phone', () => {
  it('offline: saved at once with a usable ticket, kept over a reload, sent when back online', async () => {
    const server = await serveApp();
    const context = await phone();
    try {
      const page = await openLink(context, server);
      await page.evaluate(async () => {
        await navigator.serviceWorker.ready;
      });
      await page.waitForFunction(() => navigator.serviceWorker.controller !== null);

      // The network goes before the person starts typing (every request fails; the phone
      // finds out by trying, as it does on a venue's Wi-Fi without internet).
      await context.route('**/*', (route) => route.abort('internetdisconnected'));

      // A wrong NIP first: a specific message, focus on the field, nothing lost.
      await fill(page, {
        name: 'Rahmat Hidayat, S.IP.',
        nip: '19900101201503100',
        phone: '0812 5111 0042',
      });
      await page.getByRole('button', { name: 'Daftar' }).tap();
      await expect
        .poll(() => page.getByTestId('reg-nip-error').textContent())
        .toBe('NIP harus 18 digit (sekarang 17 digit)');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('reg-nip');
      expect(await page.getByLabel('Nama lengkap dengan gelar').inputValue()).toBe(
        'Rahmat Hidayat, S.IP.',
      );

      // The draft survives a reload (offline: the service worker serves the page).
      await page.reload();
      await expect
        .poll(() => page.getByLabel('Nama lengkap dengan gelar').inputValue())
        .toBe('Rahmat Hidayat, S.IP.');
      const nip = freshNip();
      await page.getByLabel('NIP', { exact: true }).fill(nip);
      await page.getByRole('button', { name: 'Daftar' }).tap();

      await expect
        .poll(() => page.getByTestId('ticket-status').textContent())
        .toContain('Tersimpan di perangkat — akan dikirim saat ada sinyal');
      expect(await page.getByTestId('ticket-name').textContent()).toBe('Rahmat Hidayat, S.IP.');
      expect(await page.getByTestId('qr').isVisible()).toBe(true);

      await page.reload();
      await expect
        .poll(() => page.getByTestId('ticket-status').textContent())
        .toContain('Tersimpan di perangkat');

      // Back online: sent without anyone touching anything (its probe finds the server).
      await context.unroute('**/*');
      await expect
        .poll(() => page.getByTestId('ticket-status').textContent(), { timeout: 20_000 })
        .toContain('Terkirim');
      const stored = participantsNamed(server, 'Rahmat Hidayat, S.IP.');
      expect(stored).toHaveLength(1);
      await expect
        .poll(() => page.getByTestId('ticket-number').textContent())
        .toBe(stored[0]!.number);
      expect(stored[0]!.number).toMatch(/^KS-A1-\d{3}$/);

      // Saved as an image for the phone's gallery.
      const download = page.waitForEvent('download');
      await page.getByRole('button', { name: 'Simpan sebagai gambar' }).tap();
      const image = await download;
      expect(image.suggestedFilename()).toBe(`tiket-${stored[0]!.number}.png`);
      const png = Buffer.concat(await (await image.createReadStream()).toArray());
      expect(png.subarray(1, 4).toString()).toBe('PNG');
      const { code } = server.db
        .prepare("SELECT json_extract(data, '$.ticketCode') AS code FROM rows WHERE id = ?")
        .get(stored[0]!.id) as { code: string };
      expect(await decodePng(page, png)).toBe(`HADIR1.${stored[0]!.id}.${code}`);

      // Opened from the home screen (the app's start URL), the phone shows its ticket.
      await page.goto(server.url);
      await expect.poll(() => page.url()).toBe(`${server.url}/r/${DEMO_EVENT_ID}`);
      await expect
        .poll(() => page.getByTestId('ticket-name').textContent())
        .toBe('Rahmat Hidayat, S.IP.');
    } finally {
      await context.close();
      await server.stop();
    }
  }, 120_000);

  it('axe-core finds nothing serious on the form (with its errors) or on the ticket, which reflow at 320 px', async () => {
    const server = await serveApp();
    const context = await phone();
    try {
      const page = await openLink(context, server);
      expect(await seriousViolations(page)).toEqual([]);
      // 200% zoom of a 640 px window, or a 320 px phone: everything reflows, no sideways scroll.
      await page.setViewportSize({ width: 320, height: 640 });
      const overflow = () => page.evaluate(() => document.documentElement.scrollWidth);
      expect(await overflow()).toBeLessThanOrEqual(320);
      await page.getByRole('button', { name: 'Daftar' }).tap(); // every error showing
      await expect.poll(() => page.getByTestId('reg-fullName-error').count()).toBe(1);
      expect(await seriousViolations(page)).toEqual([]);
      await fill(page, { name: 'Rudi Hartono, S.IP.', nip: freshNip(), phone: '081251110099' });
      await page.getByRole('button', { name: 'Daftar' }).tap();
      await expect.poll(() => page.getByTestId('ticket').count()).toBe(1);
      expect(await seriousViolations(page)).toEqual([]);
      expect(await overflow()).toBeLessThanOrEqual(320);
    } finally {
      await context.close();
      await server.stop();
    }
  }, 120_000);

  it('the same NIP from two phones yields one participant; the second phone is told, and learns nothing of the first', async () => {
    const server = await serveApp();
    const [a, b] = [await phone(), await phone()];
    try {
      const nip = freshNip();
      let first = '';
      for (const [context, name] of [
        [a, 'Ahmad Fauzi'],
        [b, 'Ahmad Fauzi, S.Hum.'],
      ] as const) {
        const page = await openLink(context, server);
        await fill(page, { name, nip, phone: '081251110077' });
        await page.getByRole('button', { name: 'Daftar' }).tap();
        await expect
          .poll(() => page.getByTestId('ticket-status').textContent(), { timeout: 20_000 })
          .toContain('Terkirim');
        if (context === a) {
          await expect.poll(() => page.getByTestId('ticket-number').textContent()).toMatch(/^KS-/);
          first = (await page.getByTestId('ticket-number').textContent())!;
        } else {
          // Told to use the first ticket at the desk: no QR that would fail there, and not
          // the first registration's number (knowing a NIP proves nothing).
          await expect.poll(() => page.getByTestId('merged').count()).toBe(1);
          expect(await page.getByTestId('qr').count()).toBe(0);
          expect(await page.getByTestId('ticket-number').count()).toBe(0);
          expect(await page.content()).not.toContain(first);
        }
      }
      const rows = server.db
        .prepare(
          "SELECT count(*) AS n FROM rows WHERE tbl = 'participants' AND deleted = 0 AND json_extract(data, '$.nip') = ?",
        )
        .get(nip) as { n: number };
      expect(rows.n).toBe(1);
    } finally {
      await a.close();
      await b.close();
      await server.stop();
    }
  }, 120_000);

  it('a participant downloads their own certificate on the phone once it is published', async () => {
    const server = await serveApp();
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      acceptDownloads: true,
    });
    try {
      const page = await openLink(context, server);
      const name = 'Wahyu Pratama, S.IP.';
      await fill(page, { name, nip: freshNip(), phone: '081251110123' });
      await page.getByRole('button', { name: 'Daftar' }).tap();
      await expect.poll(() => page.getByTestId('ticket-number').textContent()).toMatch(/^KS-/);
      const id = participantsNamed(server, name)[0]!.id;

      // The organiser marks every session of batch A1, issues the certificates (not yet
      // published): the phone's page says so.
      const organiser = await enrollDevice(server, 'organiser');
      const a1 = demoSessions.filter((s) => s.batchId === demoBatches[0]!.id);
      await organiser.send(...a1.map((s) => mark(s.id, id, 'hadir', { eventId: DEMO_EVENT_ID })));
      const admin = (path: string, body: unknown) =>
        request(server.url, `/api/v1/admin/certificates/${path}`, { token: organiser.token, body });
      expect((await admin('issue', {})).status).toBe(200);
      await page.getByTestId('certificate-link').tap();
      await expect
        .poll(() => page.getByTestId('my-certificate-state').textContent())
        .toContain('belum diumumkan');

      expect((await admin('publish', { published: true })).status).toBe(200);
      await page.reload();
      await page.getByTestId('my-certificate').waitFor();
      expect(await page.getByTestId('my-certificate').textContent()).toContain(name);
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByTestId('my-certificate-download').tap(),
      ]);
      const text = (await pdfText(readFileSync(await download.path()))).join(' ');
      expect(text).toContain(name);
      expect(text).toMatch(/8 \(delapan\) jam pelajaran/);

      // A new phone, with the number and check code from the ticket (read aloud, in lower
      // case): a wrong code finds nothing, the right one the certificate.
      const { number, code } = participantsNamed(server, name)[0]!;
      const other = await phone();
      try {
        const page2 = await other.newPage();
        await page2.goto(`${server.url}/#/certificate`);
        await page2.getByTestId('ticket-proof').waitFor();
        await page2.getByLabel(/Nomor pendaftaran/).fill(number.toLowerCase());
        await page2.getByLabel(/Kode cek/).fill('ZZZZZZ');
        await page2.getByRole('button', { name: 'Cari sertifikat' }).tap();
        await expect
          .poll(() => page2.locator('#proof-code-error').textContent())
          .toContain('Tidak ada pendaftaran');
        await page2.getByLabel(/Kode cek/).fill(code.toLowerCase());
        await page2.getByRole('button', { name: 'Cari sertifikat' }).tap();
        await page2.getByTestId('my-certificate').waitFor();
        expect(await page2.getByTestId('my-certificate').textContent()).toContain(name);
        expect(await seriousViolations(page2)).toEqual([]);
      } finally {
        await other.close();
      }
    } finally {
      await context.close();
      await server.stop();
    }
  }, 120_000);
});
