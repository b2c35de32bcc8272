// The organiser puts a tablet to work without a technician, and takes it out again:
// password sign-in, a one-time code for a check-in desk, the desk enrols by typing the
// short code and sees the event's participants; revoked, the desk stops syncing, says so,
// and keeps (and can save) the change it had not sent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { demoParticipants } from '#domain/demo';
import { setOrganiserPassword } from '#server/auth';
import { cutServer, launchBrowser, restoreServer, serveApp, unreachable } from './support';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('organiser console', () => {
  it('creates a desk code; the desk enrols with it; revoking it stops its sync and keeps its queue', async () => {
    const server = await serveApp();
    setOrganiserPassword(server.db, 'rahasia-panitia-2025');
    const organiser = await browser.newContext({ viewport: { width: 1024, height: 900 } });
    const desk = await browser.newContext({ viewport: { width: 1024, height: 768 } });
    try {
      const o = await organiser.newPage();
      o.setDefaultTimeout(15_000);
      await o.goto(`${server.url}/#/organiser`);
      await o.getByTestId('organiser-password').fill('salah-sekali');
      await o.getByRole('button', { name: 'Masuk' }).click();
      await expect.poll(() => o.getByRole('alert').textContent()).toBe('Kata sandi salah.');
      await o.getByTestId('organiser-password').fill('rahasia-panitia-2025');
      await o.getByRole('button', { name: 'Masuk' }).click();
      await o.getByRole('button', { name: 'Perangkat' }).click();

      await o.getByTestId('new-device-role').selectOption('staff');
      await o.getByTestId('new-device-name').fill('Meja 1');
      await o.getByRole('button', { name: 'Buat kode pendaftaran' }).click();
      const code = (await o.getByTestId('code-text').textContent())!;
      expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
      expect(await o.getByTestId('qr').isVisible()).toBe(true);

      // The desk types the short code.
      const d = await desk.newPage();
      d.setDefaultTimeout(15_000);
      await d.goto(`${server.url}/#/device`);
      await d.getByTestId('enroll-code').fill(code.toLowerCase().replace('-', ' '));
      await d.getByRole('button', { name: 'Daftarkan' }).click();
      await expect.poll(() => d.getByTestId('device-role').textContent()).toBe('Petugas check-in');
      await d.getByRole('link', { name: 'Peserta' }).click();
      await expect.poll(() => d.getByTestId('participant').count()).toBe(demoParticipants.length);

      // The organiser sees the desk in its list (after the desk's first sync).
      await o.getByRole('button', { name: 'Muat ulang daftar' }).click();
      const row = o.getByTestId('device-row').filter({ hasText: 'Meja 1' });
      await expect.poll(() => row.count()).toBe(1);

      // The desk goes offline, checks someone in; meanwhile the organiser revokes it.
      await cutServer(desk);
      await d.getByTestId('participant').first().getByRole('button', { name: 'Check-in' }).click();
      await expect.poll(() => d.getByTestId('sync-badge').textContent()).toBe(unreachable(1));
      o.once('dialog', (dialog) => void dialog.accept());
      await row.getByRole('button', { name: 'Cabut' }).click();
      await expect.poll(() => row.textContent()).toContain('Dicabut');

      // Back online, the desk's next sync is refused: it says so and keeps its change.
      await restoreServer(desk);
      await expect
        .poll(() => d.getByTestId('sync-badge').textContent(), { timeout: 20_000 })
        .toBe('Sinkron berhenti');
      await d.getByRole('link', { name: 'Perangkat' }).click();
      await expect
        .poll(() => d.getByTestId('sync-state').textContent())
        .toBe('Perangkat dicabut oleh panitia');
      expect(await d.getByTestId('unsent-count').textContent()).toBe('1');
      const download = d.waitForEvent('download');
      await d.getByRole('button', { name: 'Simpan antrean ke file' }).click();
      const saved = await download;
      const file = JSON.parse(
        await (await saved.createReadStream()).toArray().then((c) => Buffer.concat(c).toString()),
      );
      expect(file.mutations).toEqual([
        expect.objectContaining({ name: 'checkin.record', status: 'pending' }),
      ]);
      // Signing out removes the personal data from the tablet; the unsent change is saved
      // to a file first, then the tablet starts over, un-enrolled.
      d.once('dialog', (dialog) => void dialog.accept());
      const exported = d.waitForEvent('download');
      await d.getByRole('button', { name: 'Keluar dan hapus data perangkat ini' }).click();
      expect((await exported).suggestedFilename()).toMatch(/^hadir-antrean-.*\.json$/);
      await expect
        .poll(() => d.getByTestId('sync-state').textContent())
        .toBe('Perangkat belum didaftarkan');
      await expect.poll(() => d.getByTestId('unsent-count').textContent()).toBe('0');

      // Nothing of it reached the server.
      const checkins = server.db
        .prepare("SELECT count(*) AS n FROM rows WHERE tbl = 'checkins'")
        .get();
      expect((checkins as { n: number }).n).toBe(0);
    } finally {
      await organiser.close();
      await desk.close();
      await server.stop();
    }
  }, 120_000);
});
