// Issue 4, end to end: the organiser sets up a new event with two sessions (one per
// batch) and creates a check-in desk and a trainer device; the desk enrols from its short
// code and sees the event's participants; the trainer enrols and sees only its session's
// roster, without phone numbers; revoking the desk makes its next sync say so while its
// unsent check-in stays on the tablet.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { setOrganiserPassword } from '#server/auth';
import { getRow } from '#server/store/rows';
import { deviceFor, person, register, request } from '#tests/server/support';
import {
  cutServer,
  launchBrowser,
  restoreServer,
  serveApp,
  unreachable,
  type AppServer,
} from './support';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const PASSWORD = 'rahasia-panitia-2026';

async function newPage(context: BrowserContext, url: string): Promise<Page> {
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await page.goto(url);
  return page;
}

/** Three phones register through the public join link, over real HTTP. */
async function phonesRegister(server: AppServer, eventId: string, batchIds: string[]) {
  const people = [
    person({
      eventId,
      batchId: batchIds[0]!,
      fullName: 'Rahmat Hidayat, S.IP.',
      phone: '+6281251110001',
    }),
    person({ eventId, batchId: batchIds[0]!, fullName: 'Ahmad Fauzi', phone: '+6281251110002' }),
    person({
      eventId,
      batchId: batchIds[1]!,
      fullName: 'Muhammad Ridho, S.Hum.',
      phone: '+6281251110003',
    }),
  ];
  for (const p of people) {
    const clientId = `c-phone-${crypto.randomUUID()}`;
    const joined = await request(server.url, `/api/v1/events/${eventId}/join`, {
      body: { deviceInfo: { clientId } },
    });
    expect(joined.status, joined.text).toBe(200);
    const enrolled = joined.json as {
      token: string;
      deviceId: string;
      role: 'participant';
      eventId: string;
    };
    const phone = deviceFor(server.url, { ...enrolled, clientId });
    const res = await phone.send(register(p));
    expect(res.results[0]!.status).toBe('applied');
  }
  return people;
}

