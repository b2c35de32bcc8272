// Issue 16, end to end: on a fresh server (the demo only), the organiser signs in and makes
// a new event with "Kegiatan baru" at the top of the Kegiatan tab. It carries none of the
// demo's signers; issuing certificates is refused in words, with a link to the signatory's
// field; once a signatory is saved (and synced), certificates are issued.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { Event } from '#domain/model';
import { setOrganiserPassword } from '#server/auth';
import { getRow } from '#server/store/rows';
import { launchBrowser, serveApp } from './support';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const PASSWORD = 'rahasia-panitia-2026';

describe('a new event and its certificates', () => {
  it('starts clean, refuses certificates until a signatory is set, then issues them', async () => {
    const server = await serveApp();
    setOrganiserPassword(server.db, PASSWORD);
    const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
    try {
      const o = await context.newPage();
      o.setDefaultTimeout(15_000);
      await o.goto(`${server.url}/#/organiser`);
      await o.getByTestId('organiser-password').fill(PASSWORD);
      await o.getByRole('button', { name: 'Masuk' }).click();

      // The button is in view without scrolling past the demo event's form.
      const button = o.getByRole('button', { name: 'Kegiatan baru' });
      await button.waitFor();
      const box = await button.boundingBox();
      expect(box!.y + box!.height).toBeLessThanOrEqual(900);
      await button.click();
      await o.getByLabel('Nama kegiatan').fill('Bimtek Pengelola Perpustakaan 2026');
      await o.getByLabel('Penyelenggara (instansi)').fill('Dispersip Kalsel');
      await o.getByRole('button', { name: 'Buat kegiatan' }).click();
      const created = () =>
        server.db
          .prepare("SELECT id FROM rows WHERE tbl = 'events' AND json_extract(data, '$.name') = ?")
          .get('Bimtek Pengelola Perpustakaan 2026') as { id: string } | undefined;
      await expect.poll(() => created()?.id).toBeDefined();
      const eventId = created()!.id;
      const stored = getRow<Event>(server.db, 'events', eventId)!.data;
      expect(stored.official).toBeUndefined();
      expect(stored.certificate?.signatory).toBeUndefined();
      expect(stored.committee).toEqual([]);
      expect(JSON.stringify(stored)).not.toMatch(/\d{18}|Contoh/);
      await expect
        .poll(() => o.getByLabel('Nama kegiatan').inputValue())
        .toBe('Bimtek Pengelola Perpustakaan 2026');

      // Certificates: refused, said in Indonesian, with the way to the field.
      await o.getByRole('button', { name: 'Laporan' }).click();
      await o.getByTestId('certificates-count').waitFor();
      await o.getByTestId('certificates-issue').click();
      const refusal = o.getByTestId('certificates-no-signatory');
      await expect
        .poll(() => refusal.textContent())
        .toContain('Sertifikat tidak diterbitkan: penandatangan sertifikat belum diisi.');
      await refusal.getByRole('button', { name: /Isi penandatangan sertifikat/ }).click();
      const signatory = o.getByRole('group', { name: 'Penandatangan sertifikat' });
      const name = signatory.getByLabel('Nama (dengan gelar)');
      await expect.poll(() => name.evaluate((el) => el === document.activeElement)).toBe(true);
      await name.fill('Dr. Siti Rahmah, M.Si.');
      await signatory.getByLabel('Jabatan').fill('Kepala Dinas');
      await o.getByRole('button', { name: 'Simpan' }).click();
      await expect
        .poll(() => getRow<Event>(server.db, 'events', eventId)?.data.certificate?.signatory?.name)
        .toBe('Dr. Siti Rahmah, M.Si.');

      await o.getByRole('button', { name: 'Laporan' }).click();
      await o.getByTestId('certificates-issue').click();
      await expect.poll(() => o.getByTestId('certificates-no-signatory').count()).toBe(0);
      await expect
        .poll(() => o.getByTestId('certificates-count').textContent())
        .toContain('0 sertifikat terbit.');
    } finally {
      await context.close();
      await server.close();
    }
  });
});
