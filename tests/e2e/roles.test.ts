// Issue 16, end to end on phone-sized Chromium with touch: each role sees its own app, and
// work the server refused is shown where it was made. A trainer's phone marks someone
// with the server out of reach while the organiser finishes the session; once it sends,
// the refusal is on that person's roster row (the status it tried, why, what to do) and
// the badge says it needs attention; reopened, "Coba lagi" gets the mark through. A
// participant's phone has no staff navigation and no way to a check-in button.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  DEMO_EVENT_ID,
  demoBatches,
  demoEvent,
  demoParticipants,
  demoSessions,
} from '#domain/demo';
import type { AttendanceMark } from '#domain/model';
import { createEnrollCode } from '#server/auth';
import { rowsOfEvent } from '#server/store/rows';
import { closeSession, enrollDevice, freshNip } from '#tests/server/support';
import {
  badge,
  cutServer,
  launchBrowser,
  restoreServer,
  sendNow,
  serveApp,
  type AppServer,
} from './support';

const SESSION = demoSessions[1]!; // Angkatan I, 08.15–09.45 WITA
const PERSON = demoParticipants.find((p) => p.batchId === SESSION.batchId)!;
const CLOSED = 'Sesi sudah diselesaikan: hanya panitia yang dapat mengubah kehadirannya';

let browser: Browser;
let server: AppServer;
const contexts: BrowserContext[] = [];
beforeAll(async () => {
  [browser, server] = await Promise.all([launchBrowser(), serveApp()]);
});
afterAll(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
  await server?.stop();
});

async function phone(): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
  });
  contexts.push(context);
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return page;
}

const navLinks = (page: Page) => page.getByRole('navigation').getByRole('link').allTextContents();
const markOf = (personId: string) =>
  rowsOfEvent<AttendanceMark>(server.db, DEMO_EVENT_ID, 'marks')
    .map((r) => r.data)
    .filter((m) => m.sessionId === SESSION.id && m.participantId === personId);

describe('a trainer’s mark refused because the session was finished', () => {
  it('is shown on the person’s roster row, with why and what to do; retried, it goes through', async () => {
    const t = await phone();
    const context = t.context();
    await t.goto(`${server.url}/#/device`);
    const code = createEnrollCode(server.db, {
      role: 'trainer',
      eventId: DEMO_EVENT_ID,
      name: 'HP Narasumber',
      sessionIds: [SESSION.id],
    }).code;
    await t.getByTestId('enroll-code').fill(code);
    await t.getByRole('button', { name: 'Daftarkan' }).tap();
    await expect.poll(() => t.getByTestId('device-role').textContent()).toBe('Narasumber');
    await expect
      .poll(() => t.getByTestId('sync-state').textContent(), { timeout: 20_000 })
      .toBe('Tersinkron');
    // Its app: its sessions and its device.
    expect(await navLinks(t)).toEqual(['Sesi', 'Perangkat']);

    await t.getByRole('link', { name: 'Sesi', exact: true }).tap();
    await t.getByTestId('session').tap();
    const rows = t.getByTestId('roster-row');
    await expect.poll(() => rows.count()).toBe(3);
    // The open session is in the address: a reload reopens it.
    expect(t.url()).toBe(`${server.url}/#/sessions/${SESSION.id}`);
    await t.reload();
    await expect.poll(() => rows.count()).toBe(3);

    // Names are touch targets a finger can hit (44 px); each status has its own colour
    // beside its word (Izin and Sakit used to share one).
    const row = rows.filter({ hasText: PERSON.fullName });
    const name = row.getByRole('button', { name: PERSON.fullName, exact: true });
    expect((await name.boundingBox())!.height).toBeGreaterThanOrEqual(44);
    const other = rows.filter({ hasNotText: PERSON.fullName }).first();
    await other.getByTestId('status').click({ button: 'right' });
    const chooser = other.getByRole('group');
    const colours = await chooser
      .getByRole('button')
      .evaluateAll((buttons) => buttons.map((b) => getComputedStyle(b).backgroundColor));
    expect(new Set(colours).size).toBe(5);
    await chooser.getByRole('button', { name: 'Izin', exact: true }).tap();
    await expect.poll(() => other.getByTestId('status').textContent()).toBe('Izin');
    await expect.poll(() => badge(t), { timeout: 30_000 }).toBe('Semua tersimpan'); // sent

    // The server out of reach, the trainer marks; meanwhile the organiser finishes it.
    await cutServer(context);
    await row.getByTestId('status').tap();
    await expect.poll(() => row.getByTestId('status').textContent()).toBe('Hadir');
    const organiser = await enrollDevice(server, 'organiser');
    const closed = await organiser.send(closeSession(SESSION.id, true, { eventId: DEMO_EVENT_ID }));
    expect(closed.results[0]!.status).toBe('applied');

    await restoreServer(context);
    await sendNow(t);
    const refused = row.getByTestId('refused-mark');
    await expect.poll(() => refused.count(), { timeout: 30_000 }).toBe(1);
    expect(await refused.textContent()).toContain('Ditolak server: Hadir');
    expect(await refused.getByTestId('refused-reason').textContent()).toBe(CLOSED);
    expect(await refused.textContent()).toContain('Minta panitia membuka kembali sesi');
    expect(await row.getByTestId('status').textContent()).toBe('Belum ditandai');
    await expect.poll(() => badge(t)).toBe('1 perlu perhatian');
    await expect.poll(() => t.getByTestId('session-closed').count(), { timeout: 30_000 }).toBe(1);
    expect(markOf(PERSON.id)).toHaveLength(0);

    // The organiser reopens it; "Coba lagi" sends the mark again, and now it is taken.
    await organiser.send(closeSession(SESSION.id, false, { eventId: DEMO_EVENT_ID }));
    await refused.getByRole('button', { name: 'Coba lagi' }).tap();
    await expect.poll(() => markOf(PERSON.id).length, { timeout: 30_000 }).toBe(1);
    expect(markOf(PERSON.id)[0]!.status).toBe('hadir');
    await expect.poll(() => badge(t), { timeout: 30_000 }).toBe('Semua tersimpan');
    expect(await refused.count()).toBe(0);
    await expect
      .poll(() => row.getByTestId('status').textContent(), { timeout: 30_000 })
      .toBe('Hadir');
  }, 180_000);
});

