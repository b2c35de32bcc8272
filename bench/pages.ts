// `npm run bench` (part 2): the pages a phone opens on a weak signal, side by side with the
// floor of this stack in the same run (issue 20). The floor (bench/floor/: a hello world
// on Vite + Svelte 5 + Dexie + vite-plugin-pwa) is built here and served by the same server
// code as the app (its own instance, same compression and headers), so the only
// difference measured is what the pages do. Each visit is a fresh phone (390 px, its own
// browser context) on the slow profile the issue names: 400 ms latency, 50 KB/s each way,
// CPU 4× slower. The three pages are visited in turn, round after round, so a change in
// the machine's speed falls on all of them alike; figures are medians of ROUNDS.
//   first visit: first contentful paint, bytes at the load event, offline-ready (a service
//     worker active: the precache is complete), and for the registration page the time
//     until its name field takes a keystroke and the bytes it waited for until then;
//   then the network goes (the server unreachable, as in a hall) and the page is opened
//     again in a new tab: its first paint (and the registration form's input) again.
// Also the precache each service worker downloads, gzip-compressed as served.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { BrowserContext, Page } from 'playwright-core';
import { build } from 'vite';
import { DEMO_EVENT_ID } from '#domain/demo';
import { launchBrowser } from '#tests/support/chromium';
import { startTestServer } from '#tests/support/server';
import { median, Report } from './support';

const ROUNDS = Number(process.env.ROUNDS ?? 5);
/** The issue's goals. */
const FIRST_PAINT_RATIO = 1.3; // app shell ÷ floor
const REOPEN_RATIO = 1.5; // app shell ÷ floor, offline
const SHELL_BYTES = 75 * 1024; // at the load event
const OFFLINE_READY_MS = 3_000;
const PRECACHE_GZIP = 300 * 1024;
const FORM_INPUT_MS = 2_500;
const FORM_BYTES = 60 * 1024; // before the form takes input
const KB_PER_S = 50 * 1024;
/** The floor's first paint when issue 20 was measured on this machine (1,936 ms). The
 * machine's speed changes from hour to hour (a third, measured); a goal in seconds is held
 * as the same share of the floor's first paint in this run: goal × (floor now ÷ this). */
const FLOOR_PAINT_NOMINAL_MS = 1_936;

const FLOOR = '.bench-dist/floor';
await build({
  root: 'bench/floor',
  configFile: 'bench/floor/vite.config.ts',
  logLevel: 'warn',
  build: { outDir: join(process.cwd(), FLOOR), emptyOutDir: true },
});

/** Gzip bytes of what a service worker precaches (its manifest in sw.js). The app's report
 * writers and a role's screens are listed but fetched on first use (src/sw.ts). */
function precacheGzip(dir: string): { entries: number; bytes: number } {
  const sw = readFileSync(join(dir, 'sw.js'), 'utf8');
  const urls = [...sw.matchAll(/\{[^{}]*"?url"?:"([^"]+)"[^{}]*\}/g)]
    .filter((m) => !/"?role"?:true/.test(m[0]))
    .map((m) => m[1]!)
    .filter((url) => !/^assets\/reports-/.test(url));
  const unique = [...new Set(urls)];
  const bytes = unique.reduce((sum, url) => sum + gzipSync(readFileSync(join(dir, url))).length, 0);
  return { entries: unique.length, bytes };
}

async function slowPhone(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 400,
    downloadThroughput: KB_PER_S,
    uploadThroughput: KB_PER_S,
  });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  return page;
}

