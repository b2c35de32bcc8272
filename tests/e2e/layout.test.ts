// Issue 16: no screen scrolls sideways, on a 390 px phone or a 1024 px tablet, for any
// role: the organiser's every screen and console tab, a desk's, a trainer's (its list, an
// open roster, its device), a participant's (the registration page, the ticket, the
// certificate page) and the public certificate check. And every tab a device has is in
// view, none pushed off the edge. One server for the file, one browser context per role.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DEMO_EVENT_ID, demoBatches, demoEvent, demoSessions } from '#domain/demo';
import { createEnrollCode, setOrganiserPassword } from '#server/auth';
import { freshNip } from '#tests/server/support';
import { launchBrowser, serveApp, type AppServer } from './support';

const SIZES = [
  { width: 390, height: 844 },
  { width: 1024, height: 768 },
] as const;
const PASSWORD = 'rahasia-panitia-2025';
const SESSION = demoSessions[1]!;

let browser: Browser;
let server: AppServer;
const contexts: BrowserContext[] = [];
beforeAll(async () => {
  [browser, server] = await Promise.all([launchBrowser(), serveApp()]);
  setOrganiserPassword(server.db, PASSWORD);
});
afterAll(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
  await server?.stop();
});

async function device(): Promise<Page> {
  const context = await browser.newContext({ viewport: SIZES[0] });
  contexts.push(context);
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return page;
}

/** The screen as it is now: nothing wider than the window, every tab inside it. */
async function fits(page: Page, what: string): Promise<void> {
  // Late content (a list from the server, a chart) may widen a screen after it appears.
  await page.waitForTimeout(300);
  const { scroll, client, tabs } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
    tabs: [...document.querySelectorAll('nav a')].map((a) => {
      const r = a.getBoundingClientRect();
      return { name: a.textContent?.trim(), left: r.left, right: r.right };
    }),
  }));
  const at = `${what} at ${page.viewportSize()!.width} px`;
  expect.soft(scroll, `${at} scrolls sideways`).toBeLessThanOrEqual(client);
  for (const tab of tabs) {
    expect
      .soft(tab.left >= 0 && tab.right <= client, `${at}: tab ${tab.name} out of view`)
      .toBe(true);
  }
}

/** Open a hash route and wait for its heading. */
async function open(page: Page, hash: string): Promise<void> {
  await page.goto(`${server.url}/${hash}`);
  await page.locator('main h1').first().waitFor();
}

async function everySize(page: Page, screens: [string, () => Promise<void>][]): Promise<void> {
  for (const size of SIZES) {
    await page.setViewportSize(size);
    for (const [what, show] of screens) {
      await show();
      await fits(page, what);
    }
  }
}

async function enrol(page: Page, code: string, role: string): Promise<void> {
  await open(page, '#/device');
  await page.getByTestId('enroll-code').fill(code);
  await page.getByRole('button', { name: 'Daftarkan' }).click();
  await expect.poll(() => page.getByTestId('device-role').textContent()).toBe(role);
  await expect
    .poll(() => page.getByTestId('sync-state').textContent(), { timeout: 20_000 })
    .toBe('Tersinkron');
}

