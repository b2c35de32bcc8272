// `npm run bench` (part 5): the app's sync engine on real Chromium IndexedDB (bench/sync.ts
// runs the same on fake-indexeddb). A page of the app's own database and engine code
// (bench/client/) is built and served by the real server on 127.0.0.1, holding the demo
// event and 10,000 participants; each run is a fresh browser context (its own IndexedDB):
//   (a) pull: enrolled as check-in staff, one sync brings all 10,000 people;
//   (b) drain: 10,000 check-ins queued as the desk records them, then one sync sends them
//       all (and pulls back what the server then holds).
// Each run's figure is held against the bare IndexedDB work of it (bench/client/main.ts:
// Dexie bulkPuts of the same rows in pull-sized pages; the queue read 200 at a time and
// marked acknowledged, then the check-ins written), measured twice in the same page
// right after it: this shared machine's speed in that run.
import { build } from 'vite';
import type { Browser, Page } from 'playwright-core';
import { DEMO_EVENT_ID, demoEvent, demoParticipants } from '#domain/demo';
import { launchBrowser } from '#tests/support/chromium';
import { startTestServer } from '#tests/support/server';
import { benchPeople, median, ms, Report, seedPeople } from './support';

const TOTAL = 10_000;
const QUEUED = 10_000;
const RUNS = Number(process.env.RUNS ?? 3);
/** The goals (issue 20). */
const PULL_BUDGET_MS = 2_000;
const DRAIN_BUDGET_MS = 3_000;
/** The bare work's figures (ms) on this machine unshared, which is what the goals are for:
 * the run of this bench on 2026-12-03 at 19:42 UTC, when no other session was running
 * (medians of its 3 runs; range in brackets). Five more runs while another session ran
 * tests and browsers on the same 2 cores: the bare pull 789–1,375 ms, the bare drain
 * 2,002–3,694 ms. The pull's ratio held (1.69–1.84 in all six runs); the drain's moved
 * more (1.21–1.86): it also waits on the server, which the bare work does not. */
const NOMINAL = {
  pull: 760, // [752–775]
  drain: 2_150, // [1,479–3,221]
};
/** Over the scaled goal by no more than this share is said, not failed: the ratios' spread
 * over those six runs (pull ±5%, drain −17% to +28% about its median), rounded up. */
const TOLERANCE = { pull: 0.1, drain: 0.3 };

const OUT = '.bench-dist/client';
await build({
  configFile: false,
  root: 'bench/client',
  logLevel: 'warn',
  build: { outDir: `${process.cwd()}/${OUT}`, emptyOutDir: true },
});

interface Bench {
  enroll(code: string): Promise<void>;
  sync(): Promise<{
    ms: number;
    pushMs: number;
    pushes: number;
    pulls: number;
    pushWaited: number;
    pullWaited: number;
    pushed: number;
    pulled: number;
    state: string;
  }>;
  queue(count: number, eventId: string, ids: string[], tz: string): Promise<number>;
  pending(): Promise<number>;
  participants(): Promise<number>;
  reference: { pull(): Promise<number>; keepQueue(): Promise<void>; drain(): Promise<number> };
}
const inPage = <T>(page: Page, fn: (bench: Bench) => Promise<T>) =>
  page.evaluate(`(${fn.toString()})(globalThis.bench)`) as Promise<T>;

/** With HADIR_BENCH_PROFILE set, a CPU profile of `fn` in the page, written to .prof/. */
async function profiled<T>(page: Page, name: string, fn: () => Promise<T>): Promise<T> {
  if (!process.env.HADIR_BENCH_PROFILE) return fn();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  const result = await fn();
  const { profile } = await cdp.send('Profiler.stop');
  const { mkdirSync, writeFileSync } = await import('node:fs');
  mkdirSync('.prof', { recursive: true });
  writeFileSync(`.prof/chrome-${name}.cpuprofile`, JSON.stringify(profile));
  return result;
}

