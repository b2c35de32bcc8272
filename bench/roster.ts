// `npm run bench` (part 5): the trainer's roster of 100 people on a phone (issue 7).
// The real server on 127.0.0.1 holds one demo batch of 100 people (the demo's 3 and 97
// generated), 70 of whom checked in at the venue that morning; a 390×844 touch Chromium
// page enrols as staff (who may mark any session) and pulls them. Then: the time to open
// the first session's roster (click until all 100 rows and the counts are on screen), and
// tap to durable mark: from the click on a row's status until IndexedDB has committed the
// transaction holding the mark and its outbox row. The roster does not measure itself, so
// the page's IndexedDB is watched from an init script; the app's code is untouched.
import type { Page } from 'playwright-core';
import { demoBatches, demoParticipants } from '#domain/demo';
import { inLanguage } from '#domain/messages';
import { coreMessages } from '#i18n/core';
import { workMessages } from '#i18n/work';

const msg = { ...inLanguage(coreMessages, 'id'), ...inLanguage(workMessages, 'id') };
import { launchBrowser } from '#tests/support/chromium';
import { startTestServer } from '#tests/support/server';
import {
  benchPeople,
  enrolAndPull,
  ms,
  Report,
  spread,
  median,
  percentile,
  pushMutations,
  seedPeople,
} from './support';

const PEOPLE = 100; // in the batch, so on the roster
const ARRIVED = 70; // checked in at the venue before (or a little after) the first session
const OPENS = 5; // back to the session list and open again, each time
const COLDS = 3; // the page reloaded, then the roster opened
const TAPS = 50; // each on another row
const PACE_MS = 300; // between taps: a trainer going down the list
const OPEN_BUDGET_MS = 1_000; // median open
const MARK_BUDGET_MS = 50; // p95 tap to durable

const batch = demoBatches[0]!;
const demo = demoParticipants.filter((p) => p.batchId === batch.id);
const people = benchPeople(2 * (PEOPLE - demo.length)).filter((p) => p.batchId === batch.id);

/** Click the first session (today's first, this batch's opening one); ms until the first
 * frame with all the rows and `unmarked` counted as unmarked. */
function openRoster(page: Page, unmarked: number): Promise<number> {
  return page.evaluate(
    async ({ rows, unmarked }) => {
      const frame = () => new Promise<number>((r) => requestAnimationFrame(r));
      const t0 = performance.now();
      document.querySelector<HTMLElement>('[data-testid="session"]')!.click();
      for (;;) {
        await frame();
        const now = performance.now();
        const shown = document.querySelectorAll('[data-testid="roster-row"]').length;
        const count = document.querySelector('[data-testid="count-unmarked"]')?.textContent;
        if (shown === rows && count?.trim() === String(unmarked)) return now - t0;
        if (now - t0 > 10_000) throw new Error(`roster: ${shown} rows, ${count} unmarked`);
      }
    },
    { rows: PEOPLE, unmarked },
  );
}

/** The session list, settled: shown with the batch's size counted. */
async function sessionList(page: Page) {
  const progress = page.getByTestId('session-progress').first();
  await progress.filter({ hasText: String(PEOPLE) }).waitFor({ timeout: 30_000 });
  await page.waitForTimeout(300);
}

/** In every page, before the app opens its database: each transaction of the kind that
 * commits a mark (the mark, its alias lookup, its outbox row, the outbox seq and clock in
 * meta) is remembered, when it was created and when IndexedDB completed (committed) it. */
const WATCH_MARKS = `
  const writes = (globalThis.__markWrites = []);
  const transaction = IDBDatabase.prototype.transaction;
  IDBDatabase.prototype.transaction = function (scope, mode, options) {
    const tx = transaction.call(this, scope, mode, options);
    if (mode === 'readwrite' && [].concat(scope).sort().join() === 'aliases,marks,meta,outbox') {
      const write = { created: performance.now(), durability: tx.durability };
      writes.push(write);
      tx.addEventListener('complete', () => (write.done = performance.now()));
    }
    return tx;
  };`;

/** Tap every other row's status in turn; per tap, ms from the click until the app's
 * transaction with the new mark was created and completed, and until the new status
 * (read back from IndexedDB by the roster) is on screen. */
