// `npm run bench` (part 8): tap to another screen (issue 19). Five check-in tablets
// (Chromium contexts) on one real server at 127.0.0.1, each showing the desk. One taps a
// person's check-in; the time until the "arrived" counter moves on each of the other four
// is measured from the tap (the tapping desk rotates). The check-in leaves the tablet at
// once, the server tells the other desks to pull (GET /sync/live), and they pull; the
// periodic pull (15 s) plays no part, so a miss would show as seconds.
import type { Page } from 'playwright-core';
import { demoParticipants } from '#domain/demo';
import { launchBrowser } from '#tests/support/chromium';
import { startTestServer } from '#tests/support/server';
import {
  benchPeople,
  enrolAndPull,
  percentile,
  Report,
  seedPeople,
  spread,
  tapCheckIn,
  until,
} from './support';

const DEVICES = 5;
const TAPS = 20; // × 4 watching desks = 80 samples
const TOTAL = 200; // people on the event (the demo's and generated ones)
/** The goal: on the other desks within one second. The p95 is held to it. */
const BUDGET_MS = 1_000;

const arrived = (page: Page) => page.getByTestId('count-arrived').textContent();

async function openDesk(page: Page, url: string): Promise<void> {
  await page.goto(`${url}/#/checkin`);
  await until(
    async () =>
      (await page.getByTestId('count-registered').textContent())?.trim() === String(TOTAL),
    'the desk with everyone',
  );
}

const report = new Report();
const people = benchPeople(TOTAL - demoParticipants.length);
// Measured on the demo event, as a new install holds it.
const server = await startTestServer({ seed: 'demo' });
const browser = await launchBrowser();
try {
  seedPeople(server, people);
  const pages: Page[] = [];
  for (let i = 0; i < DEVICES; i++) {
    const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
    await context.addInitScript({ content: 'globalThis.__name = (f) => f;' });
    const page = await context.newPage();
    await enrolAndPull(page, server, TOTAL);
    await openDesk(page, server.url);
    pages.push(page);
  }
  // A desk looks for its new token every 2 s and then opens its live stream: the first
  // tap after enrolment is not what is measured here.
  await new Promise((r) => setTimeout(r, 3_000));

  const samples: number[] = [];
  const withNip = people.filter((p) => p.nip); // found by one exact search
  for (let n = 0; n < TAPS; n++) {
    const person = withNip[n]!;
    const tapper = pages[n % DEVICES]!;
    const watchers = pages.filter((p) => p !== tapper);
    const before = Number(await arrived(watchers[0]!));
    const seen = watchers.map((page) =>
      page
        .waitForFunction(
          (count) =>
            Number(document.querySelector('[data-testid="count-arrived"]')?.textContent) > count,
          before,
          { timeout: 20_000, polling: 5 },
        )
        .then(() => Date.now()),
    );
    // A tap that fails is the error to report, not the watchers it left waiting.
    for (const s of seen) s.catch(() => undefined);
    const t0 = Date.now();
    await tapCheckIn(tapper, person);
    const ats = await Promise.all(seen);
    for (const at of ats) samples.push(at - t0);
    await new Promise((r) => setTimeout(r, 300)); // the next person steps up
  }
  report.row(
    `tap → other desks' counter, ${DEVICES} desks (${samples.length} samples)`,
    spread(samples),
  );
  report.budget('tap to another screen p95', percentile(samples, 95), BUDGET_MS);
} finally {
  await browser.close();
  await server.stop();
}
report.print(
  'Live updates: a check-in on one desk, on the other desks',
  `${DEVICES} Chromium tablets on one server at 127.0.0.1; the periodic pull is 15 s`,
  `p95 ≤ ${BUDGET_MS} ms`,
);