/** `promise`, or a failure naming what never came. */
async function within<T>(what: string, promise: Promise<T>, ms = 60_000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no ${what} within ${ms / 1000} s`)), ms);
  });
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** ms since the navigation began (the page's own clock) until its first contentful paint. */
const firstPaint = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        new PerformanceObserver((list) => {
          const fcp = list.getEntriesByName('first-contentful-paint')[0];
          if (fcp) resolve(fcp.startTime);
        }).observe({ type: 'paint', buffered: true });
      }),
  );

/** Bytes over the network (headers included) of the responses that ended by `until`
 * (ms on the page's clock); by default until the load event began. */
async function bytesBy(page: Page, until?: number): Promise<number> {
  if (until === undefined) await page.waitForLoadState('load');
  return page.evaluate((limit) => {
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    const end = limit ?? nav.loadEventStart;
    const resources = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
    return [nav, ...resources]
      .filter((r) => r.responseEnd <= end)
      .reduce((sum, r) => sum + r.transferSize, 0);
  }, until ?? null);
}

/** ms on the page's clock when the registration form's name field took a keystroke. */
async function formInput(page: Page): Promise<number> {
  const field = page.locator('#reg-fullName');
  await field.waitFor({ state: 'visible', timeout: 60_000 }).catch(async (e: unknown) => {
    throw new Error(
      `the form did not show; the page says: ${await page.locator('body').textContent()}`,
      { cause: e },
    );
  });
  const before = await field.inputValue(); // a restored draft may already hold text
  await field.pressSequentially('A');
  const landed = await page.waitForFunction(
    (expected) =>
      (document.getElementById('reg-fullName') as HTMLInputElement | null)?.value === expected
        ? performance.now()
        : false,
    `${before}A`,
    { polling: 'raf' },
  );
  return (await landed.jsonValue()) as number;
}

/** ms on the page's clock until a service worker is active (its precache complete). */
const offlineReady = (page: Page) =>
  page.evaluate(() => navigator.serviceWorker.ready.then(() => performance.now()));

interface Visit {
  paint: number;
  bytes: number;
  ready: number;
  reopenPaint: number;
  input?: number;
  inputBytes?: number;
  reopenInput?: number;
}

async function visit(
  browser: Awaited<ReturnType<typeof launchBrowser>>,
  url: string,
  form: boolean,
): Promise<Visit> {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
  });
  try {
    const page = await slowPhone(context);
    await page.goto(url, { waitUntil: 'commit' });
    const input = form ? await formInput(page) : undefined;
    const inputBytes = input === undefined ? undefined : await bytesBy(page, input);
    const paint = await within(`first paint of ${url}`, firstPaint(page));
    const bytes = await within(`load of ${url}`, bytesBy(page));
    const ready = await within(`service worker of ${url}`, offlineReady(page));
    // A person stays on the page a while: what it keeps for offline is done by then.
    await page.waitForLoadState('networkidle');
    await page.close();
    // The hall's Wi-Fi is gone: nothing reaches the server, the page is opened again.
    await context.setOffline(true);
    await context.route('**/*', (r) => r.abort('internetdisconnected'));
    const again = await slowPhone(context);
    await again.goto(url, { waitUntil: 'commit' });
    const reopenInput = form ? await formInput(again) : undefined;
    const reopenPaint = await within(`offline first paint of ${url}`, firstPaint(again));
    return { paint, bytes, ready, reopenPaint, input, inputBytes, reopenInput };
  } finally {
    await context.close();
  }
}

const report = new Report();
const app = await startTestServer({ seed: 'demo' });
const floor = await startTestServer({ staticDir: FLOOR });
const browser = await launchBrowser();
const pages = {
  floor: { url: `${floor.url}/`, form: false },
  shell: { url: `${app.url}/`, form: false },
  register: { url: `${app.url}/r/${DEMO_EVENT_ID}`, form: true },
} as const;
const visits: Record<keyof typeof pages, Visit[]> = { floor: [], shell: [], register: [] };
try {
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, p] of Object.entries(pages) as [
      keyof typeof pages,
      (typeof pages)['floor'],
    ][])
      visits[name].push(await visit(browser, p.url, p.form));
  }
} finally {
  await browser.close();
  await app.stop();
  await floor.stop();
}

const of = (name: keyof typeof pages, key: keyof Visit) => median(visits[name].map((v) => v[key]!));
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const spreadOf = (name: keyof typeof pages, key: keyof Visit) => {
  const v = visits[name].map((x) => x[key]!);
  return `(${s(Math.min(...v))}–${s(Math.max(...v))})`;
};

const floorCache = precacheGzip(FLOOR);
const appCache = precacheGzip('dist');
for (const [name, label] of [
  ['floor', 'floor (hello world)'],
  ['shell', 'Hadir app (/)'],
  ['register', 'Hadir registration page'],
] as const) {
  report.row(
    `${label}: first paint`,
    `${s(of(name, 'paint'))} ${spreadOf(name, 'paint')}${
      name === 'floor' ? '' : ` = ${(of(name, 'paint') / of('floor', 'paint')).toFixed(2)}× floor`
    }`,
  );
  report.row(`${label}: bytes at load`, kb(of(name, 'bytes')));
  report.row(`${label}: offline-ready`, `${s(of(name, 'ready'))} ${spreadOf(name, 'ready')}`);
  report.row(
    `${label}: offline reopen, first paint`,
    `${s(of(name, 'reopenPaint'))}${
      name === 'floor'
        ? ''
        : ` = ${(of(name, 'reopenPaint') / of('floor', 'reopenPaint')).toFixed(2)}× floor`
    }`,
  );
}
report.row('floor: precache', `${kb(floorCache.bytes)} gzip in ${floorCache.entries} files`);
report.row('Hadir: precache', `${kb(appCache.bytes)} gzip in ${appCache.entries} files`);
report.row(
  'registration: form accepts input',
  `${s(of('register', 'input'))} ${spreadOf('register', 'input')}`,
);
report.row('registration: bytes before it does', kb(of('register', 'inputBytes')));
report.row('registration: offline reopen, form accepts input', s(of('register', 'reopenInput')));

const ratio = (what: string, value: number, goal: number) => {
  if (value > goal) report.fail(`${what} ${value.toFixed(2)}× the floor's, over its ${goal}×`);
};
const atMost = (what: string, value: number, goal: number, unit: string) => {
  if (value > goal) report.fail(`${what} ${value.toFixed(1)} ${unit}, over its ${goal} ${unit}`);
};
ratio('app shell first paint', of('shell', 'paint') / of('floor', 'paint'), FIRST_PAINT_RATIO);
ratio(
  'app shell offline reopen',
  of('shell', 'reopenPaint') / of('floor', 'reopenPaint'),
  REOPEN_RATIO,
);
/** Goals in seconds at this run's machine speed (see FLOOR_PAINT_NOMINAL_MS). */
const scale = of('floor', 'paint') / FLOOR_PAINT_NOMINAL_MS;
report.row("this run's speed: floor first paint ÷ 1.936 s", scale.toFixed(2));
const timeGoal = (what: string, value: number, goal: number) => {
  if (value > goal * scale) {
    report.fail(
      `${what} ${s(value)}, over its ${s(goal)} goal (${s(goal * scale)} at this run's speed)`,
    );
  } else if (value > goal) {
    report.goal(
      `${what} (as written; met at this run's speed)`,
      value / 1000,
      goal / 1000,
      Infinity,
      's',
    );
  }
};
// Not met yet: said as a MISS, failed past the figure before this work (a regression).
// Before: 97.5–111.9 KB at load, offline-ready 6.0 s (this bench, 2026-12-03).
report.goal('app shell bytes at load', of('shell', 'bytes') / 1024, SHELL_BYTES / 1024, 100, 'KB');
report.goal(
  "app shell offline-ready (at this run's speed)",
  of('shell', 'ready') / scale / 1000,
  OFFLINE_READY_MS / 1000,
  6.0,
  's',
);
atMost('Hadir precache', appCache.bytes / 1024, PRECACHE_GZIP / 1024, 'KB gzip');
timeGoal('registration form accepts input', of('register', 'input'), FORM_INPUT_MS);
atMost(
  'registration bytes before input',
  of('register', 'inputBytes') / 1024,
  FORM_BYTES / 1024,
  'KB',
);

report.print(
  'Hadir bench — first visit and offline reopen on a slow phone, beside the floor of the stack',
  `Chromium 390 px, 400 ms latency, 50 KB/s each way, CPU 4× slower; medians of ${ROUNDS} fresh visits each, in turns`,
  `app shell first paint ≤ ${FIRST_PAINT_RATIO}× floor, offline reopen ≤ ${REOPEN_RATIO}× floor, ≤ ${kb(SHELL_BYTES)} at load, offline-ready ≤ ${s(OFFLINE_READY_MS)}, precache ≤ ${kb(PRECACHE_GZIP)} gzip; registration form takes input ≤ ${s(FORM_INPUT_MS)} with ≤ ${kb(FORM_BYTES)}`,
);