function tapRows(page: Page) {
  return page.evaluate(
    async ({ taps, pace, hadir }) => {
      type Write = { created: number; done?: number; durability: string };
      const writes = (globalThis as unknown as { __markWrites: Write[] }).__markWrites;
      const frame = () => new Promise<number>((r) => requestAnimationFrame(r));
      const out = [];
      for (let i = 0; i < taps; i++) {
        const row = document.querySelectorAll('[data-testid="roster-row"]')[i * 2]!;
        const status = row.querySelector<HTMLElement>('[data-testid="status"]')!;
        const t0 = performance.now();
        status.click();
        while (status.textContent?.trim() !== hadir) {
          if ((await frame()) - t0 > 5_000) throw new Error(`tap ${i}: status not shown`);
        }
        const shown = performance.now() - t0;
        const mine = writes.filter((w) => w.created >= t0);
        const { created, done, durability } = mine[0] ?? {};
        if (mine.length !== 1 || !done) throw new Error(`tap ${i}: ${mine.length} mark writes`);
        out.push({ begun: created! - t0, durable: done - t0, shown, durability });
        await new Promise((r) => setTimeout(r, pace));
      }
      return out;
    },
    { taps: TAPS, pace: PACE_MS, hadir: msg['roster.status.hadir'] },
  );
}

// ---------------------------------------------------------------------------------------

const report = new Report();
const row = report.row.bind(report);
const budget = report.budget.bind(report);
const all = (v: number[]) => `[${v.map((x) => x.toFixed(0)).join(', ')}]`;

// Measured on the demo event, as a new install holds it.
const server = await startTestServer({ seed: 'demo' });
const browser = await launchBrowser();
try {
  seedPeople(server, people);
  // The first 70 of the roster's people checked in from 06:50 WITA, 40 s apart: the last
  // few after the 07:30 start (suggested terlambat).
  const from = new Date(`${batch.startDate}T06:50:00+08:00`).getTime();
  const arrivals = [...demo, ...people].slice(0, ARRIVED).map((p, i) => ({
    checkinId: `bench-checkin-${i + 1}`,
    eventId: p.eventId,
    participantId: p.id,
    day: batch.startDate,
    at: new Date(from + i * 40_000).toISOString(),
    method: 'qr',
  }));
  pushMutations(server, 'checkin.record', arrivals, 'bench-organiser-desk');

  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 3,
    isMobile: true,
    hasTouch: true,
  });
  // tsx keeps function names with a `__name` helper, which functions sent to the page lack.
  await context.addInitScript({ content: 'globalThis.__name = (f) => f;' });
  await context.addInitScript({ content: WATCH_MARKS });
  const page = await context.newPage();
  const pulled = demoParticipants.length + people.length;
  // The organiser's device: it marks any session (a desk no longer has the Sesi tab).
  const enrolled = await enrolAndPull(page, server, pulled, 'organiser');
  row(`enrol + pull ${pulled} people`, ms(enrolled.ms));

  await page.goto(`${server.url}/#/sessions`);
  await sessionList(page);
  const opens: number[] = [];
  for (let i = 0; i < OPENS; i++) {
    opens.push(await openRoster(page, PEOPLE));
    await page.getByRole('button', { name: msg['sessions.back'] }).click();
    await sessionList(page);
  }
  const colds: number[] = [];
  for (let i = 0; i < COLDS; i++) {
    // The open session is in the URL: leave it so the reload lands on the list.
    if (i > 0) await page.getByRole('button', { name: msg['sessions.back'] }).click();
    await page.reload();
    await sessionList(page);
    colds.push(await openRoster(page, PEOPLE));
  }
  const open = median(opens);
  row(`open the roster, click to ${PEOPLE} rows shown (median)`, `${ms(open)} ${all(opens)}`);
  row('  the first open after a reload (median)', `${ms(median(colds))} ${all(colds)}`);
  budget('roster open (median)', open, OPEN_BUDGET_MS);

  const taps = await tapRows(page);
  const durable = taps.map((t) => t.durable);
  const durability = [...new Set(taps.map((t) => t.durability))].join(', ');
  row(`tap to durable mark (${TAPS} rows, ${PACE_MS} ms apart)`, spread(durable));
  row('  tap to its transaction created (main thread)', spread(taps.map((t) => t.begun)));
  const committed = taps.map((t) => t.durable - t.begun);
  row(`  created to committed (IndexedDB, durability ${durability})`, spread(committed));
  row('  tap to the new status on screen', spread(taps.map((t) => t.shown)));
  budget('tap to durable mark p95', percentile(durable, 95), MARK_BUDGET_MS);

  await page.getByRole('button', { name: msg['sessions.back'] }).click();
  await sessionList(page);
  const marked = await openRoster(page, PEOPLE - TAPS);
  row(`open it again with ${TAPS} marked`, ms(marked));
  await context.close();
} finally {
  await browser.close();
  await server.stop();
}

report.print(
  `Hadir bench — the trainer's roster of ${PEOPLE} people on a phone`,
  'Chromium, 390×844 touch, no throttling; IndexedDB and service worker warm',
  `roster open ${OPEN_BUDGET_MS} ms (median) · tap to durable mark p95 ${MARK_BUDGET_MS} ms`,
);