describe('a participant’s phone', () => {
  it('has no staff navigation and no way to a check-in button', async () => {
    const page = await phone();
    await page.goto(`${server.url}/r/${DEMO_EVENT_ID}`);
    await expect.poll(() => page.getByTestId('event-name').textContent()).toBe(demoEvent.name);
    await register(page, 'Nurul Hidayah, S.IP.');
    await expect
      .poll(() => page.getByTestId('ticket-status').textContent(), { timeout: 20_000 })
      .toContain('Terkirim');

    // The ticket replaced the form the person scrolled to the end of: it opens at its top,
    // the QR in view.
    const qrInView = async () => {
      const box = (await page.getByTestId('qr').boundingBox())!;
      return box.y >= 0 && box.y + box.height <= 844;
    };
    expect(await page.evaluate(() => scrollY)).toBe(0);
    expect(await qrInView()).toBe(true);

    const ticket = `${server.url}/r/${DEMO_EVENT_ID}`;
    const staffFree = async () => {
      await page.getByTestId('ticket').waitFor();
      expect(await page.getByRole('navigation').count()).toBe(0);
      expect(await page.getByRole('button', { name: 'Check-in' }).count()).toBe(0);
      expect(await page.getByTestId('sync-badge').count()).toBe(0);
    };
    for (const hash of ['#/checkin', '#/participants', '']) {
      await page.goto(`${server.url}/${hash}`);
      await expect.poll(() => page.url()).toBe(ticket);
      await staffFree();
      expect(await qrInView()).toBe(true);
    }

    // Its certificate page stands alone, with the way back to the ticket; a staff route
    // typed from there goes to the ticket too.
    await page.getByTestId('certificate-link').tap();
    await page.getByTestId('standalone-header').waitFor();
    await page.getByTestId('my-certificate-state').waitFor();
    expect(await page.getByRole('navigation').count()).toBe(0);
    expect(await page.getByTestId('sync-badge').count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Kembali ke tiket' }).count()).toBe(1);
    await page.evaluate(() => (location.hash = '#/participants'));
    await expect.poll(() => page.url()).toBe(ticket);
    await staffFree();
  }, 120_000);
});

/** Fill the registration form by its visible labels and send it. */
async function register(page: Page, name: string): Promise<void> {
  await page.getByLabel('Nama lengkap dengan gelar').fill(name);
  await page.getByLabel('Status kepegawaian').selectOption('pns');
  await page.getByLabel('NIP', { exact: true }).fill(freshNip('P'));
  await page.getByLabel('Perempuan').check();
  await page.getByLabel('Jabatan').selectOption('pustakawan_ahli_pertama');
  await page.getByLabel('Instansi / unit kerja').fill('Dinas Perpustakaan Kota Banjarbaru');
  await page.getByLabel('Kabupaten/kota').selectOption('63.72');
  await page.getByLabel('Jenis perpustakaan').selectOption('umum_kabkota');
  await page.getByLabel('Nomor HP/WhatsApp').fill('0812 5111 0321');
  await page.getByRole('radio', { name: new RegExp(`^${demoBatches[0]!.name}(\\s|$)`) }).check();
  await page.getByLabel('Ya', { exact: true }).check();
  await page.getByLabel(/Saya setuju/).check();
  await page.getByRole('button', { name: 'Daftar' }).tap();
}