describe('no screen scrolls sideways', () => {
  it('the organiser: every screen and every console tab', async () => {
    const page = await device();
    await open(page, '#/organiser');
    await page.getByTestId('organiser-password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Masuk' }).click();
    const tabs = page.getByRole('group', { name: 'Bagian konsol' }).getByRole('button');
    await expect.poll(() => tabs.count()).toBe(9);
    const names = await tabs.allTextContents();
    const consoleTab = (name: string) => async () => {
      if (!page.url().endsWith('#/organiser')) await open(page, '#/organiser');
      await tabs.filter({ hasText: name }).first().click();
      await page.locator('main h2').first().waitFor();
      if (name === 'Dasbor') await page.getByTestId('dashboard-counts').waitFor();
    };
    await everySize(page, [
      ...['#/event', '#/checkin', '#/sessions', '#/participants', '#/device'].map(
        (hash) => [hash, () => open(page, hash)] as [string, () => Promise<void>],
      ),
      ...names.map(
        (name) => [`console: ${name}`, consoleTab(name)] as [string, () => Promise<void>],
      ),
    ]);
  }, 180_000);

  it('a desk: the desk, the participants, the event, its device', async () => {
    const page = await device();
    await enrol(page, server.code('staff'), 'Petugas check-in');
    await everySize(
      page,
      ['#/checkin', '#/participants', '#/event', '#/device'].map((hash) => [
        hash,
        () => open(page, hash),
      ]),
    );
  }, 120_000);

  it('a trainer: its sessions, an open roster, its device', async () => {
    const page = await device();
    const code = createEnrollCode(server.db, {
      role: 'trainer',
      eventId: DEMO_EVENT_ID,
      sessionIds: [SESSION.id],
    }).code;
    await enrol(page, code, 'Narasumber');
    await everySize(page, [
      ['sessions', () => open(page, '#/sessions')],
      [
        'roster',
        async () => {
          await open(page, `#/sessions/${SESSION.id}`);
          await page.getByTestId('roster-row').first().waitFor();
        },
      ],
      ['device', () => open(page, '#/device')],
    ]);
    // With the server out of reach and marks unsent, the badge's longest words.
    await page.context().route('**/api/**', (route) => route.abort('internetdisconnected'));
    await open(page, `#/sessions/${SESSION.id}`);
    await page.getByTestId('status').first().click();
    await page.getByTestId('sync-badge').click();
    await page.locator('#sync-detail').getByTestId('send-now').click();
    await expect
      .poll(() => page.getByTestId('sync-badge').textContent())
      .toBe('Tidak terhubung ke server · 1 belum terkirim');
    await everySize(page, [['roster, its marks unsent', async () => undefined]]);
    await page.context().unroute('**/api/**');
  }, 120_000);

  it('a participant: the registration page, the ticket, the certificate page; the public check', async () => {
    const page = await device();
    const registration = async () => {
      await page.goto(`${server.url}/r/${DEMO_EVENT_ID}`);
      await expect.poll(() => page.getByTestId('event-name').textContent()).toBe(demoEvent.name);
    };
    await everySize(page, [['registration page', registration]]);

    await page.getByLabel('Nama lengkap dengan gelar').fill('Hj. Siti Khadijah Noorhasanah, S.IP.');
    await page.getByLabel('Status kepegawaian').selectOption('pns');
    await page.getByLabel('NIP', { exact: true }).fill(freshNip('P'));
    await page.getByLabel('Perempuan').check();
    await page.getByLabel('Jabatan').selectOption('pustakawan_ahli_pertama');
    await page.getByLabel('Instansi / unit kerja').fill('Dinas Perpustakaan Kota Banjarbaru');
    await page.getByLabel('Kabupaten/kota').selectOption('63.72');
    await page.getByLabel('Jenis perpustakaan').selectOption('umum_kabkota');
    await page.getByLabel('Nomor HP/WhatsApp').fill('0812 5111 0456');
    await page.getByRole('radio', { name: new RegExp(`^${demoBatches[0]!.name}(\\s|$)`) }).check();
    await page.getByLabel('Ya', { exact: true }).check();
    await page.getByLabel(/Saya setuju/).check();
    await page.getByRole('button', { name: 'Daftar' }).click();
    await expect
      .poll(() => page.getByTestId('ticket-status').textContent(), { timeout: 20_000 })
      .toContain('Terkirim');

    await everySize(page, [
      [
        'ticket',
        async () => {
          await registration();
          await page.getByTestId('ticket').waitFor();
        },
      ],
      [
        'certificate page',
        async () => {
          await page.goto(`${server.url}/#/certificate`);
          await page.getByTestId('my-certificate-state').waitFor();
        },
      ],
      [
        'certificate check',
        async () => {
          await page.goto(`${server.url}/#/verify/ABCD-EFGH-JKLM`);
          await page.getByTestId('verify-verdict').waitFor();
        },
      ],
    ]);
  }, 120_000);
});