describe('organiser sets up an event and puts a desk and a trainer to work', () => {
  it('event, two sessions, desk and trainer codes, rosters by role, revocation', async () => {
    const server = await serveApp();
    setOrganiserPassword(server.db, PASSWORD);
    const contexts: BrowserContext[] = [];
    const context = async (width: number, height: number) => {
      const c = await browser.newContext({ viewport: { width, height } });
      contexts.push(c);
      return c;
    };
    try {
      // 1. Sign in and create the event.
      const o = await newPage(await context(1100, 900), `${server.url}/#/organiser`);
      await o.getByTestId('organiser-password').fill(PASSWORD);
      await o.getByRole('button', { name: 'Masuk' }).click();
      await o.getByRole('button', { name: 'Kegiatan baru' }).click();
      await o.getByLabel('Nama kegiatan').fill('Bimtek Pustakawan Kalsel 2026');
      // A new event starts empty: nothing of the demo's, its organiser's name included.
      await o.getByLabel('Penyelenggara (instansi)').fill('Dispersip Kalsel');
      await o.getByLabel('Tanggal mulai').fill('2026-12-01');
      await o.getByLabel('Tanggal selesai').fill('2026-12-04');
      // A wrong field first: the error is named and nothing is created.
      await o.getByLabel('Menit per JP').fill('0');
      await o.getByRole('button', { name: 'Buat kegiatan' }).click();
      await expect
        .poll(() => o.getByTestId('event-minutesPerJp-error').textContent())
        .toBe('Menit per JP harus bilangan bulat 1–240');
      await o.getByLabel('Menit per JP').fill('45');
      await o.getByRole('button', { name: 'Buat kegiatan' }).click();
      const created = () =>
        server.db
          .prepare("SELECT id FROM rows WHERE tbl = 'events' AND json_extract(data, '$.name') = ?")
          .get('Bimtek Pustakawan Kalsel 2026') as { id: string } | undefined;
      await expect.poll(() => created()?.id).toBeDefined();
      const eventId = created()!.id;
      // The console now manages the new event (its form, back from the create form).
      await expect.poll(() => o.getByRole('button', { name: 'Kegiatan baru' }).count()).toBe(1);
      await expect
        .poll(() => o.getByLabel('Nama kegiatan').inputValue())
        .toBe('Bimtek Pustakawan Kalsel 2026');

      // 2. Two batches, one session each.
      await o.getByRole('button', { name: 'Angkatan & sesi' }).click();
      for (const code of ['A1', 'A2']) {
        await o.getByRole('button', { name: 'Tambah angkatan' }).click();
        await o.getByLabel('Kode (mis. A1)').fill(code);
        await o.getByRole('button', { name: 'Simpan' }).click();
      }
      await expect.poll(() => o.getByTestId('batch').count()).toBe(2);
      for (const [i, title] of [
        [0, 'Kebijakan jabatan fungsional pustakawan'],
        [1, 'Skema sertifikasi dan portofolio'],
      ] as const) {
        await o.getByTestId('batch').nth(i).getByRole('button', { name: 'Tambah sesi' }).click();
        await o.getByLabel('Judul materi').fill(title);
        await o.getByLabel('Mulai', { exact: true }).fill('08:00');
        await o.getByLabel('Selesai', { exact: true }).fill('09:30');
        await o.getByRole('button', { name: 'Simpan' }).click();
      }
      await expect.poll(() => o.getByTestId('session').count()).toBe(2);
      await expect.poll(() => o.getByTestId('sync-badge').textContent()).toBe('Semua tersimpan');
      const batchIds = (
        server.db
          .prepare(
            "SELECT id FROM rows WHERE tbl = 'batches' AND event_id = ? ORDER BY json_extract(data, '$.code')",
          )
          .all(eventId) as { id: string }[]
      ).map((r) => r.id);
      expect(batchIds).toHaveLength(2);
      expect(getRow(server.db, 'events', eventId)?.data).toMatchObject({ minutesPerJp: 45 });

      const people = await phonesRegister(server, eventId, batchIds);

      // 3. A desk code and a trainer code for the first session.
      await o.getByRole('button', { name: 'Perangkat' }).click();
      await o.getByTestId('new-device-role').selectOption('staff');
      await o.getByTestId('new-device-name').fill('Meja 1');
      await o.getByRole('button', { name: 'Buat kode pendaftaran' }).click();
      const deskCode = (await o.getByTestId('code-text').textContent())!;
      await o.getByTestId('new-device-role').selectOption('trainer');
      await o.getByTestId('new-device-name').fill('HP Narasumber');
      await o.getByLabel(/Kebijakan jabatan fungsional pustakawan/).check();
      await o.getByRole('button', { name: 'Buat kode pendaftaran' }).click();
      await expect.poll(() => o.getByTestId('code-text').textContent()).not.toBe(deskCode);
      const trainerCode = (await o.getByTestId('code-text').textContent())!;

      // 4. The desk enrols from the short code and sees the event's participants.
      const deskContext = await context(1024, 768);
      const d = await newPage(deskContext, `${server.url}/#/device`);
      await d.getByTestId('enroll-code').fill(deskCode);
      await d.getByRole('button', { name: 'Daftarkan' }).click();
      await expect.poll(() => d.getByTestId('device-role').textContent()).toBe('Petugas check-in');
      await d.getByRole('link', { name: 'Peserta' }).click();
      await expect.poll(() => d.getByTestId('participant').count()).toBe(people.length);

      // 5. The trainer enrols and sees its session's roster only, with no phone numbers.
      const t = await newPage(await context(412, 915), `${server.url}/#/device`);
      await t.getByTestId('enroll-code').fill(trainerCode);
      await t.getByRole('button', { name: 'Daftarkan' }).click();
      await expect.poll(() => t.getByTestId('device-role').textContent()).toBe('Narasumber');
      // (A trainer's app is its sessions and its device: the roster is the session's.)
      await t.getByRole('link', { name: 'Sesi', exact: true }).click();
      await t.getByTestId('session').click();
      await expect.poll(() => t.getByTestId('roster-row').count()).toBe(2);
      const roster = (await t.getByTestId('roster-row').allTextContents()).join(' ');
      expect(roster).toContain('Rahmat Hidayat, S.IP.');
      expect(roster).toContain('Ahmad Fauzi');
      expect(roster).not.toContain('Muhammad Ridho'); // another batch's session
      const stored = await t.evaluate(async () => {
        const dump: unknown[] = [];
        const open = indexedDB.open('hadir');
        const idb = await new Promise<IDBDatabase>(
          (ok) => (open.onsuccess = () => ok(open.result)),
        );
        const all = idb.transaction('participants').objectStore('participants').getAll();
        await new Promise((ok) => (all.onsuccess = ok));
        dump.push(...all.result);
        return JSON.stringify(dump);
      });
      expect(stored).toContain('Rahmat Hidayat, S.IP.'); // the dump is the roster itself
      for (const p of people) expect(stored).not.toContain(p.phone.slice(3));
      expect(stored).not.toContain(people[0]!.nip!);

      // 6. The desk checks someone in offline; meanwhile the organiser revokes it.
      await cutServer(deskContext);
      await d.getByTestId('participant').first().getByRole('button', { name: 'Check-in' }).click();
      await expect.poll(() => d.getByTestId('sync-badge').textContent()).toBe(unreachable(1));
      await o.getByRole('button', { name: 'Muat ulang daftar' }).click();
      const row = o.getByTestId('device-row').filter({ hasText: 'Meja 1' });
      o.once('dialog', (dialog) => void dialog.accept());
      await row.getByRole('button', { name: 'Cabut' }).click();
      await expect.poll(() => row.textContent()).toContain('Dicabut');

      await restoreServer(deskContext);
      await d.getByRole('link', { name: 'Perangkat' }).click();
      await expect
        .poll(() => d.getByTestId('sync-state').textContent(), { timeout: 20_000 })
        .toBe('Perangkat dicabut oleh panitia');
      expect(await d.getByTestId('unsent-count').textContent()).toBe('1');
      expect(await d.getByRole('button', { name: 'Simpan antrean ke file' }).isVisible()).toBe(
        true,
      );
      const checkins = server.db
        .prepare("SELECT count(*) AS n FROM rows WHERE tbl = 'checkins' AND event_id = ?")
        .get(eventId) as { n: number };
      expect(checkins.n).toBe(0);
    } finally {
      for (const c of contexts) await c.close();
      await server.stop();
    }
  }, 180_000);
});