const report = new Report();
const server = await startTestServer({ seed: 'demo', staticDir: OUT });
const browser: Browser = await launchBrowser();
try {
  seedPeople(server, benchPeople(TOTAL - demoParticipants.length));
  const fresh = async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.url}/`);
    await page.waitForFunction('globalThis.bench !== undefined');
    return { context, page };
  };

  /** The bare work, twice in the run's page: its mean. */
  const twice = async (page: Page, fn: (bench: Bench) => Promise<number>) =>
    ((await inPage(page, fn)) + (await inPage(page, fn))) / 2;
  const pulls: number[] = [];
  const barePulls: number[] = [];
  let pullWait = '';
  for (let run = 0; run < RUNS; run++) {
    const { context, page } = await fresh();
    const code = server.code('staff');
    await page.evaluate(`globalThis.bench.enroll(${JSON.stringify(code)})`);
    const sync = await profiled(page, 'pull', () => inPage(page, (b) => b.sync()));
    const held = await inPage(page, (b) => b.participants());
    if (sync.state !== 'idle' || held !== TOTAL) throw new Error(`pull: ${held} people`);
    pulls.push(sync.ms);
    barePulls.push(await twice(page, (b) => b.reference.pull()));
    pullWait = `${sync.pulls} pages, ${ms(sync.pullWaited)} of it waiting for the server's answers`;
    await context.close();
  }
  report.row(`(a) pull ${TOTAL.toLocaleString('en')} participants`, runsOf(pulls));
  report.row('    the last run', pullWait);
  report.row('    the bare bulkPuts of them, in that page', runsOf(barePulls));
  report.ratio('pull 10,000 (median)', {
    value: median(pulls),
    reference: median(barePulls),
    nominal: NOMINAL.pull,
    goal: PULL_BUDGET_MS,
    unit: 'ms',
    tolerance: TOLERANCE.pull,
  });

  const drains: number[] = [];
  const bareDrains: number[] = [];
  const pushPhase: number[] = [];
  let detail = '';
  const queueing: number[] = [];
  const ids = demoParticipants.map((p) => p.id);
  for (let run = 0; run < RUNS; run++) {
    const { context, page } = await fresh();
    await page.evaluate(`globalThis.bench.enroll(${JSON.stringify(server.code('staff'))})`);
    await inPage(page, (b) => b.sync());
    queueing.push(
      (await page.evaluate(
        `globalThis.bench.queue(${QUEUED}, ${JSON.stringify(DEMO_EVENT_ID)}, ${JSON.stringify(ids)}, ${JSON.stringify(demoEvent.timezone)})`,
      )) as number,
    );
    if ((await inPage(page, (b) => b.pending())) !== QUEUED) throw new Error('queue');
    await inPage(page, (b) => b.reference.keepQueue());
    const sync = await profiled(page, 'drain', () => inPage(page, (b) => b.sync()));
    const left = await inPage(page, (b) => b.pending());
    if (sync.pushed !== QUEUED || left !== 0) throw new Error(`drain: ${JSON.stringify(sync)}`);
    drains.push(sync.ms);
    pushPhase.push(sync.pushMs);
    bareDrains.push(await twice(page, (b) => b.reference.drain()));
    detail = `${sync.pushes} pushes (${ms(sync.pushWaited)} waiting for answers), then ${sync.pulls} pull pages bringing back ${sync.pulled.toLocaleString('en')} rows (${ms(sync.pullWaited)} waiting)`;
    await context.close();
  }
  report.row(`(b) drain ${QUEUED.toLocaleString('en')} queued check-ins`, runsOf(drains));
  report.row('    of it, until the last push was answered', runsOf(pushPhase));
  report.row('    what the sync did', detail);
  report.row(
    '    queueing them (recordCheckin, 500 to a transaction; not timed)',
    runsOf(queueing),
  );
  report.row('    the bare IndexedDB work of it, in that page', runsOf(bareDrains));
  report.ratio('drain 10,000 (median)', {
    value: median(drains),
    reference: median(bareDrains),
    nominal: NOMINAL.drain,
    goal: DRAIN_BUDGET_MS,
    unit: 'ms',
    tolerance: TOLERANCE.drain,
  });
} finally {
  await browser.close();
  await server.close();
}
report.print(
  'Hadir bench — the sync engine in Chromium (real IndexedDB)',
  `the real server on 127.0.0.1, ${TOTAL.toLocaleString('en')} participants; a fresh browser context per run, ${RUNS} runs`,
  `pull ≤ ${ms(PULL_BUDGET_MS)}, drain ≤ ${ms(DRAIN_BUDGET_MS)} (medians)`,
);

function runsOf(values: number[]): string {
  return `median ${ms(median(values))} (runs ${values.map((v) => ms(v)).join(', ')})`;
}
